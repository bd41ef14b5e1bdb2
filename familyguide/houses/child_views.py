"""The child's screens: the three houses, what is in each, changing things, reading back, sharing."""

import base64

from flask import Response, abort, g, redirect, render_template, request, url_for

from .. import current
from ..form_input import BAD_INPUT
from ..fragments import hole, kept_parts
from ..kept_pages import kept_page
from ..numbers import read_number
from . import form as houses_form
from . import messages, store, texts
from .activity import HOUSES, HouseFull, add_thing, feel_safe, find_thing, things_in, writer
from .blueprint import bp
from .drawings import DrawingRejected, clean_png, print_copy
from .pictures import PICTURES

# The house page's list of things (its section's id): where the child lands once something is added or changed.
THINGS_ID = "things"


def _house_or_404(house):
    """A 404 for a house the Three Houses do not have."""
    if house not in HOUSES:
        abort(404)


def _things(things, added):
    """The child's ``things`` in a house, each kept but for their words; ``added`` the id of a thing just added."""
    return kept_parts(
        "houses/_thing.html",
        (
            (
                (thing["id"], thing["kind"], thing.get("picture"), thing.get("by"), thing["id"] == added),
                {"text": thing.get("text") or ""},
                {"thing": thing, "pictures": PICTURES, "is_new": thing["id"] == added},
            )
            for thing in things
        ),
    )


def render_house(house, words=None, errors=None, status=200):
    """The house page; ``words`` keeps what was typed when it could not be added."""
    _house_or_404(house)
    activity = g.activity
    in_house = things_in(activity, house)
    added = current.query_value("added")
    things = _things(in_house, added)

    def page(things):
        text = texts.house_text(g.lang, house)
        return render_template(
            "houses/house.html",
            house=text,
            things=things,
            added=bool(added),
            any_things=bool(in_house),
            pictures=PICTURES,
            words=words or houses_form.WordsInput(),
            errors=errors or {},
            prompts=[(i, prompt, texts.english_prompt(house, i)) for i, prompt in enumerate(text.prompts)],
            houses=texts.all_houses(g.lang),
            things_id=THINGS_ID,
        )

    if errors or (words and words.text):
        return page(things), status  # what the child typed is in the page: built for this request alone
    # Otherwise the page is the same for every child in this house but for what is in it: kept, with a hole.
    kept = kept_page(
        lambda: page(hole("things")), activity["worker_lang"], bool(added), bool(in_house), holes={"things": things}
    )
    return kept, status


def _saved_and_back(house, thing):
    store.save(g.activity)
    return redirect(url_for("houses.show_house", house=house, added=thing["id"], _anchor=THINGS_ID), code=303)


@bp.get("/houses")
@store.showing_activity
def choose_house():
    counts = {house: len(things_in(g.activity, house)) for house in HOUSES}
    return render_template(
        "houses/choose.html", houses=texts.all_houses(g.lang), counts=counts, chosen_face=feel_safe(g.activity)
    )


@bp.get("/houses/<house>")
@store.showing_activity
def show_house(house):
    return render_house(house)


def _add(house, kind, **fields):
    """Add a thing, or show the house with the reason it could not go in."""
    try:
        thing = add_thing(g.activity, house, kind, **fields)
    except HouseFull as full:
        return None, {kind if kind != "words" else "text": messages.HOUSE_FULL[full.reason]}
    return thing, {}


@bp.post("/houses/<house>/words")
@store.with_activity
def add_words(house):
    _house_or_404(house)
    words = houses_form.read_words(request.form, writer(g.activity))
    thing, errors = (None, words.errors) if words.errors else _add(house, "words", text=words.text, by=words.by)
    if errors:
        return render_house(house, words=words, errors=errors, status=BAD_INPUT)
    return _saved_and_back(house, thing)


@bp.post("/houses/<house>/pictures")
@store.with_activity
def add_picture(house):
    _house_or_404(house)
    picture = request.form.get("picture", "")
    if picture not in PICTURES:
        return render_house(house, errors={"picture": messages.PICTURE_MISSING}, status=BAD_INPUT)
    thing, errors = _add(house, "picture", picture=picture)
    if errors:
        return render_house(house, errors=errors, status=BAD_INPUT)
    return _saved_and_back(house, thing)


def read_drawing():
    """The uploaded drawing as a clean PNG and a JPEG for the PDF, both base64, or raise DrawingRejected."""
    upload = request.files.get("drawing")
    png = clean_png(upload.read() if upload else b"")
    return {"png": base64.b64encode(png).decode("ascii"), "jpeg": base64.b64encode(print_copy(png)).decode("ascii")}


@bp.post("/houses/<house>/drawings")
@store.with_activity
def add_drawing(house):
    _house_or_404(house)
    try:
        drawing = read_drawing()
    except DrawingRejected as rejected:
        return render_house(house, errors={"drawing": messages.DRAWING[rejected.reason]}, status=BAD_INPUT)
    thing, errors = _add(house, "drawing", **drawing)
    if errors:
        return render_house(house, errors=errors, status=BAD_INPUT)
    return _saved_and_back(house, thing)


@bp.post("/houses/<house>/prompts")
@store.with_activity
def save_prompts(house):
    _house_or_404(house)
    chosen = sorted({n for n in (read_number(i, 3) for i in request.form.getlist("prompt")) if n is not None})
    g.activity["prompts"][house] = [p for p in (texts.english_prompt(house, i) for i in chosen) if p]
    store.save(g.activity)
    return redirect(url_for("houses.show_worker_page", _anchor=f"prompts-{house}"), code=303)


@bp.get("/things/<thing_id>/drawing.png")
@store.with_activity
def show_drawing(thing_id):
    thing = find_thing(g.activity, thing_id)
    if thing is None or thing["kind"] != "drawing":
        abort(404)
    return Response(base64.b64decode(thing["png"]), mimetype="image/png")
