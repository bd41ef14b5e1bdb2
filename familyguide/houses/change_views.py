"""Changing or taking out a thing, reading everything back, and asking what may be shared."""

from flask import abort, g, redirect, render_template, request, url_for

from ..form_input import BAD_INPUT
from . import form as houses_form
from . import messages, store, texts
from .activity import HOUSES, change_thing, find_thing, remove_thing, set_share, things_in
from .blueprint import bp
from .child_views import THINGS_ID, read_drawing
from .drawings import DrawingRejected
from .pictures import PICTURES

BACK_TO_READ_BACK = "read-back"


def _thing_or_404(thing_id):
    thing = find_thing(g.activity, thing_id)
    if thing is None:
        abort(404)
    return thing


def _landing(thing, back):
    """Where the child lands once ``thing`` is changed: (the page's endpoint and arguments, the id on it)."""
    if back == BACK_TO_READ_BACK:
        return ("houses.read_back", {}), f"thing-{thing['id']}"
    return ("houses.show_house", {"house": thing["house"]}), THINGS_ID


def _back_to(thing):
    (endpoint, args), anchor = _landing(thing, request.values.get("back"))
    return redirect(url_for(endpoint, _anchor=anchor, **args), code=303)


def render_change(thing, words=None, errors=None, status=200, back=None):
    """The change page; ``back`` is given when the form cannot be read (a body over the size limit)."""
    words = words or houses_form.WordsInput(text=thing["text"], by=thing["by"])
    back = request.values.get("back", "") if back is None else back
    return render_template(
        "houses/change.html",
        thing=thing,
        house=texts.house_text(g.lang, thing["house"]),
        words=words,
        errors=errors or {},
        pictures=PICTURES,
        back=back,
        landing=_landing(thing, back)[1],
    ), status


@bp.get("/things/<thing_id>")
@store.with_activity
def edit_thing(thing_id):
    return render_change(_thing_or_404(thing_id))


def _changes(thing):
    """What the form changes, or the errors that stop it."""
    if thing["kind"] == "words":
        words = houses_form.read_words(request.form, thing["by"])
        return {"text": words.text, "by": words.by}, words, words.errors
    if thing["kind"] == "picture":
        picture = request.form.get("picture", "")
        return {"picture": picture}, None, {} if picture in PICTURES else {"picture": messages.PICTURE_MISSING}
    try:
        return read_drawing(), None, {}
    except DrawingRejected as rejected:
        return {}, None, {"drawing": messages.DRAWING[rejected.reason]}


@bp.post("/things/<thing_id>")
@store.with_activity
def update_thing(thing_id):
    thing = _thing_or_404(thing_id)
    changes, words, errors = _changes(thing)
    if errors:
        return render_change(thing, words=words, errors=errors, status=BAD_INPUT)
    change_thing(thing, **changes)
    store.save(g.activity)
    return _back_to(thing)


@bp.post("/things/<thing_id>/remove")
@store.with_activity
def remove_thing_now(thing_id):
    thing = _thing_or_404(thing_id)
    remove_thing(g.activity, thing_id)
    store.save(g.activity)
    if request.values.get("back") == BACK_TO_READ_BACK:
        return redirect(url_for("houses.read_back"), code=303)
    return redirect(url_for("houses.show_house", house=thing["house"], _anchor=THINGS_ID), code=303)


def render_read_back(errors=None, answers=None, status=200):
    houses = [(house, things_in(g.activity, house.key)) for house in texts.all_houses(g.lang)]
    answers = answers if answers is not None else {t["id"]: t["share"] for t in g.activity["things"]}
    errors = errors or {}
    return render_template(
        "houses/read_back.html",
        houses=houses,
        errors=errors,
        answers=answers,
        pictures=PICTURES,
        field_ids={name: f"{name}-yes" for name in errors},
    ), status


@bp.get("/read-back")
@store.with_activity
def read_back():
    return render_read_back()


def read_answers(form, things):
    """The child's yes/no for each thing; unanswered things are left out of the answers."""
    values = {thing["id"]: form.get(f"share-{thing['id']}") for thing in things}
    return {thing_id: value == "yes" for thing_id, value in values.items() if value in ("yes", "no")}


@bp.post("/read-back")
@store.with_activity
def save_sharing():
    things = [t for house in HOUSES for t in things_in(g.activity, house)]
    answers = read_answers(request.form, things)
    set_share(g.activity, answers)
    store.save(g.activity)
    labels = messages.thing_labels(things, PICTURES)
    errors = {f"share-{t['id']}": messages.share_missing(labels[t["id"]]) for t in things if t["id"] not in answers}
    if errors:
        return render_read_back(errors=errors, status=BAD_INPUT)
    return redirect(url_for("houses.show_done"), code=303)


@bp.get("/thank-you")
@store.with_activity
def show_done():
    return render_template("houses/done.html")
