"""Keyed hashes for everything the staff area stores in place of a secret or an address."""

from flask import current_app

from ..crypto import server_cipher


def cipher():
    return server_cipher(current_app.config)


def keyed_hash(purpose, value):
    """A keyed hash of ``value`` for one ``purpose`` (a session token, a set-up link, an address...)."""
    return cipher().fingerprint(f"staff-{purpose}:{value}")
