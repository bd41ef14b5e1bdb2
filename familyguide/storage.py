"""Drafts: the one storage module for the preparation chat and the Three Houses.

A draft's contents are a JSON-able dict, sealed with the draft's own data key. A browser session reaches a
draft only through a binding token (kept in the session, stored here as a keyed hash, with the data key
wrapped by it); each resume code is another way in, with its own wrapping. A parent may be given several
codes (each "Save and come back later" makes one): the newest ``CODES_PER_DRAFT`` all work, since the one she
wrote down may be any of them. The quick exit revokes a binding and leaves the codes; deleting a draft
destroys every wrapped key, so no leftover copy of its words can be opened (crypto.py).

A draft expires
``DRAFT_RETENTION_DAYS`` after its last change, counted with the setting in force now (so a shorter
retention applies to drafts already stored); ``purge_expired`` deletes what is past its time.

A draft may also have parts: large pieces (a child's drawing) each sealed with the same key in a row of its
own (``load_with_parts``, ``save(..., parts=...)``). A save writes only the parts that changed, so adding a
word to a draft with megabytes of drawings rewrites only its small words. A draft's words and parts together
may hold at most ``DRAFT_MAX_BYTES`` sealed: a save that would go over raises ``DraftTooBig`` and stores
nothing.

Saves are safe when two arrive at once (two tabs, two phones with one code, a double tap): each save
names the version it was loaded from, and a save from an older version raises ``DraftConflict`` instead of
overwriting. ``retry_on_conflict`` runs a view again on the fresh draft, so nothing is lost.
"""

import hashlib
import json
import logging
import secrets
from collections.abc import Callable, Mapping
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar, cast

from flask import current_app
from sqlalchemy import and_, bindparam, delete, func, insert, not_, or_, select, update
from sqlalchemy.orm import aliased

from . import clock, crypto, current, db, limits, resume_codes
from .crypto import Cipher
from .models import Draft, DraftBinding, DraftCode, DraftPart


def _cipher() -> Cipher:
    return crypto.server_cipher(current.app().config)


log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])

SAVE_ATTEMPTS = 10
# How many of a draft's resume codes work: the newest ones. A code made beyond this stops the oldest.
CODES_PER_DRAFT = 5


class DraftConflict(Exception):
    """Another request saved the draft after this one loaded it (or saves kept colliding)."""


class DraftTooBig(Exception):
    """The save would take the draft over DRAFT_MAX_BYTES: nothing was stored."""


def _oldest_live_change(now=None):
    """A draft last changed at or before this moment is past its time."""
    return (now or clock.now()) - timedelta(days=current.app().config["DRAFT_RETENTION_DAYS"])


class Opened:
    """A draft as this request opened it: its id, the version a save must replace, its data key, and, once
    known, its parts as stored (name -> (digest of the contents, sealed size)), so a save rewrites only
    the parts that changed."""

    def __init__(self, draft_id: str, version: int, key: bytes, parts: dict[str, tuple[str, int]] | None = None):
        self.draft_id, self.version, self.key = draft_id, version, key
        self.parts = parts


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _opened() -> dict[str | None, Opened]:
    """The drafts this request has opened, by binding token."""
    state = current.state()
    opened = state.get("opened_drafts")
    if opened is None:
        opened = state.opened_drafts = {}
    return opened


def _token_hash(token: str) -> str:
    return _cipher().fingerprint(f"binding:{token}")


def _binding(draft_id: str, token: str, key: bytes) -> DraftBinding:
    return DraftBinding(
        token_hash=_token_hash(token), draft_id=draft_id, wrapped_key=_cipher().wrap(key, token), created_at=clock.now()
    )


def create(kind: str, data: Any, parts: Mapping[str, Any] | None = None) -> str:
    """Store a new draft, with its parts when given, and return the binding token that opens it (the only
    way in, for now). DraftTooBig, with nothing stored, if it would hold more than DRAFT_MAX_BYTES."""
    key, token = crypto.new_data_key(), secrets.token_urlsafe(32)
    sealed = crypto.seal(key, data)
    writes, after = _part_writes(key, {}, parts or {})
    if len(sealed) + sum(size for _, size in after.values()) > current_app.config["DRAFT_MAX_BYTES"]:
        raise DraftTooBig
    draft = Draft(id=secrets.token_urlsafe(32), kind=kind, payload=sealed, updated_at=clock.now(), version=0)
    with db.session() as s:
        s.add(draft)
        s.add_all(DraftPart(draft_id=draft.id, name=name, payload=payload) for name, payload in writes.items())
        s.add(_binding(draft.id, token, key))
    _opened()[token] = Opened(draft.id, 0, key, parts=after)
    return token


def _oldest_unsaved_change(now=None):
    """A draft that never got a resume code, last changed at or before this moment, is past its time."""
    return (now or clock.now()) - timedelta(hours=current.app().config["UNSAVED_DRAFT_HOURS"])


def _expired_before(oldest_live, oldest_unsaved):
    """The condition for a draft past its time (a short life for one nobody can come back to with a code)."""
    has_code = select(DraftCode.id).where(DraftCode.draft_id == Draft.id).correlate(Draft).exists()
    return or_(
        Draft.updated_at <= oldest_live,
        and_(not_(has_code), Draft.updated_at <= oldest_unsaved),
    )


def _expired():
    return _expired_before(_oldest_live_change(), _oldest_unsaved_change())


# The statements of every page of a journey (open the draft, save it), built once (building one costs more
# than running it) and run without the ORM (db.connection), the reads on the driver's own cursor (db.Read).
# Each call binds its own values.
_LIVE = not_(_expired_before(bindparam("oldest_live"), bindparam("oldest_unsaved")))
_LOAD_STATEMENT = (
    select(Draft.id, Draft.kind, Draft.version, Draft.payload, DraftBinding.wrapped_key)
    .join(DraftBinding, DraftBinding.draft_id == Draft.id)
    .where(DraftBinding.token_hash == bindparam("token_hash"), _LIVE)
)
_LOAD = db.Read(_LOAD_STATEMENT)
_LOAD_WITH_PARTS = db.Read(
    _LOAD_STATEMENT.add_columns(DraftPart.name.label("part_name"), DraftPart.payload.label("part_payload")).outerjoin(
        DraftPart, DraftPart.draft_id == Draft.id
    )
)
_PART_SIZES = select(DraftPart.name, func.length(DraftPart.payload)).where(DraftPart.draft_id == bindparam("draft_id"))
_SAVE = (
    update(Draft)
    .where(Draft.id == bindparam("draft_id"), Draft.version == bindparam("loaded_version"), _LIVE)
    .values(payload=bindparam("new_payload"), updated_at=bindparam("changed_at"), version=bindparam("new_version"))
)


def _live_times() -> dict:
    now = clock.now()
    return {"oldest_live": _oldest_live_change(now), "oldest_unsaved": _oldest_unsaved_change(now)}


def load(token: str | None, kind: str) -> Any:
    """The contents of the live draft of this kind that ``token`` is bound to, or None (its parts stay
    unread)."""
    opened = _open(token, kind, with_parts=False)
    return None if opened is None else opened[0]


def load_with_parts(token: str | None, kind: str) -> tuple[Any, dict[str, Any]] | None:
    """The contents of the draft and its parts by name, read together (one statement, so they belong to
    the same version), or None."""
    return _open(token, kind, with_parts=True)


def _open(token: str | None, kind: str, with_parts: bool) -> tuple[Any, dict[str, Any]] | None:
    if not token:
        return None
    values = {"token_hash": _token_hash(token), **_live_times()}
    rows = (_LOAD_WITH_PARTS if with_parts else _LOAD).rows(values)
    if not rows or rows[0].kind != kind:
        return None
    first = rows[0]
    key = _cipher().unwrap(first.wrapped_key, token)
    data = None if key is None else crypto.unseal(key, first.payload)
    if key is None or data is None:
        log.warning("A %s draft could not be opened: its key is not in FAMILYGUIDE_ENCRYPTION_KEY.", kind)
        return None
    opened = Opened(first.id, first.version, key)
    parts: dict[str, Any] = {}
    if with_parts:
        opened.parts = {}
        for row in rows:
            if row.part_name is None:
                continue
            value = crypto.unseal(key, row.part_payload)
            if value is not None:
                parts[row.part_name] = value
            # A part that does not open is still stored: a save replaces or deletes it, never adds it twice.
            opened.parts[row.part_name] = ("" if value is None else _digest(value), len(row.part_payload))
    _opened()[token] = opened
    return data, parts


def _stored_parts(conn: Any, opened: Opened) -> dict[str, tuple[str, int]]:
    """The draft's parts as stored: as this request read them, or else their names and sizes (contents
    unknown, so a save given parts rewrites them all)."""
    if opened.parts is None:
        rows = conn.execute(_PART_SIZES, {"draft_id": opened.draft_id}).all()
        opened.parts = {name: ("", size) for name, size in rows}
    return opened.parts


def _part_writes(
    key: bytes, stored: Mapping[str, tuple[str, int]], parts: Mapping[str, Any]
) -> tuple[dict[str, bytes], dict[str, tuple[str, int]]]:
    """The parts to write (sealed, by name), and every part as it will be stored."""
    writes, after = {}, {}
    for name, value in parts.items():
        digest = _digest(value)
        if name in stored and stored[name][0] == digest:
            after[name] = stored[name]
        else:
            writes[name] = crypto.seal(key, value)
            after[name] = (digest, len(writes[name]))
    return writes, after


def _write_parts(
    conn: Any, draft_id: str, stored: Mapping[str, Any], writes: dict[str, bytes], after: Mapping[str, Any]
) -> None:
    for name, payload in writes.items():
        if name in stored:
            where = and_(DraftPart.draft_id == draft_id, DraftPart.name == name)
            conn.execute(update(DraftPart).where(where).values(payload=payload))
        else:
            conn.execute(insert(DraftPart).values(draft_id=draft_id, name=name, payload=payload))
    gone = [name for name in stored if name not in after]
    if gone:
        conn.execute(delete(DraftPart).where(DraftPart.draft_id == draft_id, DraftPart.name.in_(gone)))


def save(token: str | None, data: Any, parts: Mapping[str, Any] | None = None) -> bool:
    """Replace the contents of the draft this request opened with ``token``, and push its expiry back.
    ``parts``, when given, are all the parts the draft has now: only those that changed are written, and
    those left out are deleted. False if it is gone; DraftConflict if it changed since this request opened
    it; DraftTooBig, with nothing stored, if it would hold more than DRAFT_MAX_BYTES."""
    opened = _opened().get(token)
    if opened is None:
        if bound_draft(token) is None:
            return False
        raise DraftConflict  # never opened here: the caller's data may be stale
    sealed = crypto.seal(opened.key, data)
    values = {
        "draft_id": opened.draft_id,
        "loaded_version": opened.version,
        "new_payload": sealed,
        "changed_at": clock.now(),
        "new_version": opened.version + 1,
        **_live_times(),
    }
    # One transaction: the parts' sizes, the size check, the words and the parts that changed.
    with db.connection() as conn:
        stored = _stored_parts(conn, opened)
        writes, after = ({}, stored) if parts is None else _part_writes(opened.key, stored, parts)
        if len(sealed) + sum(size for _, size in after.values()) > current_app.config["DRAFT_MAX_BYTES"]:
            raise DraftTooBig
        changed = conn.execute(_SAVE, values).rowcount
        if changed == 1:  # the version matched, so the parts as this request read them are still the stored ones
            _write_parts(conn, opened.draft_id, stored, writes, after)
    if changed == 1:
        opened.version += 1
        opened.parts = dict(after)
        return True
    if bound_draft(token) is None:
        return False
    raise DraftConflict


def retry_on_conflict(view: F) -> F:
    """Run a view that loads, changes and saves a draft again, on the fresh draft, when another save got
    there first. Safe because a view's only lasting effect is its final save, which is what failed."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        for _ in range(SAVE_ATTEMPTS - 1):
            try:
                return view(*args, **kwargs)
            except DraftConflict:
                _opened().clear()
        return view(*args, **kwargs)

    return cast(F, wrapper)


def reencrypt_all() -> tuple[int, int]:
    """Re-wrap every stored data key with the first (newest) server key, so older keys can be removed.
    The words themselves are sealed with each draft's own key and need no change.

    Returns (re-wrapped keys, keys no server key opens)."""
    cipher, done, unreadable = _cipher(), 0, 0
    with db.session() as s:
        bindings = s.execute(select(DraftBinding.token_hash, DraftBinding.wrapped_key)).all()
        codes = s.execute(select(DraftCode.id, DraftCode.wrapped_key)).all()
    rewraps: list[tuple[Any, Any, Any, Any, str]]
    rewraps = [(DraftBinding, DraftBinding.token_hash, key_id, wrapped, "wrapped_key") for key_id, wrapped in bindings]
    rewraps += [(DraftCode, DraftCode.id, key_id, wrapped, "wrapped_key") for key_id, wrapped in codes]
    for table, column, key_id, wrapped, field in rewraps:
        rotated = cipher.rotate(wrapped)
        if rotated is None:
            unreadable += 1
            continue
        with db.session() as s:
            done += s.execute(update(table).where(column == key_id).values({field: rotated})).rowcount
    if unreadable:
        log.warning("%d stored key(s) could not be opened with any key in FAMILYGUIDE_ENCRYPTION_KEY.", unreadable)
    return done, unreadable


# The session keys under which journeys keep their binding tokens (each store adds its own).
SESSION_BINDINGS: set[str] = set()


def bound_draft(token: str | None) -> str | None:
    """The id of the draft this token is bound to, or None (no token, or the binding was revoked)."""
    if not token:
        return None
    with db.session() as s:
        return s.scalar(select(DraftBinding.draft_id).where(DraftBinding.token_hash == _token_hash(token)))


def unbind(token: str | None) -> None:
    """Revoke one way in (the draft stays, for its resume codes)."""
    if token:
        with db.session() as s:
            s.execute(delete(DraftBinding).where(DraftBinding.token_hash == _token_hash(token)))
        _opened().pop(token, None)


def end_session_bindings(session: Mapping[str, Any]) -> None:
    """The quick exit: revoke every binding this session holds, so no copy of its cookie opens anything."""
    for key in SESSION_BINDINGS:
        unbind(session.get(key))


def delete_draft(token: str | None) -> None:
    """Delete the draft ``token`` opens, with every wrapped copy of its key: nothing of it can be read again."""
    draft_id = bound_draft(token)
    if draft_id is None:
        return
    with db.session() as s:
        s.execute(delete(DraftBinding).where(DraftBinding.draft_id == draft_id))
        s.execute(delete(DraftCode).where(DraftCode.draft_id == draft_id))
        s.execute(delete(DraftPart).where(DraftPart.draft_id == draft_id))
        s.execute(delete(Draft).where(Draft.id == draft_id))
    _opened().pop(token, None)
    db.forget_deleted()


def version_of(token: str | None) -> tuple[str, int] | None:
    """(draft id, version) of the draft this request opened with ``token``, or None: what a built document
    of it can be kept under."""
    opened = _opened().get(token)
    return None if opened is None else (opened.draft_id, opened.version)


def _data_key(token: str | None) -> tuple[str, bytes] | None:
    opened = _opened().get(token)
    if opened is None:
        return None
    return opened.draft_id, opened.key


def issue_resume_code(token: str | None) -> str | None:
    """Give the draft this request opened a new resume code, as well as those it has (a parent may have
    written down any of them), and return it formatted; None when nothing is open. Only the newest
    CODES_PER_DRAFT work: beyond that, the oldest code's wrapped key is deleted."""
    found = _data_key(token)
    if found is None:
        return None
    draft_id, key = found
    code = resume_codes.new_code()
    lookup, wrapping = _cipher().code_secrets(code)
    older = aliased(DraftCode)
    beyond_the_newest = (
        select(older.id).where(older.draft_id == draft_id).order_by(older.id.desc()).offset(CODES_PER_DRAFT)
    )
    with db.session() as s:
        s.add(
            DraftCode(
                draft_id=draft_id, code_hash=lookup, wrapped_key=_cipher().wrap(key, wrapping), created_at=clock.now()
            )
        )
        s.flush()
        stopped = s.execute(delete(DraftCode).where(DraftCode.id.in_(beyond_the_newest))).rowcount
    if stopped:
        db.forget_deleted()
    return resume_codes.formatted(code)


def resume(code: str, kind: str) -> str | None:
    """A new binding token for the live draft with this code (normalised, check character checked), or None.

    A code given before codes were hashed with scrypt (a fast keyed hash, wrapping with the code itself) still
    opens its draft until that draft expires."""
    lookup, wrapping = _cipher().code_secrets(code)
    older = _cipher().fingerprint(code)
    with db.session() as s:
        found = s.execute(
            select(DraftCode.draft_id, DraftCode.code_hash, DraftCode.wrapped_key, Draft.kind)
            .join(Draft, Draft.id == DraftCode.draft_id)
            .where(DraftCode.code_hash.in_([lookup, older]), not_(_expired()))
        ).first()
        if found is None or found.kind != kind:
            return None
        key = _cipher().unwrap(found.wrapped_key, wrapping if found.code_hash == lookup else code)
        if key is None:
            return None
        token = secrets.token_urlsafe(32)
        s.add(_binding(found.draft_id, token, key))
    return token


def purge_expired() -> int:
    """Delete expired drafts (their bindings, codes and parts with them) and rate-limit windows that have
    passed. Returns how many drafts went."""
    with db.session() as s:
        gone = s.execute(delete(Draft).where(_expired())).rowcount
        s.execute(delete(DraftBinding).where(DraftBinding.draft_id.not_in(select(Draft.id))))
        s.execute(delete(DraftCode).where(DraftCode.draft_id.not_in(select(Draft.id))))
        s.execute(delete(DraftPart).where(DraftPart.draft_id.not_in(select(Draft.id))))
    limits.purge()
    db.forget_deleted()
    return gone
