"""A qualified translator's sign-off, page by page (issue 13).

A "page" here is what a translator checks in one go: a content page (``guide/who-will-be-there``: the file
content/<lang>/guide/who-will-be-there.md beside its English source) or a group of the language's interface
strings (``strings/3``: group 3 of STRING_GROUPS, in the catalogue's order). A string's group comes from a hash
of its English, never from its place in the catalogue: a string added, changed or taken away changes its own
group only, so the translator checks that group again, not every string after it (with groups of 25 in
catalogue order, one new string made every group after it stale).

A check records who (a staff account id), when, the language and page, and the versions (hashes) of the
English source and of the translation checked, with the English text itself, so a later reviewer sees what the
English has changed since. A page is CHECKED when its latest check was made against the English and the
translation as they are now; STALE when either has changed since; NOT_CHECKED when nobody has checked it.

Family pages read this (the "not checked by a qualified translator" note goes from a checked page), so it lives
outside the staff area: family blueprints never import familyguide.staff. The staff pages that record checks
are in familyguide/staff/translation_views.py.
"""

import difflib
import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po
from flask import current_app, has_request_context
from sqlalchemy import event, select
from sqlalchemy.exc import SQLAlchemyError

from . import clock, current, db
from .content import SOURCE_LANGUAGE, parse_page, version_of
from .models import TranslationCheck
from .pages import library

STRING_GROUPS = 20  # about 25 strings each today; never change it (every group's checks would go stale)
STRINGS = "strings"
CHECKED, NOT_CHECKED, STALE = "checked", "not checked", "stale"
STATES = (CHECKED, STALE, NOT_CHECKED)
# How long a process keeps the checks it read before reading them again. A check recorded here clears it at
# once; another process (another gunicorn worker) sees it within this time.
CACHE_SECONDS = 60


@dataclass(frozen=True)
class Source:
    """One page to check in one language: its English source and its translation, as they are now."""

    page: str
    title: str
    english: str
    translation: str | None  # None: no translation yet (a content page that falls back to English)

    @property
    def english_hash(self):
        return version_of(self.english)

    @property
    def translation_hash(self):
        return version_of(self.translation) if self.translation is not None else ""


@dataclass(frozen=True)
class Status:
    source: Source
    state: str
    check: TranslationCheck | None  # the latest check, if any
    english_changed: bool = False
    translation_changed: bool = False


# What there is to check


def _content_root():
    return Path(current_app.config["CONTENT_DIR"])


def content_pages():
    """The ids of every content page with an English source: ``section/slug``, by section then file name."""
    root = _content_root() / SOURCE_LANGUAGE
    return [
        f"{section.name}/{path.stem}"
        for section in sorted(p for p in root.iterdir() if p.is_dir())
        for path in sorted(section.glob("*.md"))
    ]


def _catalogue_path(lang):
    return Path(current_app.config["TRANSLATIONS_DIR"]) / lang / "LC_MESSAGES" / "messages.po"


_catalogues: dict = {}
_catalogues_lock = threading.Lock()


def _one_line(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def catalogue_entries(lang):
    """(msgid, msgstr) pairs of the language's catalogue, in its order; a plural's forms joined by " | ".
    Read once per version of the file."""
    path = _catalogue_path(lang)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return []
    with _catalogues_lock:
        kept = _catalogues.get(path)
        if kept and kept[0] == stamp:
            return kept[1]
    with path.open("rb") as f:
        catalogue = read_po(f)
    entries = []
    for message in catalogue:
        if not message.id:
            continue
        msgid = " | ".join(message.id) if isinstance(message.id, tuple | list) else message.id
        msgstr = " | ".join(message.string) if isinstance(message.string, tuple | list) else message.string
        entries.append((msgid, msgstr or ""))
    with _catalogues_lock:
        _catalogues[path] = (stamp, entries)
    return entries


def group_of(msgid):
    """The group (1 to STRING_GROUPS) an interface string belongs to, from its English alone."""
    digest = hashlib.sha256(msgid.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % STRING_GROUPS + 1


def string_batches(lang):
    """{group number: its (English, translation) pairs in the catalogue's order}, for the groups that hold any.
    Worked out once per version of the catalogue (do not change what it gives)."""

    def grouped(entries):
        groups: dict[int, list] = {}
        for msgid, msgstr in entries:
            groups.setdefault(group_of(msgid), []).append((msgid, msgstr))
        return dict(sorted(groups.items()))

    return _per_catalogue(_string_batches_kept, lang, grouped)


def _per_catalogue(kept, lang, make):
    """``make(entries)`` for the language's catalogue as it is now: worked out again only when the file changed
    (catalogue_entries gives the same list until then), and kept in ``kept`` by language."""
    entries = catalogue_entries(lang)
    found = kept.get(lang)
    if found is None or found[0] is not entries:
        found = kept[lang] = (entries, make(entries))
    return found[1]


def batch_page(number):
    return f"{STRINGS}/{number}"


def all_pages(lang):
    return content_pages() + [batch_page(n) for n in string_batches(lang)]


def content_text_path(lang, page):
    """The file of a content page (``section/slug``, or ``terms``) in ``lang``."""
    return _content_root() / lang / f"{page}.md"


def string_rows(lang, page):
    """The (English, translation) pairs of a batch of interface strings; [] for a content page."""
    section, _, name = page.partition("/")
    if section != STRINGS or not (name.isascii() and name.isdigit()):
        return []
    return string_batches(lang).get(int(name), [])


def source(lang, page, known_pages=None):
    """The Source of ``page`` in ``lang``, or None when there is no such page (only a page of content_pages(),
    which ``known_pages`` may give, is ever read: the id comes from a URL)."""
    section, _, name = page.partition("/")
    if section == STRINGS:
        batch = string_batches(lang).get(int(name)) if name.isascii() and name.isdigit() else None
        if not batch:
            return None
        return Source(
            page=page,
            title=f"Interface strings, group {int(name)} of {STRING_GROUPS} ({len(batch)} strings)",
            english="\n".join(_one_line(msgid) for msgid, _ in batch),
            translation="\n".join(_one_line(msgstr) for _, msgstr in batch),
        )
    if page not in (known_pages if known_pages is not None else content_pages()):
        return None
    english = content_text_path(SOURCE_LANGUAGE, page).read_text(encoding="utf-8")
    translated = content_text_path(lang, page)
    return Source(
        page=page,
        title=f"{parse_page(english)[0].get('title') or page} ({page})",
        english=english,
        translation=translated.read_text(encoding="utf-8") if translated.is_file() else None,
    )


# What is worked out from each language's catalogue, by language: (the entries it came from, what came of them).
_string_batches_kept: dict = {}
_batch_versions_kept: dict = {}


def _batch_versions(lang):
    """{batch page: (english hash, translation hash)} of the catalogue as it is now (worked out once per
    version of the catalogue)."""

    def versions(_entries):
        found = [source(lang, batch_page(number)) for number in string_batches(lang)]
        return {each.page: (each.english_hash, each.translation_hash) for each in found}

    return _per_catalogue(_batch_versions_kept, lang, versions)


# The checks


def _latest_checks(lang, session):
    latest = {}
    for check in session.scalars(
        select(TranslationCheck).where(TranslationCheck.lang == lang).order_by(TranslationCheck.id)
    ):
        latest[check.page] = check
    return latest


def latest_check(lang, page):
    with db.session() as s:
        return s.scalar(
            select(TranslationCheck)
            .where(TranslationCheck.lang == lang, TranslationCheck.page == page)
            .order_by(TranslationCheck.id.desc())
            .limit(1)
        )


def status_of(found, check):
    if check is None:
        return Status(found, NOT_CHECKED, None)
    english_changed = check.english_hash != found.english_hash
    translation_changed = check.translation_hash != found.translation_hash
    state = STALE if english_changed or translation_changed else CHECKED
    return Status(found, state, check, english_changed, translation_changed)


def statuses(lang):
    """The Status of every page of ``lang``: content pages first, then the string batches."""
    with db.session() as s:
        latest = _latest_checks(lang, s)
    known = set(content_pages())
    return [status_of(found, latest.get(page)) for page in all_pages(lang) if (found := source(lang, page, known))]


def record(lang, page, account_id, english_hash, translation_hash, session):
    """Record that ``account_id`` checked ``page`` in ``lang`` as it was shown to them (the hashes of the page
    they saw). Returns the Status after, or None when the page has changed since it was shown (nothing is
    recorded: the translator must look again). ``session`` joins the caller's unit of work (its audit entry)."""
    found = source(lang, page)
    if found is None or found.translation is None:
        raise LookupError(page)
    if (found.english_hash, found.translation_hash) != (english_hash, translation_hash):
        return None
    check = TranslationCheck(
        lang=lang,
        page=page,
        account_id=account_id,
        checked_at=clock.now(),
        english_hash=found.english_hash,
        translation_hash=found.translation_hash,
        english_text=found.english,
    )
    session.add(check)
    # Family pages in this process see it at once: the kept checks go when it is committed (not before, or a
    # family request in between could keep the old ones for another CACHE_SECONDS).
    event.listen(session, "after_commit", lambda _session: _forget_cached(), once=True)
    return status_of(found, check)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def english_changes(status):
    """How the English changed since the version last checked: every line, marked added, removed or the same
    (empty when it has not changed or was never checked)."""
    if status.check is None or not status.english_changed:
        return []
    lines = []
    for line in difflib.ndiff(status.check.english_text.splitlines(), status.source.english.splitlines()):
        marker, text = line[:2], line[2:]
        if marker == "? " or (marker != "  " and not text.strip()):
            continue  # difflib's hints, and empty lines added or taken away (nothing to read)
        lines.append(DiffLine({"+ ": "added", "- ": "removed"}.get(marker, "same"), text))
    return lines


# What family pages ask: is the page shown now checked against the current English?

_kept: dict = {}  # (content dir, database, language) -> (read at, {page: (english hash, translation hash)})
_kept_lock = threading.Lock()


def _forget_cached():
    with _kept_lock:
        _kept.clear()


def _checked_versions(lang):
    """{page: (english hash, translation hash)} of the latest check of each page of ``lang``, kept for
    CACHE_SECONDS. When the database cannot be read, no page counts as checked (the note stays)."""
    key = (current_app.config["CONTENT_DIR"], current_app.config.get("DATABASE_URL"), lang)
    now = time.monotonic()
    with _kept_lock:
        kept = _kept.get(key)
        if kept and now - kept[0] < CACHE_SECONDS:
            return kept[1]
    try:
        with db.session() as s:
            versions = {p: (c.english_hash, c.translation_hash) for p, c in _latest_checks(lang, s).items()}
    except SQLAlchemyError:
        # Kept too, so a database that is down does not slow every family page: it is asked again later.
        current_app.logger.warning("Translation checks could not be read; every page shows its note.")
        versions = {}
    with _kept_lock:
        _kept[key] = (now, versions)
    return versions


def _content_versions(lang, page):
    section, _, slug = page.partition("/")
    english = next((p for p in library().pages(SOURCE_LANGUAGE, section) if p.slug == slug), None)
    translated = next((p for p in library().pages(lang, section) if p.slug == slug), None)
    if english is None or translated is None:
        return None
    return english.version, translated.version


def is_checked(lang, page):
    """Whether ``page`` (a content page id, or STRINGS for "every interface string") is checked in ``lang``
    against the English as it is now."""
    checked = _checked_versions(lang)
    if page == STRINGS:
        batches = _batch_versions(lang)
        return bool(batches) and all(checked.get(page) == versions for page, versions in batches.items())
    current = _content_versions(lang, page)
    return current is not None and checked.get(page) == current


def shows(*pages):
    """A family view says which content pages it shows (``guide/<slug>``), before it renders; a page that says
    none is made of interface strings only (STRINGS: checked when every string of its language is)."""
    state = current.state()
    state.translation_pages = pages
    state.pop("translation_note_needed", None)


def shows_section(section):
    """A journey built from a whole section of content (the preparation chat, the Three Houses) and interface
    strings: checked when all of them are."""
    shows(STRINGS, *library().page_ids(section))


def note_needed(language):
    """Whether the page being shown carries the "not checked by a qualified translator" note. Asked once per
    request at most (kept on g)."""
    if language.checked or language.code == SOURCE_LANGUAGE:
        return False
    if not has_request_context():
        return True
    state = current.state()
    if "translation_note_needed" not in state:
        pages = state.get("translation_pages") or (STRINGS,)
        state.translation_note_needed = not all(is_checked(language.code, page) for page in pages)
    return state.translation_note_needed


def init_app(app):
    app.add_template_global(note_needed, "translation_note_needed")
