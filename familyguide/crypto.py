"""Encryption at rest for a family's words: Fernet (AES-128-CBC with HMAC) from `cryptography`.

Each draft has its own random data key; its words are sealed with that key alone. The data key is stored
only wrapped: locked with a secret the family holds (the token in their session cookie, or their resume
code) and then with the server's keys. The server alone cannot open a draft nobody is using, and deleting a
draft's wrapped keys makes every leftover copy of its words (a database's old row versions, its log, a
backup) unreadable: crypto-shredding.

A resume code is short enough to type (about 49.5 bits), so someone with a copy of the database and the
server's keys could try every code against a fast hash. Its lookup hash and its wrapping secret come from
scrypt instead (``code_secrets``): memory-hard, tens of milliseconds a try, so trying every code would take
hundreds of thousands of processor-years.

FAMILYGUIDE_ENCRYPTION_KEY may hold several keys separated by commas: the first encrypts, all decrypt,
so a council can rotate keys without losing drafts.
"""

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

# scrypt's cost for resume codes: 16 MiB and about 25 ms a code on one core of a small server.
CODE_KDF = {"n": 2**14, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024}


class Cipher:
    def __init__(self, keys: str, hmac_secret: str):
        self._fernet = MultiFernet([Fernet(k.strip()) for k in keys.split(",") if k.strip()])
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
        return self._fernet.encrypt(Fernet(self._derived(secret)).encrypt(data_key))

    def unwrap(self, wrapped: bytes, secret: str) -> bytes | None:
        """The data key, or None when ``secret`` or the server's keys do not open it."""
        try:
            return Fernet(self._derived(secret)).decrypt(self._fernet.decrypt(wrapped))
        except InvalidToken:
            return None

    def _derived(self, secret: str) -> bytes:
        digest = hmac.new(self._hmac_secret, f"wrap:{secret}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest)

    def rotate(self, token: bytes) -> bytes | None:
        """The same data encrypted with the first key, or None when no key opens it."""
        try:
            return self._fernet.rotate(token)
        except InvalidToken:
            return None

    def code_secrets(self, code: str) -> tuple[str, str]:
        """(lookup hash, wrapping secret) of a resume code, from one scrypt keyed with the server's secret."""
        derived = hashlib.scrypt(code.encode("utf-8"), salt=b"resume-code:" + self._hmac_secret, dklen=64, **CODE_KDF)
        return derived[:32].hex(), derived[32:].hex()

    def fingerprint(self, value: str) -> str:
        """A keyed hash: lets us look things up (a resume code, an address) without storing them."""
        return hmac.new(self._hmac_secret, value.encode("utf-8"), hashlib.sha256).hexdigest()


def server_cipher(config: Mapping[str, Any]) -> Cipher:
    """The server's Cipher for these settings (ENCRYPTION_KEY, SECRET_KEY): made once for each pair of keys, as
    making one parses every key."""
    return _cipher_for(config["ENCRYPTION_KEY"], config["SECRET_KEY"])


@lru_cache(maxsize=8)
def _cipher_for(keys: str, hmac_secret: str) -> Cipher:
    return Cipher(keys, hmac_secret)


def new_data_key() -> bytes:
    return Fernet.generate_key()


def seal(data_key: bytes, data: object) -> bytes:
    """``data`` (JSON-able) encrypted with one draft's own key."""
    return Fernet(data_key).encrypt(json.dumps(data, ensure_ascii=False).encode("utf-8"))


def unseal(data_key: bytes, token: bytes) -> Any:
    try:
        return json.loads(Fernet(data_key).decrypt(token))
    except InvalidToken:
        return None
