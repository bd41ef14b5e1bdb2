"""The Easy Read pages ready for a template or the PDF: each idea's words as safe HTML, its picture named."""

from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup

from .. import easy_read, pages
from ..assets import manifest
from ..content import SOURCE_LANGUAGE
from ..pdf import render_pdf


@dataclass(frozen=True)
class RenderedIdea:
    picture: str
    label: str
    html: object  # Markup


def easy_pages(lang):
    return pages.library().pages(lang, easy_read.SECTION) or pages.library().pages(SOURCE_LANGUAGE, easy_read.SECTION)


def rendered_parts(page, lang):
    """The page's parts as (heading, [RenderedIdea]); the words rendered in the page's own language."""
    in_lang = lang if page.lang == lang else page.lang
    return [
        (
            _inline(pages.render_markdown(part.heading, in_lang)) if part.heading else "",
            [RenderedIdea(idea.picture, idea.label, pages.render_markdown(idea.text, in_lang)) for idea in part.ideas],
        )
        for part in easy_read.parse(page.body)
    ]


def _inline(html):
    """A paragraph's HTML without its ``<p>``: for a heading. Still safe: only the wrapper goes."""
    return Markup(str(html).strip().removeprefix("<p>").removesuffix("</p>"))  # nosec


def guide_page_links(lang):
    """Guide page slug -> the Easy Read page that stands for it."""
    return {slug: page.slug for page in easy_pages(lang) for slug in easy_read.guide_slugs(page)}


def pdf(lang):
    """The whole Easy Read guide as one printable PDF, made once per app and language and kept."""
    cache = current_app.extensions.setdefault("familyguide.easy_read_pdfs", {})
    if lang not in cache:
        chapters = [(page, rendered_parts(page, lang)) for page in easy_pages(lang)]
        used = {idea.picture for _, parts in chapters for _, ideas in parts for idea in ideas}
        images = {f"{name}.svg": manifest().get(f"easy-read/{name}.svg").data for name in used}
        language = current_app.extensions["familyguide.languages"].get(lang)
        cache[lang] = render_pdf(
            "easyread/pdf.html", stylesheet="easy_read.css", images=images, chapters=chapters, language=language
        )
    return cache[lang]
