"""Encryption at rest for a family's words: AES-256-GCM from `cryptography`.

Each draft has its own random data key; its words are sealed with that key alone. The data key is stored
only wrapped: locked with a secret the family holds (the token in their session cookie, or their resume
code) and then with the server's keys. The server alone cannot open a draft nobody is using, and deleting a
draft's wrapped keys makes every leftover copy of its words (a database's old row versions, its log, a
backup) unreadable: crypto-shredding.

A sealed value is ``fg1.`` and then, in URL-safe base64, a random 96-bit nonce and the AES-256-GCM ciphertext
with its tag. Each AES key is made for its one use with an HMAC-SHA256 of a key we hold and a label: a draft's
data key gives the key that seals its words; the secret a family holds, keyed with the server's secret, gives
the inner lock of a wrapped key; each server key gives the outer one. Values sealed before (Fernet:
AES-128-CBC with HMAC-SHA256, from familyguide's first versions) still open, and are sealed the new way
when next saved. GCM does in one pass what Fernet does in two, and opening a draft opens three sealed values
on every page of a journey.

A resume code is short enough to type (about 49.5 bits), so someone with a copy of the database and the
server's keys could try every code against a fast hash. Its lookup hash and its wrapping secret come from
scrypt instead (``code_secrets``): memory-hard, tens of milliseconds a try, so trying every code would take
hundreds of thousands of processor-years.

FAMILYGUIDE_ENCRYPTION_KEY may hold several keys separated by commas (each in Fernet's format: 32 random bytes
in URL-safe base64): the first encrypts, all decrypt, so a council can rotate keys without losing drafts.
Staff-side secrets (an invitation's key, a second factor's secret) are still Fernet tokens of the server keys
(``encrypt``, ``decrypt``): read rarely, they gain nothing from the change.
"""

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# scrypt's cost for resume codes: 16 MiB and about 25 ms a code on one core of a small server.
CODE_KDF = {"n": 2**14, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024}


# What a sealed value starts with (Fernet's tokens start with "gAAAAA"). Four characters, so that what follows
# is whole base64 quads from the start of the value.
SEALED = b"fg1."
NONCE_BYTES = 12
# The labels of the AES keys made from keys we hold, one for each use.
_SEAL_LABEL = b"familyguide: seal a draft's words with AES-256-GCM"
_LOCK_LABEL = b"familyguide: lock a data key with a family's secret, AES-256-GCM"
_SERVER_LABEL = b"familyguide: lock a data key with a server key, AES-256-GCM"


class Cipher:
    def __init__(self, keys: str, hmac_secret: str):
        server_keys = [k.strip() for k in keys.split(",") if k.strip()]
        self._fernet = MultiFernet([Fernet(k) for k in server_keys])
        self._server_gcm = [AESGCM(_key_for(base64.urlsafe_b64decode(k), _SERVER_LABEL)) for k in server_keys]
        self._hmac_secret = hmac_secret.encode("utf-8")

    def encrypt(self, data: object) -> bytes:
        return self._fernet.encrypt(json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def decrypt(self, token: bytes) -> Any:
        try:
            return json.loads(self._fernet.decrypt(token))
        except InvalidToken:
            return None

    def wrap(self, data_key: bytes, secret: str) -> bytes:
        """``data_key`` locked with ``secret`` (a session token or a resume code) and the server's keys."""
        locked = _seal_with(AESGCM(_key_for(self._derived(secret), _LOCK_LABEL)), data_key)
        return _seal_with(self._server_gcm[0], locked)

    def unwrap(self, wrapped: bytes, secret: str) -> bytes | None:
        """The data key, or None when ``secret`` or the server's keys do not open it."""
        try:
            locked = self._server_open(wrapped)
            if locked.startswith(SEALED):
                return _open_with(AESGCM(_key_for(self._derived(secret), _LOCK_LABEL)), locked)
            return Fernet(base64.urlsafe_b64encode(self._derived(secret))).decrypt(locked)
        except (InvalidTag, InvalidToken, ValueError):
            return None

    def _server_open(self, wrapped: bytes) -> bytes:
        """What the server's keys locked in ``wrapped`` (made now, or by Fernet before); InvalidTag or
        InvalidToken when no server key opens it."""
        if not wrapped.startswith(SEALED):
            return self._fernet.decrypt(wrapped)
        for aead in self._server_gcm:
            try:
                return _open_with(aead, wrapped)
            except InvalidTag:
                continue
        raise InvalidTag

    def _derived(self, secret: str) -> bytes:
        return hmac_sha256(self._hmac_secret, f"wrap:{secret}".encode())

    def rotate(self, token: bytes) -> bytes | None:
        """The same data locked with the first server key, or None when no server key opens it: a wrapped
        data key (``wrap``) or a value from ``encrypt``. A wrapped key made before AES-GCM is locked the new way
        (what the family's secret locked inside it is unchanged); an encrypted value stays a Fernet token."""
        try:
            if token.startswith(SEALED) or _is_wrapped_fernet(self._fernet.decrypt(token)):
                return _seal_with(self._server_gcm[0], self._server_open(token))
            return self._fernet.rotate(token)
        except (InvalidTag, InvalidToken, ValueError):
            return None

    def code_secrets(self, code: str) -> tuple[str, str]:
        """(lookup hash, wrapping secret) of a resume code, from one scrypt keyed with the server's secret."""
        derived = hashlib.scrypt(code.encode("utf-8"), salt=b"resume-code:" + self._hmac_secret, dklen=64, **CODE_KDF)
        return derived[:32].hex(), derived[32:].hex()

    def fingerprint(self, value: str) -> str:
        """A keyed hash: lets us look things up (a resume code, an address) without storing them."""
        return hmac_sha256(self._hmac_secret, value.encode("utf-8")).hex()


def server_cipher(config: Mapping[str, Any]) -> Cipher:
    """The server's Cipher for these settings (ENCRYPTION_KEY, SECRET_KEY): made once for each pair of keys, as
    making one parses every key."""
    return _cipher_for(config["ENCRYPTION_KEY"], config["SECRET_KEY"])


@lru_cache(maxsize=8)
def _cipher_for(keys: str, hmac_secret: str) -> Cipher:
    return Cipher(keys, hmac_secret)


def new_data_key() -> bytes:
    """A draft's (or an invitation's) own key: 32 random bytes in URL-safe base64."""
    return Fernet.generate_key()


def seal(data_key: bytes, data: object) -> bytes:
    """``data`` (JSON-able) encrypted with one draft's own key."""
    aead = AESGCM(_key_for(base64.urlsafe_b64decode(data_key), _SEAL_LABEL))
    return _seal_with(aead, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def unseal(data_key: bytes, token: bytes) -> Any:
    """What ``seal`` sealed with ``data_key`` (or Fernet before it), or None when the key does not open it."""
    try:
        if token.startswith(SEALED):
            return json.loads(_open_with(AESGCM(_key_for(base64.urlsafe_b64decode(data_key), _SEAL_LABEL)), token))
        return json.loads(Fernet(data_key).decrypt(token))
    except (InvalidTag, InvalidToken, ValueError):
        return None


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 of ``message``: the same bytes as ``hmac.digest(key, message, "sha256")``, without its cost
    in a threaded server. That one-shot function hands the GIL to another thread on every call (and, with
    OpenSSL 3, looks up the MAC again each time); a chat page makes five, and under load a sixth of a worker's
    sampled time was in them, most of it waiting for the GIL to come back. An HMAC object holds the GIL for short
    messages and is faster on its own too (2.1 against 3.5 microseconds here)."""
    return hmac.new(key, message, hashlib.sha256).digest()


def _key_for(key: bytes, label: bytes) -> bytes:
    """The AES-256 key for one use (``label``) of a key we hold."""
    return hmac_sha256(key, label)


def _seal_with(aead: AESGCM, data: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return SEALED + base64.urlsafe_b64encode(nonce + aead.encrypt(nonce, data, None))


def _open_with(aead: AESGCM, token: bytes) -> bytes:
    """What ``_seal_with`` sealed; InvalidTag when ``aead`` did not seal it (or it was changed), ValueError
    when it is not a sealed value at all."""
    raw = base64.urlsafe_b64decode(token[len(SEALED) :])
    if len(raw) < NONCE_BYTES + 16:
        raise ValueError("too short to be a sealed value")
    return aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], None)


def _is_wrapped_fernet(inner: bytes) -> bool:
    """Whether what a server key opened is a data key a family's secret locked with Fernet (a wrapped key made
    before AES-GCM), not a value from ``encrypt`` (JSON)."""
    return inner.startswith(b"gAAAAA")
