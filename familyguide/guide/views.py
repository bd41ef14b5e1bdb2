from flask import Blueprint, abort, g, render_template

from .. import pages
from ..site import FAMILY_TOOLS

bp = Blueprint("guide", __name__, url_prefix="/<lang>", template_folder="templates")


@bp.get("/")
def index():
    return render_template("guide/index.html", guide_pages=pages.guide_pages(g.lang), tools=FAMILY_TOOLS)


@bp.get("/guide/<slug>")
def show_page(slug):
    page = pages.library().page(g.lang, pages.GUIDE, slug)
    if page is None:
        abort(404)
    guide_pages = pages.guide_pages(g.lang)
    position = next((i for i, p in enumerate(guide_pages) if p.slug == slug), None)
    return render_template(
        "guide/page.html",
        page=page,
        body=pages.render_page(page, g.lang),
        is_fallback=page.lang != g.lang,
        previous_page=guide_pages[position - 1] if position else None,
        next_page=guide_pages[position + 1] if position is not None and position + 1 < len(guide_pages) else None,
    )
