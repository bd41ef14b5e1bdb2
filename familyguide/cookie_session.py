"""The session cookie: Flask's own signed cookie (nothing changes in what it holds or how it is signed).

What this saves of the work Flask does again on every request:
- the signer, made once for each set of keys (signing.py). Flask makes a new one twice a request, to read the
  cookie and to write it, and making one serializes an empty dict to test its serializer: a tenth of a guide
  page's cost.
- cookies already checked that hold nothing but flags (True or False: whether the visit has seen the note
  about the quick exit). Someone reading the guide sends the same such cookie with every page; checking its
  signature and decoding it again is a sixth of a kept page's time. A cookie that holds anything else (a CSRF
  token, a draft's token) is checked every time and never kept: no secret stays in memory. A kept cookie
  still expires when a checked one would, and a change of keys starts afresh.
- a page that writes no cookie skips working out the cookie's attributes.
- a cookie signed with the current key and within its age is checked in one short function (``checked``):
  the same HMAC, the same age limits, the same decoding; anything else goes to itsdangerous as before.
- its JSON is read without Flask's scan for tags when the text can hold none (``SessionJSON``).
- a Cookie header that is the session cookie alone, as a family's browser sends it, is read without parsing
  every header for cookies (``session_cookie``).
"""

import hashlib
import hmac
import json
import re
import time
from typing import Any

from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadData, BadSignature
from itsdangerous.encoding import base64_decode, bytes_to_int

from . import signing

# Cookies of flags kept per set of keys; emptied when full (each a few hundred bytes: 10,000 take a few MB).
MAX_KEPT_COOKIES = 10_000

# A value as itsdangerous writes one (URL-safe base64 and dots), with nothing werkzeug would read differently.
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9_.-]+")


class SessionJSON(TaggedJSONSerializer):
    """Flask's tagged JSON for the session (a tuple, bytes or a date kept as ``{" t": ...}``), read without
    walking every value for tags when the text can hold none. Every tag is a key that begins with a space, and
    JSON text holds a key as a quote and its letters, so text with no quote followed by a space (nor an escaped
    space) has no tag, and plain JSON gives what Flask gives. Walking a cookie's values for tags cost more
    than reading its JSON."""

    def loads(self, value: str) -> Any:
        data = json.loads(value)
        if '" ' in value or "\\u0020" in value:
            return self._untag_scan(data)
        return data


class SessionInterface(SecureCookieSessionInterface):
    serializer = SessionJSON()
    # Flask's SHA-1, named so that Python's hmac module takes OpenSSL's fast path (Flask's lazy wrapper of it
    # sends every signature down the slow one): the same signatures, made faster.
    digest_method = staticmethod(hashlib.sha1)

    def __init__(self) -> None:
        self._flag_cookies: dict[tuple[Any, ...], dict[str, tuple[float, dict[str, bool]]]] = {}

    def get_signing_serializer(self, app):  # type: ignore[no-untyped-def]
        """Flask's serializer for the cookie (its keys, salt, JSON tags and key derivation), made once
        (signing.serializer keeps it)."""
        if not app.secret_key:
            return None
        return signing.serializer(_keys(app), self.salt, self.serializer, self.key_derivation, self.digest_method)

    def open_session(self, app, request):  # type: ignore[no-untyped-def]
        """Flask's open_session, but a cookie of flags checked before is not checked again until it expires."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = session_cookie(request, self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        kept = self._flag_cookies.setdefault(_keys(app), {})
        known = kept.get(value)
        if known is not None and time.time() - known[0] <= max_age:
            return self.session_class(known[1])
        try:
            data, signed_at = checked(serializer, value, max_age)
        except BadSignature:
            return self.session_class()
        if data and all(flag is True or flag is False for flag in data.values()):
            if len(kept) >= MAX_KEPT_COOKIES:
                kept.clear()
            kept[value] = (signed_at, dict(data))
        return self.session_class(data)

    def save_session(self, app, session, response):  # type: ignore[no-untyped-def]
        """Flask's save_session, without working out the cookie's attributes on a page that writes no cookie."""
        if not self.should_set_cookie(app, session):  # not modified, nor a permanent session to refresh
            if session.accessed:
                vary_on_cookie(response)
            return
        super().save_session(app, session, response)


def session_cookie(request: Any, name: str) -> str | None:
    """``request.cookies.get(name)``. A Cookie header that is ``name=`` and a plain value alone (what a family's
    browser sends: the site sets no other cookie) gives that value without werkzeug's parse, which reads
    every header to find the cookies and costs a chat page more than checking the cookie's signature. Any
    other header is werkzeug's to read."""
    header = request.environ.get("HTTP_COOKIE")
    if header is not None and header.startswith(name) and header[len(name) : len(name) + 1] == "=":
        if _PLAIN_VALUE.fullmatch(header, len(name) + 1):
            return header[len(name) + 1 :]
    return request.cookies.get(name)


def vary_on_cookie(response: Any) -> None:
    """``response.vary.add("Cookie")``, as Flask adds it to a page that read the session. A page with no Vary
    header yet (every family page) is given one, without parsing it into a set and writing it back."""
    if "Vary" in response.headers:
        response.vary.add("Cookie")
    else:
        response.headers["Vary"] = "Cookie"


def checked(serializer: Any, value: str, max_age: int) -> tuple[Any, float]:
    """What ``serializer.loads(value, max_age=max_age, return_timestamp=True)`` gives (with the time signed as
    seconds), checked the same way in one short function for the usual cookie: signed with the current key,
    within its age. Anything else (an older key, a bad signature, an expired or malformed value) goes to
    itsdangerous itself, which accepts or refuses it as it always has. itsdangerous's path through a dozen
    small functions costs a chat page more than the whole of this check."""
    signer = serializer.make_signer()
    try:
        body, dot, signature = value.encode("utf-8").rpartition(b".")
        payload, dot_before_time, signed_at = body.rpartition(b".")
        # An HMAC object, not hmac.digest: see crypto.hmac_sha256.
        expected = hmac.new(signer.derive_key(), body, signer.digest_method).digest()
        if dot and dot_before_time and hmac.compare_digest(expected, base64_decode(signature)):
            when = bytes_to_int(base64_decode(signed_at))
            if 0 <= signer.get_timestamp() - when <= max_age:
                return serializer.load_payload(payload), float(when)
    except BadData:
        pass  # itsdangerous says why, below
    data, signed = serializer.loads(value, max_age=max_age, return_timestamp=True)
    return data, signed.timestamp()


def _keys(app) -> tuple[Any, ...]:  # type: ignore[no-untyped-def]
    # The current key last in the tuple, as Flask orders them; a changed key or fallback makes a new signer.
    return (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
