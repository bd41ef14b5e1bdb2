"""When a form cannot be read (its security token has expired, or the body is too big) or cannot be saved
(the database is away, or the whole Three Houses is at its size limit), say so plainly and show back what was
typed, with the rest of the work kept."""

from flask import g, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from .. import clock, i18n, site, storage
from ..text import clean_text
from . import form as houses_form
from . import messages, store
from .activity import HOUSES, find_thing, writer
from .blueprint import bp
from .change_views import render_change
from .child_views import render_house
from .worker_panel_views import read_translations, render_come_back
from .worker_views import render_start, render_worker_page


@bp.errorhandler(RequestEntityTooLarge)
def drawing_too_big(error):
    """A body over the site's limit never reaches the view: say so where it was sent, with the work kept."""
    args = request.view_args or {}
    g.activity = store.load()
    too_big = {"drawing": messages.DRAWING["too_big"]}
    if g.activity is None:
        return site.error_page(413, "errors/too_big.html")
    if args.get("house") in HOUSES:
        return render_house(args["house"], errors=too_big, status=413)
    thing = find_thing(g.activity, args.get("thing_id"))
    if thing is None:
        return site.error_page(413, "errors/too_big.html")
    return render_change(thing, errors=too_big, status=413, back=request.args.get("back", ""))


def _words_kept():
    words = houses_form.read_words(request.form, writer(g.activity))
    words.errors = {"text": messages.TRY_AGAIN}
    return words


@bp.errorhandler(CSRFError)
def form_expired(error):
    if request.endpoint == "houses.create_activity":
        form = houses_form.read_start(request.form, clock.today(), i18n.languages().codes)
        form.errors = {"child": messages.TRY_AGAIN, **form.errors}
        return render_start(form, 400)
    if request.endpoint == "houses.come_back":
        return render_come_back(clean_text(request.form.get("code"))[:40], {"code": messages.TRY_AGAIN}, 400)
    g.activity = store.load()
    if g.activity is None:
        return store.missing_page(kept_text=request.form.get("text", ""))
    if request.endpoint == "houses.save_translations":
        typed = read_translations(request.form, g.activity["things"])
        return render_worker_page(typed, {"translations": messages.TRY_AGAIN}, 400)
    args = request.view_args or {}
    if request.endpoint == "houses.add_words" and args.get("house") in HOUSES:
        return render_house(args["house"], words=_words_kept(), errors={"text": messages.TRY_AGAIN}, status=400)
    thing = find_thing(g.activity, args.get("thing_id"))
    if request.endpoint == "houses.update_thing" and thing and thing["kind"] == "words":
        return render_change(thing, words=_words_kept(), errors={"text": messages.TRY_AGAIN}, status=400)
    return render_template("errors/form_expired.html", typed=site.typed_text()), 400


# Where each form that adds or changes a thing shows its message, by the kind of thing.
FIELD_OF_KIND = {"words": "text", "picture": "picture", "drawing": "drawing"}
ADDING = {"houses.add_words": "words", "houses.add_picture": "picture", "houses.add_drawing": "drawing"}


@bp.errorhandler(storage.DraftTooBig)
def no_more_room(error):
    """The save would take the Three Houses over its size limit, so nothing was stored: say so on the page
    it was sent from, with the words that were typed still in the box."""
    g.activity = store.load()
    if g.activity is None:
        return store.missing_page(kept_text=request.form.get("text", ""))
    full, args = messages.NO_MORE_ROOM, request.view_args or {}
    if request.endpoint == "houses.save_translations":
        return render_worker_page(read_translations(request.form, g.activity["things"]), {"translations": full}, 413)
    kind = ADDING.get(request.endpoint or "")
    if kind and args.get("house") in HOUSES:
        words = houses_form.read_words(request.form, writer(g.activity)) if kind == "words" else None
        return render_house(args["house"], words=words, errors={FIELD_OF_KIND[kind]: full}, status=413)
    thing = find_thing(g.activity, args.get("thing_id"))
    if request.endpoint == "houses.update_thing" and thing:
        words = houses_form.read_words(request.form, thing["by"]) if thing["kind"] == "words" else None
        return render_change(thing, words=words, errors={FIELD_OF_KIND[thing["kind"]]: full}, status=413)
    return site.error_page(413, "errors/too_big.html")


@bp.errorhandler(OperationalError)
@bp.errorhandler(storage.DraftConflict)
def could_not_save(error):
    """The child's words are shown back to copy, never lost with the request; the start form comes back
    filled in, with a message to send it again."""
    if request.endpoint == "houses.create_activity":
        site.log_unavailable(error)
        form = houses_form.read_start(request.form, clock.today(), i18n.languages().codes)
        form.errors = {"child": messages.TRY_AGAIN, **form.errors}
        return render_start(form, 503, open_activity=False)
    return site.unavailable_page(
        error, request.form.get("text", ""), url_for("houses.choose_house"), _("Go to my houses")
    )
