from flask import Blueprint, Response, abort, g, render_template, url_for

from .. import easy_read, pages, translation_checks
from ..kept_pages import kept_page
from . import booklet

bp = Blueprint("easyread", __name__, url_prefix="/<lang>/easy-read", template_folder="templates")


@bp.get("/")
def index():
    return kept_page(lambda: render_template("easyread/index.html", easy_pages=booklet.easy_pages(g.lang)))


@bp.get("/easy-read-guide.pdf")
def download():
    response = Response(booklet.pdf(g.lang), mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'attachment; filename="easy-read-guide.pdf"'
    return response


@bp.get("/<slug>")
def show_page(slug):
    page = pages.library().page(g.lang, easy_read.SECTION, slug)
    if page is None:
        abort(404)
    translation_checks.shows(f"{easy_read.SECTION}/{slug}")
    return kept_page(lambda: _render(page))


def _render(page):
    easy_pages = booklet.easy_pages(g.lang)
    position = next((i for i, p in enumerate(easy_pages) if p.slug == page.slug), None)
    return render_template(
        "easyread/page.html",
        page=page,
        parts=booklet.rendered_parts(page, g.lang),
        is_fallback=page.lang != g.lang,
        previous_page=easy_pages[position - 1] if position else None,
        next_page=easy_pages[position + 1] if position is not None and position + 1 < len(easy_pages) else None,
        page_description=page.summary,
    )


@bp.app_template_global()
def easy_read_url(guide_slug=None):
    """The Easy Read page that stands for a guide page (the Easy Read contents when none does)."""
    slug = booklet.guide_page_links(g.lang).get(guide_slug)
    return url_for("easyread.show_page", slug=slug) if slug else url_for("easyread.index")
