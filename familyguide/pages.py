"""Flask's view of the council content: the cached library, glossary links, the council's details."""

from flask import current_app, has_request_context, request, url_for
from markupsafe import Markup

from . import current, glossary, markdown
from .content import Library, fill_settings

GUIDE = "guide"
GLOSSARY_SLUG = "words-you-may-hear"
SAFETY_SLUG = "staying-safe-online"
HELP_SLUG = "need-help-now"
CRISIS_PHONES = (
    "EMERGENCY_PHONE",
    "SAMARITANS_PHONE",
    "NHS_MENTAL_HEALTH_PHONE",
    "DOMESTIC_ABUSE_PHONE",
    "WALES_DOMESTIC_ABUSE_PHONE",
    "CHILDLINE_PHONE",
    "MENS_ADVICE_PHONE",
    "RESPECT_PHONE",
)
COUNCIL_SETTINGS = (
    "COUNCIL_NAME",
    "COUNCIL_PHONE",
    "COMPLAINTS_CONTACT",
    "DRAFT_RETENTION_DAYS",
    "COMPLAINT_TIME_LIMIT_DAYS",
    *CRISIS_PHONES,
)


def init_app(app):
    app.extensions["familyguide.library"] = Library(app.config["CONTENT_DIR"])


def library():
    return current.app().extensions["familyguide.library"]


def council_details():
    return {key: current_app.config[key] for key in COUNCIL_SETTINGS}


def glossary_parts(lang):
    page = library().page(lang, GUIDE, GLOSSARY_SLUG)
    return _parts_of(page) if page else []


def _parts_of(page):
    cache = current_app.extensions.setdefault("familyguide.glossary_parts", {})
    key = (page.lang, page.version)
    if key not in cache:
        cache[key] = glossary.split(page.body)
    return cache[key]


def glossary_part_url(lang, number, term=None):
    if number == 1:
        return url_for("guide.show_page", lang=lang, slug=GLOSSARY_SLUG, _anchor=term)
    return url_for("guide.show_glossary_part", lang=lang, number=number, _anchor=term)


def glossary_url(lang, current_part=None):
    """A function giving the link to a term's entry, in the glossary part that holds it."""
    parts = glossary_parts(lang)

    def url(term):
        number = glossary.part_of(parts, term)
        if number == current_part:
            return f"#{term}"
        return glossary_part_url(lang, number, term)

    return url


def render_markdown(source, lang, current_part=None, more_settings=None):
    """Council Markdown as safe HTML for a page in ``lang``: the council's details (and ``more_settings``)
    filled in, glossary links in that language, left-to-right runs isolated on right-to-left pages.

    Council content does not change while the app runs, so each rendering is made once per app (the cache
    lives on the app, so apps with other settings or content never share it) and kept."""
    settings = {**council_details(), **(more_settings or {})}
    script_root = request.script_root if has_request_context() else ""
    key = (source, lang, current_part, script_root, tuple(settings.values()))
    cache = current_app.extensions.setdefault("familyguide.rendered", {})
    if key not in cache:
        rtl = current_app.extensions["familyguide.languages"].get(lang).is_rtl
        html = markdown.render(fill_settings(source, settings), glossary_url(lang, current_part), rtl)
        # Safe as Markup (bandit B704): markdown-it runs with html=False, so any HTML in the council's text or
        # settings comes out escaped.
        cache[key] = Markup(html)  # nosec
    return cache[key]


def render_page(page, lang, body=None, current_part=None):
    """The page's body (or ``body``, a part of it) as HTML, in the language of the URL."""
    source = page.body if body is None else body
    return render_markdown(source, lang if page.lang == lang else page.lang, current_part)


# A page with more sections than this starts with an "On this page" list of them.
FEW_SECTIONS = 3


def on_this_page(page):
    """The sections a guide page lists at its top, as (anchor, title): none when it has only a few."""
    rtl = current_app.extensions["familyguide.languages"].get(page.lang).is_rtl
    sections = markdown.sections(fill_settings(page.body, council_details()), rtl)
    return sections if len(sections) > FEW_SECTIONS else []


def guide_pages(lang):
    return library().pages(lang, GUIDE) or library().pages("en", GUIDE)
