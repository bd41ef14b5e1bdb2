"""Signed values a family's browser carries: the session cookie and a form's CSRF token.

Both are made and checked by itsdangerous exactly as Flask and Flask-WTF make and check them: the same keys,
salts, formats and checks, so nothing a browser holds changes. What does not change from one request to the
next is kept instead of made again on every page:
- the serializer for a set of keys and a salt (making one serializes an empty dict, to test its serializer),
  and its signer;
- the key derived from a secret and a salt (itsdangerous derives it again for every value it signs or checks:
  one more HMAC each time). It lives in memory beside the secret it comes from, as the secret itself does.
- a session's signed CSRF token. Flask-WTF signs the session's raw token again on every page, with the time in
  it; the time is never checked (WTF_CSRF_TIME_LIMIT is None: a parent may take an hour over an answer), so
  the token signed for a session's first form is as good as a new one and is given again. Keeping it adds no
  risk: anyone who could read it in the server's memory could read the secret key beside it and sign any token
  they liked. With a time limit set, a kept token is given only in the first half of its life.

One thing differs from what Flask writes, and Flask reads it all the same: a value is never compressed.
itsdangerous tries zlib on every value it signs and keeps the result when it saves a byte; a family's cookie is
a few short tokens and flags, zlib saves a few bytes of it, and compressing and decompressing cost more than the
rest of writing and reading it. A compressed value (a cookie from before) still opens.
"""

import hashlib
import os
import time
from functools import lru_cache
from typing import Any

from itsdangerous import Signer, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode, want_bytes
from itsdangerous.serializer import Serializer

from . import current

# Flask-WTF's salt for CSRF tokens: flask_wtf.csrf.validate_csrf checks the tokens made here with it.
CSRF_SALT = "wtf-csrf-token"

# Derived keys and serializers kept: a few per set of keys, and keys change only with the settings.
MAX_KEPT = 64
_derived_keys: dict[tuple[Any, ...], bytes] = {}
# Signed CSRF tokens by (secret, raw token): (the token, when it was signed). One per recent session, each about a
# hundred bytes; emptied when full.
MAX_SIGNED_TOKENS = 10_000
_signed_tokens: dict[tuple[Any, str], tuple[str, float]] = {}


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


class KeptSerializer(URLSafeTimedSerializer):
    """URLSafeTimedSerializer, its signer for each salt made once: itsdangerous makes a new one every time it
    signs or checks a value. A signer holds only its settings, so one serves every request."""

    def make_signer(self, salt: str | bytes | None = None) -> Signer:
        salt = self.salt if salt is None else salt
        kept = self.__dict__.setdefault("_kept_signers", {})
        signer = kept.get(salt)
        if signer is None:
            signer = kept[salt] = super().make_signer(salt)
        return signer

    def dump_payload(self, obj: Any) -> bytes:
        """The value as itsdangerous's URL-safe serializer writes it, never compressed (see the top)."""
        return base64_encode(Serializer.dump_payload(self, obj))


def serializer(
    secret_keys: Any, salt: str, json: Any = None, key_derivation: str | None = None, digest_method: Any = None
) -> URLSafeTimedSerializer:
    """``URLSafeTimedSerializer(secret_keys, salt=salt)`` with, when given, its JSON (``serializer=``) and its
    signer's ``key_derivation`` and ``digest_method``: made once for each set of these and kept (the one place
    serializers are kept; the session cookie asks here on every request), signing with KeptKeySigner."""
    keys = tuple(secret_keys) if isinstance(secret_keys, list | tuple) else (secret_keys,)
    return _kept_serializer(keys, salt, json, key_derivation, digest_method)


@lru_cache(maxsize=MAX_KEPT)
def _kept_serializer(
    keys: tuple[Any, ...], salt: str, json: Any, key_derivation: str | None, digest_method: Any
) -> URLSafeTimedSerializer:
    signer_kwargs = {"key_derivation": key_derivation, "digest_method": digest_method}
    options: dict[str, Any] = {} if json is None else {"serializer": json}
    return KeptSerializer(
        list(keys),
        salt=salt,
        signer=KeptKeySigner,
        signer_kwargs={name: value for name, value in signer_kwargs.items() if value is not None},
        **options,
    )


def csrf_token() -> str:
    """This request's CSRF token for the family's forms: what ``flask_wtf.csrf.generate_csrf`` gives (the
    session's raw token, made when missing, signed with a timestamp), made with a kept serializer; signed once
    for a session and given again while Flask-WTF would accept it as new (see the top of this module)."""
    app, state = current.app(), current.state()
    config = app.config
    field = config["WTF_CSRF_FIELD_NAME"]
    token = state.get(field)
    if token is None:
        secret = config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        visit = current.visit()
        if not isinstance(visit.get(field), str):
            visit[field] = hashlib.sha1(os.urandom(64), usedforsecurity=False).hexdigest()
        token = _signed_csrf_token(secret, visit[field], config["WTF_CSRF_TIME_LIMIT"])
        setattr(state, field, token)
    return token


def _signed_csrf_token(secret: Any, raw: str, time_limit: int | None) -> str:
    kept_as = (secret, raw)
    kept = _signed_tokens.get(kept_as)
    now = time.time()
    if kept is not None and (time_limit is None or now - kept[1] < time_limit / 2):
        return kept[0]
    token = serializer(secret, CSRF_SALT).dumps(raw)
    _keep(_signed_tokens, kept_as, (token, now), MAX_SIGNED_TOKENS)
    return token


def _keep(kept: dict, key: Any, value: Any, most: int = MAX_KEPT) -> None:
    if len(kept) >= most:
        kept.clear()
    kept[key] = value
