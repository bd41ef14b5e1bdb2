"""Staff sessions, kept on the server. The cookie (its own name, Path=/staff, HttpOnly, SameSite=Strict,
Secure in production) holds a random token; the database holds only its keyed hash, the account, the stage
and two times, so the idle and absolute limits and "sign out everywhere" are the server's decision.

Every sign-in step makes a new session and ends the one before (no fixation)."""

import secrets
from datetime import timedelta

from flask import current_app, g, request
from sqlalchemy import delete, or_, select

from .. import clock, db
from ..models import StaffAccount, StaffSession
from . import cookies
from .hashing import keyed_hash

FULL, PASSWORD_DONE, SETUP = "full", "password", "setup"


def _hash(token):
    return keyed_hash("session", token)


def _expired_condition(now):
    cfg = current_app.config
    return or_(
        StaffSession.last_seen_at <= now - timedelta(minutes=cfg["STAFF_IDLE_MINUTES"]),
        StaffSession.created_at <= now - timedelta(hours=cfg["STAFF_ABSOLUTE_HOURS"]),
    )


def current(touch=True):
    """(session row, account) for this request's cookie, or (None, None). Touches the idle timer unless
    ``touch`` is false (a page's script asking how long is left is not the staff member doing something).
    A cookie whose session has ended sets g.staff_session_ended, so the sign-in page can say why."""
    token = request.cookies.get(current_app.config["STAFF_COOKIE_NAME"])
    if not token:
        return None, None
    now = clock.now()
    with db.session() as s:
        row = s.execute(
            select(StaffSession, StaffAccount)
            .join(StaffAccount, StaffAccount.id == StaffSession.account_id)
            .where(StaffSession.token_hash == _hash(token))
        ).first()
        found, account = row if row is not None else (None, None)
        idle = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"])
        absolute = timedelta(hours=current_app.config["STAFF_ABSOLUTE_HOURS"])
        if found is not None and (
            found.last_seen_at <= now - idle or found.created_at <= now - absolute or account.disabled
        ):
            s.delete(found)
            found = None
        elif found is not None and touch:
            found.last_seen_at = now
    if found is None:
        # Only once the database has said so (never when it could not be asked): the cookie is cleared.
        g.staff_session_ended, g.staff_cookie = True, ""
        return None, None
    g.staff_token = token
    return found, account


def seconds_left(found):
    """How long the session ``found`` has before it ends: (without a request, at the latest), in seconds."""
    now = clock.now()
    idle = found.last_seen_at + timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"]) - now
    absolute = found.created_at + timedelta(hours=current_app.config["STAFF_ABSOLUTE_HOURS"]) - now
    return max(0, int(idle.total_seconds())), max(0, int(absolute.total_seconds()))


def start(account, stage, session=None):
    """A new session for ``account`` at ``stage``; ends this browser's previous one. Sets the cookie.
    ``session`` joins the caller's unit of work (opening a set-up link spends the link in the same one)."""
    end_current()
    token = secrets.token_urlsafe(32)
    now = clock.now()
    row = StaffSession(token_hash=_hash(token), account_id=account.id, stage=stage, created_at=now, last_seen_at=now)
    if session is not None:
        session.add(row)
    else:
        with db.session() as s:
            s.add(row)
    g.staff_token = token
    g.staff_cookie = token


def end_current():
    token = getattr(g, "staff_token", None) or request.cookies.get(current_app.config["STAFF_COOKIE_NAME"])
    if token:
        with db.session() as s:
            s.execute(delete(StaffSession).where(StaffSession.token_hash == _hash(token)))
    g.staff_token = None
    g.staff_cookie = ""


def end_others(account_id):
    """End every session of the account but this browser's. Returns how many."""
    keep = _hash(g.staff_token) if getattr(g, "staff_token", None) else ""
    with db.session() as s:
        return s.execute(
            delete(StaffSession).where(StaffSession.account_id == account_id, StaffSession.token_hash != keep)
        ).rowcount


def end_all(account_id, session=None):
    statement = delete(StaffSession).where(StaffSession.account_id == account_id)
    if session is not None:
        session.execute(statement)
        return
    with db.session() as s:
        s.execute(statement)


def write_cookie(response):
    """After a staff request: set or clear the cookie when the session changed."""
    token = getattr(g, "staff_cookie", None)
    if token is None:
        return response
    name = current_app.config["STAFF_COOKIE_NAME"]
    if token:
        cookies.set_cookie(response, name, token)
    else:
        cookies.delete_cookie(response, name)
    return response


def purge():
    """Remove sessions past their limits and single sign-on flows never finished."""
    from ..models import OidcFlow

    now = clock.now()
    with db.session() as s:
        s.execute(delete(StaffSession).where(_expired_condition(now)))
        minutes = current_app.config["STAFF_SSO_MINUTES"]
        s.execute(delete(OidcFlow).where(OidcFlow.created_at <= now - timedelta(minutes=minutes)))
