"""Parts of a page that are the same for every visitor, rendered once per app and kept.

The site's header (with the language switcher) and footer depend only on the app's settings, the page's
language and which page it is (its endpoint and URL arguments), never on who is visiting. base.html wraps
them in ``{% call cached_fragment("header") %}...{% endcall %}``; the first request renders them, later ones
reuse the HTML. Other templates do the same for parts that depend on nothing else (the Three Houses'
pictures and house links). Never wrap anything that holds a form's CSRF token or what a visitor typed.

The cache lives on the app, so apps with other settings never share it, and it stops growing at MAX_ENTRIES
(URL arguments come from visitors: a stream of made-up URLs must not fill the memory).
"""

from flask import current_app, request

from .i18n import current_language

MAX_ENTRIES = 5000


def cached_fragment(name, caller):
    view_args = tuple(sorted((request.view_args or {}).items()))
    key = (name, current_language().code, request.endpoint, view_args, request.script_root)
    cache = current_app.extensions.setdefault("familyguide.fragments", {})
    html = cache.get(key)
    if html is None:
        html = caller()
        if len(cache) < MAX_ENTRIES:
            cache[key] = html
    return html


def init_app(app):
    app.add_template_global(cached_fragment)
