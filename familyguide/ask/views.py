"""The question box's page, /<lang>/ask: the box on its own (GET), and a question's answer (POST).

The question travels only in the body of a POST, never in an address: so it is in no browser history, no
bookmark, and no access log of this site or of any proxy in front of it (they write addresses, not bodies).
It is never stored or logged: read from the form, answered and forgotten."""

from flask import Blueprint, current_app, g, render_template, request, url_for
from markupsafe import Markup

from .. import limits, pages
from ..content import SOURCE_LANGUAGE, Library
from ..extensions import csrf
from . import answers
from .extract import extract

bp = Blueprint("ask", __name__, url_prefix="/<lang>/ask", template_folder="templates")
# Asking stores nothing: it is not counted as a save, and it works while the database is away.
limits.limit_volume("ask.answer_question", None)

# Built once per content folder, language list and council details, and shared by the apps that have the same.
_BUILT = {}


def init_app(app):
    """Split and index the guide of every language at start-up (about a second), once per app's content."""
    settings = {key: app.config[key] for key in pages.COUNCIL_SETTINGS}
    languages = tuple(app.extensions["familyguide.languages"].codes)
    key = (str(app.config["CONTENT_DIR"]), languages, tuple(settings.items()))
    if key not in _BUILT:
        _BUILT[key] = answers.Asker(Library(app.config["CONTENT_DIR"]), app.config["CONTENT_DIR"], languages, settings)
    app.extensions["familyguide.asker"] = _BUILT[key]


@bp.app_context_processor
def ask_helpers():
    return {"tel": phone_link, "ltr": left_to_right, "language_name": language_name}


def phone_link(number):
    """A phone number as a tel: link, kept left to right on right-to-left pages."""
    href = "tel:" + str(number).replace(" ", "")
    return Markup('<a href="{}"><bdi dir="ltr">{}</bdi></a>').format(href, number)


def left_to_right(value):
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)


def language_name(code):
    return current_app.extensions["familyguide.languages"].get(code).name


def asker():
    return current_app.extensions["familyguide.asker"]


@bp.get("")
def show():
    return _page(None)


@bp.post("")
@csrf.exempt  # asking changes nothing (a forged question harms no one), and works with cookies blocked
def answer_question():
    return _page(asker().answer(request.form.get("q", ""), g.lang))


def _page(answer):
    return render_template(
        "ask/answer.html",
        answer=answer,
        asked=answer is not None,
        shown=[_shown(result) for result in answer.results] if answer else [],
        help_slug=pages.HELP_SLUG,
    )


def _shown(result):
    shown, found = result.passage, result.found_in
    marked = result.marked_terms if shown.lang == found.lang else frozenset()
    return {
        "heading": shown.heading,
        "page_title": shown.page_title,
        "lang": shown.lang,
        "url": passage_url(shown, g.lang),
        "extract": extract(shown.text, shown.lang, marked),
        "found_in": found if found.lang != g.lang else None,
        "found_in_url": passage_url(found, found.lang) if found.lang != g.lang else None,
        "is_fallback": shown.lang != g.lang and shown.lang == SOURCE_LANGUAGE,
    }


def passage_url(passage, lang):
    if passage.glossary_part:
        return pages.glossary_part_url(lang, passage.glossary_part, passage.anchor)
    return url_for("guide.show_page", lang=lang, slug=passage.slug, _anchor=passage.anchor or None)
