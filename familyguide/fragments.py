"""Parts of a page that are the same for every visitor, rendered once per app and kept.

The site's header (with the language switcher) and footer depend only on the app's settings, the page's
language and which page it is (its endpoint and URL arguments), never on who is visiting. base.html wraps
them in ``{% call cached_fragment("header") %}...{% endcall %}``; the first request renders them, later ones
reuse the HTML. Other templates do the same for parts that depend on nothing else (the Three Houses'
pictures and house links), naming anything else the part depends on: ``cached_fragment("question",
question.key)``. Never wrap anything that shows what a visitor typed or anything of their own.

A form's CSRF token is kept with a hole where the token was, and each request fills the hole with its own
session's token, made exactly as Flask-WTF makes it for a form it renders (signing.py), so CSRF protection is
unchanged.
Whole pages are kept the same way (kept_pages.py).

A kept part may also have named holes for what is a visitor's own (a parent's earlier answer in the chat's
log): the part is rendered with ``hole("answer")`` where it goes, kept with the hole, and each request fills
it with its own HTML, given already escaped (``holes={"answer": ...}``; anything not Markup is escaped). The
visitor's HTML is put in once and never searched again, so nothing they typed can open a hole of its own.

The cache lives on the app, so apps with other settings never share it, and it stops growing at MAX_ENTRIES
(URL arguments come from visitors: a stream of made-up URLs must not fill the memory).
"""

import re

from flask import current_app, g
from markupsafe import Markup, escape

from . import current
from .i18n import current_language
from .signing import csrf_token

MAX_ENTRIES = 5000


def marked(name):
    """A hole as kept HTML holds it: its name between NULs (a NUL never appears in anything we render)."""
    return f"\x00{name}\x00"


# Where a kept part's CSRF token goes.
CSRF_HOLE = marked("csrf-token")
_HOLE = re.compile("\x00(csrf-token|hole:[a-z_-]+)\x00")


def hole(name):
    """Where a visitor's own ``name`` goes in a kept part or page."""
    # Safe as Markup (bandit B704): ``name`` is a template's or a view's own word, never a visitor's.
    return Markup(marked(f"hole:{name}"))  # nosec


class KeptHTML:
    """HTML as it is kept: cut at its holes once (text, hole, text, ..., text), so that filling it for a request
    is a join, not a search. Only the pieces are held: the page's text is not kept a second time."""

    __slots__ = ("pieces",)

    def __init__(self, html):
        self.pieces = tuple(_HOLE.split(html))

    def __str__(self):
        """The HTML as it was kept, its holes marked."""
        return "".join(each_hole(self.pieces, marked))


def each_hole(pieces, fill):
    """Pieces cut at holes (text, hole name, text, ..., text) with each hole name given to ``fill`` and
    replaced by what it gives: what a kept part or page becomes for a request (or for a test)."""
    out = list(pieces)
    for at in range(1, len(out), 2):
        out[at] = fill(out[at])
    return out


def with_csrf_hole(html):
    """``html`` as it is kept: this request's CSRF token, if it holds it, taken out."""
    token = g.get(current_app.config["WTF_CSRF_FIELD_NAME"])  # set once the request asked for a token
    return KeptHTML(html.replace(token, CSRF_HOLE) if token and token in html else html)


def filled(html, holes=None):
    """A kept ``html`` for this request: its session's own CSRF token and the visitor's ``holes`` put in, in
    one pass (what goes in is not searched again)."""
    pieces = html.pieces if isinstance(html, KeptHTML) else _HOLE.split(html)
    if len(pieces) == 1:
        # Safe as Markup (bandit B704): our own rendered HTML, as below, with nothing put in.
        return Markup(pieces[0])  # nosec
    out = each_hole(pieces, lambda name: hole_value(name, holes))
    # Safe as Markup (bandit B704): ``html`` is our own rendered HTML, and all that goes in is a CSRF token or
    # a visitor's part through escape() (which leaves Markup as it is: HTML our templates rendered, escaped).
    return Markup("".join(out))  # nosec


def hole_value(name, holes):
    """What goes in the hole ``name`` of a kept part or page for this request: its session's own CSRF token, or
    the visitor's part from ``holes``, escaped (Markup stays as it is)."""
    if name == "csrf-token":
        return csrf_token()
    value = (holes or {})[name.removeprefix("hole:")]
    # Markup goes in as it is (escape() would give a copy of it, and str() a second one).
    return value if type(value) is Markup else str(escape(value))


def render_part(template, **context):
    """A part of a page for a hole, rendered on its own: it sees the template globals (``_``, ``url_for``,
    ``cached_fragment``) and what it is given, not the whole page's context."""
    # Safe as Markup (bandit B704): what an autoescaping template rendered, everything in it escaped.
    return Markup(current_app.jinja_env.get_template(template).render(context))  # nosec


def kept_parts(template, items):
    """A part for each of ``items`` (``(depends_on, holes, context)``, one for each thing in a visitor's list: a
    parent's earlier answers, a child's things), joined. Each is rendered from ``template`` with its ``context``
    once for this page and its ``depends_on``, and kept with its holes (what wrapping the template in
    cached_fragment keeps, without rendering any template on the requests after the first); each request fills
    the holes with the item's ``holes``. The page and the cache are looked up once for the list, and each part's
    pieces go straight into the one joined HTML."""
    page, cache = this_page(), _cache()
    out = []
    for depends_on, holes, context in items:
        key = (template, *page, *depends_on)
        html = cache.get(key) or _kept(key, lambda context=context: render_part(template, **context))
        for at, piece in enumerate(html.pieces):
            out.append(hole_value(piece, holes) if at % 2 else piece)
    # Safe as Markup (bandit B704): as filled() gives it, our own rendered parts with their holes filled.
    return Markup("".join(out))  # nosec


def this_page():
    """What every kept part or page of this request depends on: (language, endpoint, URL arguments, script
    root). Worked out once a request, and again if the request's language changes (a staff page may show
    something in a family's language for a moment)."""
    state = current.state()
    lang = state.get("lang")
    known = state.get("kept_parts_page")
    if known is None or known[0] != lang:
        this_request = current.this_request()
        view_args = tuple(sorted((this_request.view_args or {}).items()))
        known = (lang, (current_language().code, this_request.endpoint, view_args, this_request.script_root))
        state.kept_parts_page = known
    return known[1]


def cached_fragment(name, *depends_on, caller, holes=None):
    return filled(_kept((name, *this_page(), *depends_on), caller), holes)


def _cache():
    """This app's kept parts, by key."""
    return current.app().extensions.setdefault("familyguide.fragments", {})


def _kept(key, render):
    """The kept HTML for ``key``: made with ``render()`` the first time and kept while there is room."""
    cache = _cache()
    html = cache.get(key)
    if html is None:
        html = with_csrf_hole(render())
        if len(cache) < MAX_ENTRIES:
            cache[key] = html
    return html


def init_app(app):
    app.add_template_global(cached_fragment)
    app.add_template_global(hole)
