"""CSRF for staff forms, bound to the staff cookie rather than the family session.

The token is a keyed hash of the staff session token; before sign-in, of a random pre-sign-in cookie (also
Path=/staff, SameSite=Strict, HttpOnly). A cross-site page can neither read nor set either cookie, so it cannot
make a matching token. A new session gives a new token."""

import hmac
import secrets

from flask import current_app, g, request

from . import cookies
from .hashing import keyed_hash


def _binding():
    token = getattr(g, "staff_token", None)
    if token:
        return "session:" + token
    pre = getattr(g, "staff_pre", None) or request.cookies.get(_pre_name())
    if not pre:
        pre = g.staff_pre = secrets.token_urlsafe(32)
    return "pre:" + pre


def _pre_name():
    return current_app.config["STAFF_PRE_COOKIE_NAME"]


def token():
    """The token to put in a form on this page."""
    return keyed_hash("csrf", _binding())


def is_valid():
    sent = request.form.get("csrf_token", "")
    return bool(sent) and hmac.compare_digest(sent, token())


def write_cookie(response):
    pre = getattr(g, "staff_pre", None)
    if pre:
        cookies.set_cookie(response, _pre_name(), pre)
    return response
