"""Signed values a family's browser carries: the session cookie and a form's CSRF token.

Both are made and checked by itsdangerous exactly as Flask and Flask-WTF make and check them: the same keys,
salts, formats and checks, so nothing a browser holds changes. What does not change from one request to the
next is kept instead of made again on every page:
- the serializer for a set of keys and a salt (making one serializes an empty dict, to test its serializer);
- the key derived from a secret and a salt (itsdangerous derives it again for every value it signs or checks:
  one more HMAC each time). It lives in memory beside the secret it comes from, as the secret itself does.
"""

import hashlib
import os
from typing import Any

from flask import current_app, g, session
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import want_bytes

# Flask-WTF's salt for CSRF tokens: flask_wtf.csrf.validate_csrf checks the tokens made here with it.
CSRF_SALT = "wtf-csrf-token"

# Derived keys and serializers kept: a few per set of keys, and keys change only with the settings.
MAX_KEPT = 64
_derived_keys: dict[tuple[Any, ...], bytes] = {}
_serializers: dict[tuple[Any, ...], URLSafeTimedSerializer] = {}


class KeptKeySigner(TimestampSigner):
    """itsdangerous's TimestampSigner, the key it derives from each secret and salt worked out once. Its SHA-1
    (itsdangerous's default) is named so that Python's hmac module takes OpenSSL's fast path: itsdangerous's
    lazy wrapper of it sends every signature down the slow one. The signatures are the same."""

    default_digest_method = staticmethod(hashlib.sha1)

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        secret = self.secret_keys[-1] if secret_key is None else want_bytes(secret_key)
        kept_as = (secret, self.salt, self.key_derivation, self.digest_method)
        derived = _derived_keys.get(kept_as)
        if derived is None:
            derived = super().derive_key(secret)
            _keep(_derived_keys, kept_as, derived)
        return derived


def serializer(secret_keys: Any, salt: str, **options: Any) -> URLSafeTimedSerializer:
    """``URLSafeTimedSerializer(secret_keys, salt=salt, **options)``, made once and kept, signing with
    KeptKeySigner. ``options`` are the serializer's own (``serializer``, ``signer_kwargs``): hashable values."""
    keys = tuple(secret_keys) if isinstance(secret_keys, list | tuple) else (secret_keys,)
    kept_as = (keys, salt, *sorted((name, _hashable(value)) for name, value in options.items()))
    made = _serializers.get(kept_as)
    if made is None:
        made = URLSafeTimedSerializer(list(keys), salt=salt, signer=KeptKeySigner, **options)
        _keep(_serializers, kept_as, made)
    return made


def csrf_token() -> str:
    """This request's CSRF token for the family's forms: what ``flask_wtf.csrf.generate_csrf`` gives (the
    session's raw token, made when missing, signed with a timestamp), made with a kept serializer."""
    field = current_app.config["WTF_CSRF_FIELD_NAME"]
    token = g.get(field)
    if token is None:
        signer = serializer(current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, CSRF_SALT)
        if not isinstance(session.get(field), str):
            session[field] = hashlib.sha1(os.urandom(64), usedforsecurity=False).hexdigest()
        token = signer.dumps(session[field])
        setattr(g, field, token)
    return token


def _hashable(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def _keep(kept: dict, key: Any, value: Any) -> None:
    if len(kept) >= MAX_KEPT:
        kept.clear()
    kept[key] = value
