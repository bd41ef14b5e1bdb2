"""Site-wide routes: the language chooser at /, the sitemap, the health check, error pages."""

from typing import NamedTuple

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import RequestEntityTooLarge

from . import db, easy_read, i18n, pages
from .locales import DEFAULT_LANGUAGE
from .text import clean_text

bp = Blueprint("site", __name__)

# Endpoints (besides guide pages and family tools) that every language has, in the sitemap.
PUBLIC_ENDPOINTS = [
    "guide.index",
    "easyread.index",
    "keydates.show_form",
    "notices.show_privacy",
    "notices.show_child_privacy",
    "notices.show_accessibility",
    "notices.show_cookies",
]


class FamilyTool(NamedTuple):
    """A tool offered on the guide's front page (and listed in the sitemap): its start page's endpoint (a
    language-prefixed endpoint with no other arguments), its title and summary (lazy-translated)."""

    endpoint: str
    title: str
    summary: str


def init_family_tools(app, tools):
    """The app's family tools, in the order the front page shows them (create_app() gives the list)."""
    app.extensions["familyguide.family_tools"] = tuple(tools)


def family_tools():
    return current_app.extensions["familyguide.family_tools"]


def public_pages():
    """Every public page as (endpoint, args) pairs without the language."""
    routes = [(endpoint, {}) for endpoint in PUBLIC_ENDPOINTS]
    routes += [(tool.endpoint, {}) for tool in family_tools()]
    routes += [("guide.show_page", {"slug": p.slug}) for p in pages.guide_pages("en")]
    routes += [("guide.show_glossary_part", {"number": part.number}) for part in pages.glossary_parts("en")[1:]]
    routes += [("easyread.show_page", {"slug": p.slug}) for p in pages.library().pages("en", easy_read.SECTION)]
    return routes


@bp.get("/")
def choose_language():
    code = i18n.languages().best_match(request.accept_languages)
    response = redirect(url_for("guide.index", lang=code))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/healthz")
def health():
    """Ready to serve: the process answers and the database does (a cheap query, a short timeout)."""
    if db.is_reachable():
        return {"status": "ok", "database": "ok"}
    return {"status": "unavailable", "database": "unreachable"}, 503


@bp.get("/livez")
def liveness():
    """The process answers, whatever the database does: for a load balancer that restarts dead workers."""
    return {"status": "ok"}


def log_unavailable(error):
    """For the operator: the route and the error's class only, never the family's words."""
    current_app.logger.error("Database unavailable on %s (%s): answered 503", request.endpoint, type(error).__name__)


def unavailable_page(error, typed, start_url, start_label):
    """The database could not save: a 503 in the user's language, with what they typed shown back."""
    log_unavailable(error)
    return render_template("errors/unavailable.html", typed=typed, start_url=start_url, start_label=start_label), 503


@bp.get("/sitemap.xml")
def sitemap():
    codes = i18n.languages().codes
    entries = []
    for endpoint, args in public_pages():
        alternates = {code: url_for(endpoint, lang=code, _external=True, **args) for code in codes}
        entries.extend((url, alternates) for url in alternates.values())
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml")


def error_page(status, template, **context):
    """An error page in the language of the address asked for (English when it has none)."""
    if getattr(g, "lang", None) not in i18n.languages():
        first_segment = request.path.strip("/").split("/")[0]
        g.lang = first_segment if first_segment in i18n.languages() else DEFAULT_LANGUAGE
    return render_template(template, **context), status


def _error_page(status, template):
    def handler(error):
        return error_page(status, template)

    return handler


TYPED_FIELDS = ("answer", "text", "code", "parent", "child")  # the family forms' fields that hold typed words


def typed_text():
    """What the person typed in a form that could not be used (sent where no form was expected, or refused as
    not this browser's), so it is not lost: each typed field's text, one to a line."""
    if request.method != "POST":
        return ""
    try:
        typed = (clean_text(request.form.get(name)) for name in TYPED_FIELDS)
        return "\n".join(text for text in typed if text)
    except RequestEntityTooLarge:
        return ""


def method_not_allowed(error):
    body, status = error_page(405, "errors/method_not_allowed.html", typed=typed_text())
    return body, status, {"Allow": ", ".join(error.valid_methods or ())}


def form_not_matched(error):
    """A family form whose CSRF token does not match this browser's cookie: why, and what they typed."""
    return error_page(400, "errors/form_expired.html", typed=typed_text())


def register_error_pages(app):
    app.register_error_handler(404, _error_page(404, "errors/not_found.html"))
    app.register_error_handler(405, method_not_allowed)
    app.register_error_handler(413, _error_page(413, "errors/too_big.html"))
    app.register_error_handler(500, _error_page(500, "errors/server_error.html"))
    app.register_error_handler(CSRFError, form_not_matched)
