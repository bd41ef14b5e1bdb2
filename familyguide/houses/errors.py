"""When a form cannot be read (its security token is not this browser's, or the body is too big) or cannot be saved
(the database is away, or the whole Three Houses is at its size limit), say so plainly and show back what was
typed, with the rest of the work kept."""

from flask import g, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from .. import clock, i18n, invitations, site, storage
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


def _not_matched():
    """Why a form was refused for its security token and what to do, in the page's language."""
    return " ".join(str(text) for text in messages.NOT_MATCHED)


def _not_matched_on_childs_screen():
    """On a child's screen: that their words were not kept, in the child's language; why and what to do, for
    the worker, in the worker's (as the worker's other parts of the child's screens are)."""
    worker = i18n.languages().get(g.activity["worker_lang"])
    with force_locale(worker.babel_locale):
        why = _not_matched()
    child = str(messages.WORDS_NOT_KEPT)
    # Safe as Markup (bandit B704): our own span; format() escapes every text put in it.
    return Markup('{} <span lang="{}" dir="{}">{}</span>').format(child, worker.code, worker.dir, why)  # nosec


def _words_kept(error):
    words = houses_form.read_words(request.form, writer(g.activity))
    words.errors = {"text": error}
    return words


def _typed():
    """Everything typed in the form, one field to a line: words, a code, names, the worker's translations."""
    translations = (clean_text(text) for name, text in request.form.items() if name.startswith("translation-"))
    return "\n".join(text for text in (site.typed_text(), *translations) if text)


@bp.errorhandler(CSRFError)
def form_not_matched(error):
    """A form whose security token is not this browser's: the page it came from, with what was typed and why
    (never "press the button again" alone, which fails for ever while cookies are blocked)."""
    if request.endpoint == "houses.create_activity":
        form = houses_form.read_start(request.form, clock.today(), i18n.languages().codes)
        form.errors = {"child": _not_matched(), **form.errors}
        return render_start(form, 400)
    if request.endpoint == "houses.come_back":
        return render_come_back(clean_text(request.form.get("code"))[:40], {"code": _not_matched()}, 400)
    g.activity = store.load()
    if g.activity is None:
        return store.missing_page(kept_text=_typed())
    if request.endpoint == "houses.save_translations":
        typed = read_translations(request.form, g.activity["things"])
        return render_worker_page(typed, {"translations": _not_matched()}, 400)
    args = request.view_args or {}
    if request.endpoint == "houses.add_words" and args.get("house") in HOUSES:
        error = _not_matched_on_childs_screen()
        return render_house(args["house"], words=_words_kept(error), errors={"text": error}, status=400)
    thing = find_thing(g.activity, args.get("thing_id"))
    if request.endpoint == "houses.update_thing" and thing and thing["kind"] == "words":
        error = _not_matched_on_childs_screen()
        return render_change(thing, words=_words_kept(error), errors={"text": error}, status=400)
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


@bp.errorhandler(invitations.HeldElsewhere)
def opened_on_another_device(error):
    """The child's Three Houses was opened on another device since this one opened it, and only the last one
    may change it: this device's copy is closed (what it held is on the record already), and what was typed
    now is shown back to copy."""
    typed = _typed()
    store.end()
    return render_template("houses/elsewhere.html", kept_text=typed), 409


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
