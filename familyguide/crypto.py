"""Encryption at rest for a family's words: Fernet (AES-128-CBC with HMAC) from `cryptography`.

FAMILYGUIDE_ENCRYPTION_KEY may hold several keys separated by commas: the first encrypts, all decrypt,
so a council can rotate keys without losing drafts.
"""

import hashlib
import hmac
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class Cipher:
    def __init__(self, keys, hmac_secret):
        self._fernet = MultiFernet([Fernet(k.strip()) for k in keys.split(",") if k.strip()])
        self._hmac_secret = hmac_secret.encode("utf-8")

    def encrypt(self, data):
        return self._fernet.encrypt(json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def decrypt(self, token):
        try:
            return json.loads(self._fernet.decrypt(token))
        except InvalidToken:
            return None

    def rotate(self, token):
        """The same data encrypted with the first key, or None when no key opens it."""
        try:
            return self._fernet.rotate(token)
        except InvalidToken:
            return None

    def fingerprint(self, value):
        """A keyed hash: lets us look things up (a resume code, an address) without storing them."""
        return hmac.new(self._hmac_secret, value.encode("utf-8"), hashlib.sha256).hexdigest()
