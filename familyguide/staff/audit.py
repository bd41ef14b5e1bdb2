"""The audit trail: append-only entries of what was done in the staff area, by whom, to which id.

Never a family's words: an action name from ACTIONS, account, team or record ids, and the client address as a
keyed hash (the same address gives the same hash, so entries can be matched, but the address is not kept).
Entries older than AUDIT_RETENTION_DAYS are removed by `flask purge`.
"""

import csv
import io
from datetime import timedelta

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from .. import clock, db, limits
from ..models import AuditEntry
from .hashing import keyed_hash

# The action codes (stored, and in the CSV and the log lines) and their labels on the Audit log page, translated
# when shown.
ACTIONS = {
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in refused"),
    "lockout": _l("Account locked after failed sign-ins"),
    "device_remembered": _l("Browser remembered as a known device"),
    "device_lockout": _l("Known device locked after failed sign-ins"),
    "sign_out": _l("Signed out"),
    "sign_out_everywhere": _l("Signed out everywhere else"),
    "interface_language": _l("Language of the staff area chosen"),
    "password_set": _l("Password chosen"),
    "second_factor_set_up": _l("Second factor set up"),
    "recovery_code_used": _l("Recovery code used"),
    "sign_in_reset": _l("Password and second factor reset"),
    "account_added": _l("Account added"),
    "account_changed": _l("Account changed"),
    "account_disabled": _l("Account disabled"),
    "account_enabled": _l("Account enabled"),
    "account_deleted": _l("Account deleted"),
    "team_added": _l("Team added"),
    "team_renamed": _l("Team renamed"),
    "team_deleted": _l("Team deleted"),
    "audit_exported": _l("Audit log exported"),
    # Conference records (issue 11). Ids only: never a family's words.
    "record_created": _l("Conference record created"),
    "record_changed": _l("Conference date or details changed"),
    "invitation_added": _l("Invitation added"),
    "code_issued": _l("New link and code made"),
    "letter_printed": _l("Letter made (new link and code)"),
    "invitation_cancelled": _l("Invitation cancelled"),
    "views_read": _l("Parent's views read"),
    "views_pdf_downloaded": _l("Parent's views PDF downloaded"),
    "record_copied": _l("Marked copied into the case record"),
    "record_deleted": _l("Record deleted"),
    "record_reassigned": _l("Record reassigned"),
    "record_purged": _l("Record deleted after its retention period"),
    "views_sent": _l("A family sent their views"),
    "views_taken_back": _l("A family took their views back"),
    "three_houses_started": _l("Three Houses started with a child"),
    "three_houses_continued": _l("Three Houses carried on with a child"),
    "three_houses_pdf_downloaded": _l("Three Houses PDF downloaded"),
    # A translator's work (issue 13): the language and page id only, never the text.
    "translation_checked": _l("Translation checked by a translator"),
    "strings_exported": _l("Interface strings exported as a PO file"),
    "strings_imported": _l("Interface strings imported from a PO file"),
}


class AppendOnlyError(RuntimeError):
    """Something tried to change or delete an audit entry (only the purge removes entries, by age)."""


@event.listens_for(Session, "before_flush")
def _entries_are_never_changed(session, _context, _instances):
    if any(isinstance(obj, AuditEntry) for obj in (*session.dirty, *session.deleted)):
        raise AppendOnlyError("audit entries are append-only")


CSV_COLUMNS = ("when (UTC)", "who", "account id", "action", "target", "record id", "client (keyed hash)")


def client_hash():
    """The client's address as a keyed hash (per IPv6 /64, as the rate limits count), or None outside a request."""
    if not has_request_context():
        return None
    bucket = limits.client_bucket(request.remote_addr)
    return keyed_hash("client", bucket) if bucket else None


def record(action, actor=None, target=None, record_id=None, session=None):
    """Append one entry. ``actor`` is a StaffAccount or None (an unknown e-mail); ``session`` joins the caller's
    unit of work, so the entry is written together with what it records."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(
        at=clock.now(),
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", None),
        action=action,
        target=None if target is None else str(target)[:80],
        record_id=record_id,
        client_hash=client_hash(),
    )
    if session is not None:
        session.add(entry)
        return
    with db.session() as s:
        s.add(entry)


class Filters:
    """What an admin filters the log by: each may be empty."""

    def __init__(self, who="", action="", since=None, until=None):
        self.who, self.action, self.since, self.until = who.strip().lower(), action, since, until

    def query(self):
        q = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        if self.who:
            q = q.where(AuditEntry.actor_email == self.who)
        if self.action in ACTIONS:
            q = q.where(AuditEntry.action == self.action)
        if self.since:
            q = q.where(AuditEntry.at >= self.since)
        if self.until:
            q = q.where(AuditEntry.at < self.until + timedelta(days=1))
        return q


def entries(filters, limit=None):
    q = filters.query()
    if limit:
        q = q.limit(limit)
    with db.session() as s:
        return list(s.scalars(q))


def _safe_cell(value):
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in rows:
        cells = (
            e.at.isoformat(sep=" ", timespec="seconds"),
            e.actor_email,
            e.actor_id,
            e.action,
            e.target,
            e.record_id,
            e.client_hash,
        )
        writer.writerow([_safe_cell(c) for c in cells])
    return out.getvalue()


def purge():
    """Remove entries older than the retention period. Returns how many went."""
    oldest = clock.now() - timedelta(days=current_app.config["AUDIT_RETENTION_DAYS"])
    with db.session() as s:
        return s.execute(delete(AuditEntry).where(AuditEntry.at < oldest)).rowcount
