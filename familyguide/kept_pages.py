"""Whole pages that are the same for every visitor, built once per app and kept (fragments.py keeps parts).

A page is kept per app, endpoint, URL arguments, language, script root, whether the visit has seen the note
about the quick exit, whether the page carries the "not checked by a qualified translator" note (a
translator's check takes it away, a change to the English brings it back), and whatever else the view says
it depends on (``depends_on``: whether this session has a draft, say). Only pages with nothing of a
visitor's own are kept: never one that shows what someone typed, an error, or anything from a draft.

A kept page may hold a form: its CSRF token is kept with a hole that each request fills with its own
session's token, as for kept parts of pages (fragments.py). It may also have named holes for a visitor's own
parts, rendered apart for each request and put in (``holes``; fragments.py says how): the chat keeps the page
of a question and puts in the parent's earlier answers.

A page is kept as the bytes it is sent as (UTF-8), cut at its holes, and a request's page is those bytes
joined: only what goes in the holes is encoded. Kept as text, a page with one character beyond ASCII (every
page has some: the dash in its title, the languages' own names) is held four or two bytes a character, and
encoding it for every request took longer than all the rest of filling it (a twentieth of a house page).
"""

from . import current, i18n, safety, translation_checks
from .fragments import KeptHTML, each_hole, hole_value, marked, this_page, with_csrf_hole

# Kept pages per app: bounded by the content and settings, but URL arguments come from visitors.
MAX_KEPT_PAGES = 2000


class KeptPage:
    """A kept page as UTF-8 bytes cut at its holes (bytes, hole name, bytes, ..., bytes)."""

    __slots__ = ("pieces",)

    def __init__(self, html: KeptHTML):
        self.pieces = tuple(piece.encode("utf-8") if at % 2 == 0 else piece for at, piece in enumerate(html.pieces))

    def filled(self, holes=None) -> bytes:
        """The page for this request: its session's own CSRF token and the visitor's ``holes`` put in."""
        return b"".join(each_hole(self.pieces, lambda name: hole_value(name, holes).encode("utf-8")))

    def __str__(self):
        """The page as it was kept, its holes marked."""
        return b"".join(each_hole(self.pieces, lambda name: marked(name).encode("utf-8"))).decode("utf-8")


def kept_page(render, *depends_on, holes=None) -> bytes:
    """The HTML ``render()`` gives, built once for this kind of request and kept, with this request's
    ``holes`` filled: the page's bytes, as a view returns them."""
    seen = current.visit().get(safety.NOTE_SEEN, False)
    unchecked = translation_checks.note_needed(i18n.current_language())
    key = (*this_page(), seen, unchecked, *depends_on)
    cache = current.app().extensions.setdefault("familyguide.kept_pages", {})
    page = cache.get(key)
    if page is not None:
        safety.first_visit_note()  # the visit moves on as if the page had been built
        return page.filled(holes)
    page = KeptPage(with_csrf_hole(render()))
    if len(cache) < MAX_KEPT_PAGES:
        cache[key] = page
    return page.filled(holes)
