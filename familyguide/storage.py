"""Drafts: the one storage module for the preparation chat and the Three Houses.

A draft's contents are a JSON-able dict, encrypted before they reach the database. A draft expires a
configurable number of days after its last change; ``purge_expired`` deletes what is past its time.
"""

import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from . import clock, db
from .crypto import Cipher
from .models import Draft, ResumeAttempt

# No 0/O or 1/I/L: a code must be easy to read out over the phone and to type.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 8


def _cipher():
    cfg = current_app.config
    return Cipher(cfg["ENCRYPTION_KEY"], cfg["SECRET_KEY"])


def _expiry(now):
    return now + timedelta(days=current_app.config["DRAFT_RETENTION_DAYS"])


def create(kind, data):
    """Store a new draft and return its id."""
    now = clock.now()
    draft = Draft(id=secrets.token_urlsafe(32), kind=kind, payload=_cipher().encrypt(data),
                  updated_at=now, expires_at=_expiry(now))
    with db.session() as s:
        s.add(draft)
    return draft.id


def load(draft_id, kind):
    """The draft's contents, or None when it is missing, of another kind, or expired."""
    if not draft_id:
        return None
    with db.session() as s:
        draft = s.get(Draft, draft_id)
        if draft is None or draft.kind != kind or draft.expires_at <= clock.now():
            return None
        return _cipher().decrypt(draft.payload)


def save(draft_id, data):
    """Replace the draft's contents and push its expiry back. False if it is gone."""
    now = clock.now()
    with db.session() as s:
        draft = s.get(Draft, draft_id)
        if draft is None or draft.expires_at <= now:
            return False
        draft.payload = _cipher().encrypt(data)
        draft.updated_at = now
        draft.expires_at = _expiry(now)
    return True


def delete_draft(draft_id):
    with db.session() as s:
        s.execute(delete(Draft).where(Draft.id == draft_id))


def normalise_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code):
    return f"{code[:4]}-{code[4:]}"


def issue_resume_code(draft_id):
    """Give the draft a fresh resume code (replacing any old one) and return it, formatted."""
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
    with db.session() as s:
        draft = s.get(Draft, draft_id)
        draft.resume_code_hash = _cipher().fingerprint(code)
    return format_code(code)


def find_by_code(code, kind):
    """The id of the live draft with this resume code, or None."""
    normalised = normalise_code(code)
    if len(normalised) != RESUME_LENGTH:
        return None
    with db.session() as s:
        draft = s.scalars(select(Draft).where(Draft.resume_code_hash == _cipher().fingerprint(normalised))).first()
        if draft is None or draft.kind != kind or draft.expires_at <= clock.now():
            return None
        return draft.id


def allow_attempt(client_address):
    """Record one resume attempt from this address; False once it has had too many this hour."""
    now = clock.now()
    client = _cipher().fingerprint(f"client:{client_address}")
    limit = current_app.config["RESUME_ATTEMPTS_PER_HOUR"]
    with db.session() as s:
        recent = s.scalar(select(func.count()).select_from(ResumeAttempt).where(
            ResumeAttempt.client_hash == client, ResumeAttempt.attempted_at > now - timedelta(hours=1)))
        if recent >= limit:
            return False
        s.add(ResumeAttempt(client_hash=client, attempted_at=now))
    return True


def purge_expired():
    """Delete expired drafts and old resume attempts. Returns how many drafts went."""
    now = clock.now()
    with db.session() as s:
        gone = s.execute(delete(Draft).where(Draft.expires_at <= now)).rowcount
        s.execute(delete(ResumeAttempt).where(ResumeAttempt.attempted_at <= now - timedelta(hours=1)))
    return gone
