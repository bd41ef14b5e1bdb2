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
"""

from flask import current_app, session

from . import i18n, safety, translation_checks
from .fragments import filled, this_page, with_csrf_hole

# Kept pages per app: bounded by the content and settings, but URL arguments come from visitors.
MAX_KEPT_PAGES = 2000


def kept_page(render, *depends_on, holes=None):
    """The HTML ``render()`` gives, built once for this kind of request and kept, with this request's
    ``holes`` filled."""
    seen = session.get(safety.NOTE_SEEN, False)
    unchecked = translation_checks.note_needed(i18n.current_language())
    key = (*this_page(), seen, unchecked, *depends_on)
    cache = current_app.extensions.setdefault("familyguide.kept_pages", {})
    html = cache.get(key)
    if html is not None:
        safety.first_visit_note()  # the visit moves on as if the page had been built
        return filled(html, holes)
    html = render()
    if len(cache) < MAX_KEPT_PAGES:
        cache[key] = with_csrf_hole(html)
    return filled(html, holes)
