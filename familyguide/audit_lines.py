"""Each audit entry, once stored, also written as one line to standard error (the journal under systemd), for
a council to send on to its security monitoring (a SIEM) with the rest of its logs.

The audit table lives in the database the app writes to; a copy outside it, made as each entry is committed,
is one that nobody with the database alone can change or remove. A line holds what an entry holds but the
staff member's e-mail address: the account's id instead (the logs hold no personal data, README "Running it
for real"), and never a family's words, as no entry does. A line is written only when its entry's unit of
work is committed: an action rolled back never shows in the log.

    AUDIT {"at": "2026-12-07T09:15:02Z", "action": "sign_in_failed", "account": 7, "target": "known device",
           "record": null, "client": "3f2a…"}

Off with FAMILYGUIDE_AUDIT_LOG_LINES=no.
"""

import json
import logging
import sys

from sqlalchemy import event
from sqlalchemy.orm import Session

from .models import AuditEntry

log = logging.getLogger("familyguide.audit")
_PENDING = "familyguide.audit_lines"


class _StandardError(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a line is written (as logging's own last-resort handler does), so
    a process that redirects its standard error, or a test capturing it, gets the lines."""

    def __init__(self):
        logging.Handler.__init__(self)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr


def init_app(app):
    """Write the lines when AUDIT_LOG_LINES is on (once a process: apps made again share the one handler)."""
    log.propagate = False  # one copy, wherever the root logger writes
    log.setLevel(logging.INFO if app.config["AUDIT_LOG_LINES"] else logging.CRITICAL + 1)
    if not any(isinstance(handler, _StandardError) for handler in log.handlers):
        handler = _StandardError()
        handler.setFormatter(logging.Formatter("AUDIT %(message)s"))
        log.addHandler(handler)


def line(entry):
    """The log line's JSON for an audit entry: everything it holds but the e-mail address."""
    return json.dumps(
        {
            "at": entry.at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "action": entry.action,
            "account": entry.actor_id,
            "target": entry.target,
            "record": entry.record_id,
            "client": entry.client_hash,
        },
        ensure_ascii=True,  # a line stays one line of ASCII whatever a team's name holds
    )


@event.listens_for(Session, "after_flush")
def _keep_until_commit(session, _context):
    """The lines of the entries just written, made now (after the commit their rows may no longer be loaded)."""
    lines = [line(obj) for obj in session.new if isinstance(obj, AuditEntry)]
    if lines:
        session.info.setdefault(_PENDING, []).extend(lines)


@event.listens_for(Session, "after_commit")
def _write_committed(session):
    for text in session.info.pop(_PENDING, []):
        log.info("%s", text)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session):
    session.info.pop(_PENDING, None)
