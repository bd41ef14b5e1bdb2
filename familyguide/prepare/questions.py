"""The chat's questions for a language, from council content (content/<lang>/prepare/), and the journey."""

from .. import current, pages
from ..content import SOURCE_LANGUAGE
from .journey import Journey, question_from_page, switched_off

SECTION = "prepare"


def questions(lang):
    """The questions in ``lang``; a question not yet translated falls back to English."""
    library = pages.library()
    english = {p.slug: p for p in library.pages(SOURCE_LANGUAGE, SECTION)}
    found = []
    for slug, english_page in english.items():
        page = library.page(lang, SECTION, slug) or english_page
        found.append(question_from_page(page, english_page))
    return found


def journey(lang):
    """The chat in ``lang`` with the council's choice of questions: built once per app and language (content
    and settings do not change while the app runs; a Journey is never changed once built)."""
    app = current.app()
    off = app.config.get("PREPARE_OPTIONAL_QUESTIONS_OFF")
    cache = app.extensions.setdefault("familyguide.journeys", {})
    if (lang, off) not in cache:
        cache[(lang, off)] = Journey(questions(lang), switched_off(off))
    return cache[(lang, off)]


def explanation_html(question, lang):
    """The "What does this mean?" text, with its glossary links, as safe HTML from council content."""
    return pages.render_markdown(question.explanation, lang)
