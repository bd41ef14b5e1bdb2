"""Drafts: the one storage module for the preparation chat and the Three Houses.

A draft's contents are a JSON-able dict, encrypted before they reach the database. A draft expires
``DRAFT_RETENTION_DAYS`` after its last change, counted with the setting in force now (so a shorter
retention applies to drafts already stored); ``purge_expired`` deletes what is past its time.

Saves are safe when two arrive at once (two tabs, two phones with one code, a double tap): each save
names the version it was loaded from, and a save from an older version raises ``DraftConflict`` instead of
overwriting. ``retry_on_conflict`` runs a view again on the fresh draft, so nothing is lost.
"""

import logging
import secrets
from datetime import timedelta
from functools import wraps

from flask import current_app, g
from sqlalchemy import and_, delete, not_, or_, select, update

from . import clock, db, limits, resume_codes
from .crypto import Cipher
from .models import Draft, DraftBinding


def _cipher():
    cfg = current_app.config
    return Cipher(cfg["ENCRYPTION_KEY"], cfg["SECRET_KEY"])


log = logging.getLogger(__name__)

SAVE_ATTEMPTS = 10


class DraftConflict(Exception):
    """Another request saved the draft after this one loaded it (or saves kept colliding)."""


def _oldest_live_change():
    """A draft last changed at or before this moment is past its time."""
    return clock.now() - timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


def _loaded_versions():
    """The version of each draft as this request loaded it: the version its save must replace."""
    if "draft_versions" not in g:
        g.draft_versions = {}
    return g.draft_versions


def create(kind, data):
    """Store a new draft and return its id."""
    draft = Draft(id=secrets.token_urlsafe(32), kind=kind, payload=_cipher().encrypt(data),
                  updated_at=clock.now(), version=0)
    with db.session() as s:
        s.add(draft)
    _loaded_versions()[draft.id] = 0
    return draft.id


def _oldest_unsaved_change():
    """A draft that never got a resume code, last changed at or before this moment, is past its time."""
    return clock.now() - timedelta(hours=current_app.config["UNSAVED_DRAFT_HOURS"])


def _expired():
    """The condition for a draft past its time (a short life for one nobody can come back to with a code)."""
    return or_(Draft.updated_at <= _oldest_live_change(),
               and_(Draft.resume_code_hash.is_(None), Draft.updated_at <= _oldest_unsaved_change()))


def _live_draft(s, draft_id, kind=None):
    draft = s.scalars(select(Draft).where(Draft.id == draft_id, not_(_expired()))).first()
    if draft is None or (kind and draft.kind != kind):
        return None
    return draft


def load(draft_id, kind):
    """The draft's contents, or None when it is missing, of another kind, expired or unreadable."""
    if not draft_id:
        return None
    with db.session() as s:
        draft = _live_draft(s, draft_id, kind)
        if draft is None:
            return None
        data = _cipher().decrypt(draft.payload)
        if data is None:
            log.warning("A %s draft could not be decrypted: its key is not in FAMILYGUIDE_ENCRYPTION_KEY.", kind)
            return None
        _loaded_versions()[draft_id] = draft.version
        return data


def save(draft_id, data):
    """Replace the draft's contents and push its expiry back. False if it is gone.

    Raises DraftConflict when the draft changed since this request loaded it."""
    if not draft_id:
        return False
    versions = _loaded_versions()
    loaded = versions.get(draft_id)
    if loaded is None:
        if load_version(draft_id) is None:
            return False
        raise DraftConflict  # never loaded here: the caller's data may be stale
    statement = (update(Draft)
                 .where(Draft.id == draft_id, Draft.version == loaded, not_(_expired()))
                 .values(payload=_cipher().encrypt(data), updated_at=clock.now(), version=loaded + 1))
    with db.session() as s:
        changed = s.execute(statement).rowcount
    if changed == 1:
        versions[draft_id] = loaded + 1
        return True
    if load_version(draft_id) is None:
        return False
    raise DraftConflict


def load_version(draft_id):
    """The live draft's version, or None when it is gone."""
    with db.session() as s:
        draft = _live_draft(s, draft_id)
        return None if draft is None else draft.version


def retry_on_conflict(view):
    """Run a view that loads, changes and saves a draft again, on the fresh draft, when another save got
    there first. Safe because a view's only lasting effect is its final save, which is what failed."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        for _ in range(SAVE_ATTEMPTS - 1):
            try:
                return view(*args, **kwargs)
            except DraftConflict:
                _loaded_versions().clear()
        return view(*args, **kwargs)

    return wrapper


def reencrypt_all():
    """Re-encrypt every live draft with the first (newest) key, so older keys can be removed.

    Returns (re-encrypted, unreadable). A draft saved meanwhile is already under the newest key."""
    cipher, done, unreadable = _cipher(), 0, 0
    with db.session() as s:
        drafts = s.execute(select(Draft.id, Draft.version, Draft.payload).where(not_(_expired()))).all()
    for draft_id, version, payload in drafts:
        token = cipher.rotate(payload)
        if token is None:
            unreadable += 1
            continue
        with db.session() as s:
            done += s.execute(update(Draft).where(Draft.id == draft_id, Draft.version == version)
                              .values(payload=token, version=version + 1)).rowcount
    if unreadable:
        log.warning("%d draft(s) could not be decrypted with any key in FAMILYGUIDE_ENCRYPTION_KEY.", unreadable)
    return done, unreadable


# The session keys under which journeys keep their binding tokens (each store adds its own).
SESSION_BINDINGS = set()


def bind(draft_id):
    """A new token tying one browser session to this draft; only its keyed hash is stored."""
    token = secrets.token_urlsafe(32)
    with db.session() as s:
        s.add(DraftBinding(token_hash=_cipher().fingerprint(f"binding:{token}"), draft_id=draft_id,
                           created_at=clock.now()))
    return token


def bound_draft(token):
    """The id of the draft this token is bound to, or None (no token, or the binding was revoked)."""
    if not token:
        return None
    with db.session() as s:
        return s.scalar(select(DraftBinding.draft_id)
                        .where(DraftBinding.token_hash == _cipher().fingerprint(f"binding:{token}")))


def unbind(token):
    if token:
        with db.session() as s:
            s.execute(delete(DraftBinding).where(DraftBinding.token_hash == _cipher().fingerprint(f"binding:{token}")))


def end_session_bindings(session):
    """The quick exit: revoke every binding this session holds, so no copy of its cookie opens anything."""
    for key in SESSION_BINDINGS:
        unbind(session.get(key))


def delete_draft(draft_id):
    with db.session() as s:
        s.execute(delete(DraftBinding).where(DraftBinding.draft_id == draft_id))
        s.execute(delete(Draft).where(Draft.id == draft_id))
    _loaded_versions().pop(draft_id, None)
    db.forget_deleted()


def issue_resume_code(draft_id):
    """Give the draft a fresh resume code (replacing any old one) and return it, formatted."""
    code = resume_codes.new_code()
    with db.session() as s:
        s.execute(update(Draft).where(Draft.id == draft_id).values(resume_code_hash=_cipher().fingerprint(code)))
    return resume_codes.formatted(code)


def find_by_code(code, kind):
    """The id of the live draft with this code (normalised, its check character already checked), or None."""
    with db.session() as s:
        draft = s.scalars(select(Draft).where(Draft.resume_code_hash == _cipher().fingerprint(code),
                                              not_(_expired()))).first()
        if draft is None or draft.kind != kind:
            return None
        return draft.id


def purge_expired():
    """Delete expired drafts and rate-limit windows that have passed. Returns how many drafts went."""
    with db.session() as s:
        gone = s.execute(delete(Draft).where(_expired())).rowcount
        s.execute(delete(DraftBinding).where(DraftBinding.draft_id.not_in(select(Draft.id))))
    limits.purge()
    db.forget_deleted()
    return gone
