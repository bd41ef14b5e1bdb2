"""The notices' pages: council Markdown in ``content/<lang>/notices/``, with the settings filled in."""

from flask import Blueprint, abort, g, render_template, session

from .. import pages, translation_checks
from ..houses.store import SESSION_KEY as HOUSES_SESSION_KEY
from .facts import notice_settings

SECTION = "notices"
PRIVACY, CHILD_PRIVACY, ACCESSIBILITY, COOKIES = "privacy", "privacy-for-children", "accessibility", "cookies"

bp = Blueprint("notices", __name__, url_prefix="/<lang>", template_folder="templates")


def _show(slug, **extra):
    page = pages.library().page(g.lang, SECTION, slug)
    if page is None:
        abort(404)
    translation_checks.shows(f"{SECTION}/{slug}")
    body = pages.render_markdown(page.body, page.lang, more_settings=notice_settings(page.lang))
    return render_template(
        "notices/page.html",
        page=page,
        body=body,
        is_fallback=page.lang != g.lang,
        sections=pages.on_this_page(page),
        page_description=page.summary,
        **extra,
    )


@bp.get("/privacy")
def show_privacy():
    return _show(PRIVACY)


@bp.get("/privacy/children")
def show_child_privacy():
    """The child's version, linked from the Three Houses: back to the houses when one is open here."""
    return _show(CHILD_PRIVACY, back_to_houses=bool(session.get(HOUSES_SESSION_KEY)))


@bp.get("/accessibility")
def show_accessibility():
    return _show(ACCESSIBILITY)


@bp.get("/cookies")
def show_cookies():
    return _show(COOKIES)
