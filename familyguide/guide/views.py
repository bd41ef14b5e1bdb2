from flask import Blueprint, abort, g, render_template

from .. import pages, translation_checks
from ..content import SOURCE_LANGUAGE
from ..kept_pages import kept_page
from ..site import family_tools

bp = Blueprint("guide", __name__, url_prefix="/<lang>", template_folder="templates")


@bp.get("/")
def index():
    return kept_page(
        lambda: render_template("guide/index.html", guide_pages=pages.guide_pages(g.lang), tools=family_tools())
    )


@bp.get("/guide/<slug>")
def show_page(slug):
    if slug == pages.GLOSSARY_SLUG:
        return show_glossary_part(1)
    page = pages.library().page(g.lang, pages.GUIDE, slug)
    if page is None:
        abort(404)
    translation_checks.shows(f"{pages.GUIDE}/{slug}")
    return kept_page(
        lambda: _render_guide_page(page, pages.render_page(page, g.lang), sections=pages.on_this_page(page))
    )


@bp.get(f"/guide/{pages.GLOSSARY_SLUG}/part-<int:number>")
def show_glossary_part(number):
    page = pages.library().page(g.lang, pages.GUIDE, pages.GLOSSARY_SLUG)
    parts = pages.glossary_parts(g.lang)
    if number > len(parts) and page is not None and page.lang != SOURCE_LANGUAGE:
        # A translation behind the English glossary has fewer parts: the English part stands in, as a missing
        # page does, so every part the sitemap lists answers in every language.
        page = pages.library().page(SOURCE_LANGUAGE, pages.GUIDE, pages.GLOSSARY_SLUG)
        parts = pages.glossary_parts(SOURCE_LANGUAGE)
    if page is None or not 1 <= number <= len(parts):
        abort(404)
    part = parts[number - 1]
    translation_checks.shows(f"{pages.GUIDE}/{pages.GLOSSARY_SLUG}")
    body = pages.render_page(page, g.lang, body=part.body, current_part=number)
    return kept_page(lambda: _render_guide_page(page, body, glossary_parts=parts, glossary_part=part))


def _render_guide_page(page, body, **extra):
    guide_pages = pages.guide_pages(g.lang)
    position = next((i for i, p in enumerate(guide_pages) if p.slug == page.slug), None)
    return render_template(
        "guide/page.html",
        page=page,
        body=body,
        is_fallback=page.lang != g.lang,
        previous_page=guide_pages[position - 1] if position else None,
        next_page=guide_pages[position + 1] if position is not None and position + 1 < len(guide_pages) else None,
        part_url=pages.glossary_part_url,
        page_description=page.summary,
        **extra,
    )
