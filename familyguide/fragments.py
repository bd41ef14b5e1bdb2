"""Parts of a page that are the same for every visitor, rendered once per app and kept.

The site's header (with the language switcher) and footer depend only on the app's settings, the page's
language and which page it is (its endpoint and URL arguments), never on who is visiting. base.html wraps
them in ``{% call cached_fragment("header") %}...{% endcall %}``; the first request renders them, later ones
reuse the HTML. Other templates do the same for parts that depend on nothing else (the Three Houses'
pictures and house links), naming anything else the part depends on: ``cached_fragment("question",
question.key)``. Never wrap anything that shows what a visitor typed or anything of their own.

A form's CSRF token is the one thing of a visitor's a kept part may hold: it is kept with a hole where the
token was, and each request fills the hole with its own session's token, made exactly as Flask-WTF makes it
for a form it renders, so CSRF protection is unchanged. Whole pages are kept the same way (kept_pages.py).

The cache lives on the app, so apps with other settings never share it, and it stops growing at MAX_ENTRIES
(URL arguments come from visitors: a stream of made-up URLs must not fill the memory).
"""

from flask import current_app, g, request
from flask_wtf.csrf import generate_csrf

from .i18n import current_language

MAX_ENTRIES = 5000
# Where a kept part's CSRF token goes. A NUL never appears in anything we render.
CSRF_HOLE = "\x00csrf-token\x00"


def with_csrf_hole(html):
    """``html`` as it is kept: this request's CSRF token, if it holds it, taken out."""
    token = g.get(current_app.config["WTF_CSRF_FIELD_NAME"])  # set once the request asked for a token
    return html.replace(token, CSRF_HOLE) if token and token in html else html


def with_csrf_token(html):
    """A kept ``html`` for this request: its session's own CSRF token in the hole."""
    return html.replace(CSRF_HOLE, generate_csrf()) if CSRF_HOLE in html else html


def cached_fragment(name, *depends_on, caller):
    view_args = tuple(sorted((request.view_args or {}).items()))
    key = (name, current_language().code, request.endpoint, view_args, request.script_root, *depends_on)
    cache = current_app.extensions.setdefault("familyguide.fragments", {})
    html = cache.get(key)
    if html is not None:
        return with_csrf_token(html)
    html = caller()
    if len(cache) < MAX_ENTRIES:
        cache[key] = with_csrf_hole(html)
    return html


def init_app(app):
    app.add_template_global(cached_fragment)
