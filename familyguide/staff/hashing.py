"""Keyed hashes for everything the staff area stores in place of a secret or an address."""

from flask import current_app

from ..crypto import Cipher


def cipher():
    cfg = current_app.config
    return Cipher(cfg["ENCRYPTION_KEY"], cfg["SECRET_KEY"])


def keyed_hash(purpose, value):
    """A keyed hash of ``value`` for one ``purpose`` (a session token, a set-up link, an address...)."""
    return cipher().fingerprint(f"staff-{purpose}:{value}")
