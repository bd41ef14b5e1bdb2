"""The flags every staff cookie shares: sent only to the staff pages (Path=/staff), never to scripts
(HttpOnly), never with a request from another site (SameSite=Strict), and only over HTTPS in production.
The single sign-on's cookie is the one exception (oidc.py: the provider sends the browser back from its site)."""

from flask import current_app


def _flags():
    cfg = current_app.config
    return {
        "path": cfg["STAFF_COOKIE_PATH"],
        "secure": cfg["STAFF_COOKIE_SECURE"],
        "httponly": True,
        "samesite": "Strict",
    }


def set_cookie(response, name, value, max_age=None):
    """Set the staff cookie ``name`` (until the browser closes, or for ``max_age``)."""
    response.set_cookie(name, value, max_age=max_age, **_flags())


def delete_cookie(response, name):
    response.delete_cookie(name, **_flags())
