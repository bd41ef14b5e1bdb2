from flask import Blueprint, abort, current_app, g, render_template, request, session

from .. import i18n, pages, safety, translation_checks
from ..content import SOURCE_LANGUAGE
from ..site import family_tools

# Guide pages kept per app (the count is bounded by the content, but a limit costs nothing).
MAX_KEPT_PAGES = 2000


def kept(render):
    """A guide page is the same for every visitor except for the first-visit note about the quick exit, so
    its HTML is built once per app, language, page and note, and kept (and once more when a translator's check
    takes the "not checked" note away, or a change to the English brings it back)."""
    seen = session.get(safety.NOTE_SEEN, False)
    unchecked = translation_checks.note_needed(i18n.current_language())  # a translator's check takes it away
    key = (request.endpoint, tuple(sorted(request.view_args.items())), g.lang, request.script_root, seen, unchecked)
    cache = current_app.extensions.setdefault("familyguide.guide_pages", {})
    if key in cache:
        safety.first_visit_note()  # the visit moves on as if the page had been built
        return cache[key]
    html = render()
    if len(cache) < MAX_KEPT_PAGES:
        cache[key] = html
    return html


bp = Blueprint("guide", __name__, url_prefix="/<lang>", template_folder="templates")


@bp.get("/")
def index():
    return kept(
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
    return kept(lambda: _render_guide_page(page, pages.render_page(page, g.lang), sections=pages.on_this_page(page)))


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
    return kept(lambda: _render_guide_page(page, body, glossary_parts=parts, glossary_part=part))


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
