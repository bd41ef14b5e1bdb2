"""Flask's view of the council content: the cached library, glossary links, the council's details."""

from flask import current_app, url_for
from markupsafe import Markup

from .content import Library

GUIDE = "guide"
GLOSSARY_SLUG = "words-you-may-hear"
SAFETY_SLUG = "staying-safe-online"
COUNCIL_SETTINGS = ("COUNCIL_NAME", "COUNCIL_PHONE", "COMPLAINTS_CONTACT")


def init_app(app):
    app.extensions["familyguide.library"] = Library(app.config["CONTENT_DIR"])


def library():
    return current_app.extensions["familyguide.library"]


def council_details():
    return {key: current_app.config[key] for key in COUNCIL_SETTINGS}


def glossary_url(lang):
    def url(term):
        return url_for("guide.show_page", lang=lang, slug=GLOSSARY_SLUG, _anchor=term)

    return url


def render_page(page, lang):
    """The page's body as HTML, in the language of the URL (links stay in that language)."""
    rtl = page.lang == lang and current_app.extensions["familyguide.languages"].get(lang).is_rtl
    return Markup(page.html(glossary_url(lang), council_details(), isolate_ltr=rtl))


def guide_pages(lang):
    return library().pages(lang, GUIDE) or library().pages("en", GUIDE)
