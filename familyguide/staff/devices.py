"""Known devices: a browser that has signed in to an account with its password and second factor.

Failed sign-ins used to be counted only on the account, so anyone who knew a worker's e-mail address could
lock them out of every device, again and again, by typing wrong passwords. Now such a browser keeps a device
cookie (its own name, Path=/staff, HttpOnly, SameSite=Strict, Secure in production) holding a random token;
the database holds only its keyed hash. Tries sent with it are counted on that device alone, and tries from
anywhere else on the account, as before: guessing from elsewhere never locks the worker out of the browser
they sign in on (OWASP's "device cookies"). The cookie opens nothing by itself: the password and the second
factor are still needed.

A device is forgotten when it has not signed in for STAFF_DEVICE_DAYS (``purge``), when its account signs out
everywhere (but this browser), and when an admin resets the account's sign-in."""

import secrets
from datetime import timedelta

from flask import current_app, g, request
from sqlalchemy import delete, select, update

from .. import clock, db
from ..models import StaffDevice
from . import audit, cookies
from .hashing import keyed_hash


def _hash(token):
    return keyed_hash("device", token)


def _forgotten_before(now):
    return now - timedelta(days=current_app.config["STAFF_DEVICE_DAYS"])


def find(account):
    """This browser's known device for ``account`` (a StaffDevice, detached), or None: no cookie, another
    account's, or one forgotten."""
    token = request.cookies.get(current_app.config["STAFF_DEVICE_COOKIE_NAME"])
    if not token or account is None:
        return None
    with db.session() as s:
        device = s.scalar(
            select(StaffDevice).where(
                StaffDevice.token_hash == _hash(token),
                StaffDevice.account_id == account.id,
                StaffDevice.last_used_at > _forgotten_before(clock.now()),
            )
        )
        if device is not None:
            s.expunge(device)
        return device


def remember(account, device=None):
    """After a sign-in with the password and second factor: this browser is a known device of ``account``.
    ``device``, when it was one already, is kept (its cookie lasts STAFF_DEVICE_DAYS from now)."""
    now = clock.now()
    with db.session() as s:
        if device is not None:
            s.execute(update(StaffDevice).where(StaffDevice.token_hash == device.token_hash).values(last_used_at=now))
            g.staff_device_cookie = request.cookies.get(current_app.config["STAFF_DEVICE_COOKIE_NAME"])
            return
        token = secrets.token_urlsafe(32)
        s.add(StaffDevice(token_hash=_hash(token), account_id=account.id, created_at=now, last_used_at=now))
        audit.record("device_remembered", actor=account, session=s)
    g.staff_device_cookie = token


def forget_others(account_id):
    """Forget every device of the account but this browser's (signing out everywhere else). Returns how many."""
    token = request.cookies.get(current_app.config["STAFF_DEVICE_COOKIE_NAME"])
    keep = _hash(token) if token else ""
    with db.session() as s:
        return s.execute(
            delete(StaffDevice).where(StaffDevice.account_id == account_id, StaffDevice.token_hash != keep)
        ).rowcount


def forget_all(account_id, session):
    """Forget every device of the account (its sign-in reset, or the account deleted), in ``session``'s unit of
    work."""
    session.execute(delete(StaffDevice).where(StaffDevice.account_id == account_id))


def purge():
    """Forget the devices that have not signed in for STAFF_DEVICE_DAYS. Returns how many."""
    with db.session() as s:
        return s.execute(delete(StaffDevice).where(StaffDevice.last_used_at <= _forgotten_before(clock.now()))).rowcount


def write_cookie(response):
    """After a staff request: (re)set the cookie of a device remembered in it."""
    token = getattr(g, "staff_device_cookie", None)
    if token:
        cfg = current_app.config
        days = timedelta(days=cfg["STAFF_DEVICE_DAYS"])
        cookies.set_cookie(response, cfg["STAFF_DEVICE_COOKIE_NAME"], token, max_age=days)
    return response
