"""Reading the database files as someone who took a copy of them would: what could they open?"""

import re

from familyguide import crypto
from familyguide.crypto import Cipher

FERNET_TOKEN = re.compile(rb"gAAAAA[A-Za-z0-9_\-]{40,}={0,2}")


def file_bytes(path):
    """A file's bytes, or none if the database removed it after it was listed (PostgreSQL rebuilds files such as
    pg_internal.init while it runs: a file that is gone holds nothing to read)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def _runs(paths):
    """Every run of bytes that starts like a Fernet token, anywhere in the files (it may run on into the next
    column's bytes: a token's true length is found by trying)."""
    for path in paths:
        yield from FERNET_TOKEN.findall(file_bytes(path))


def _lengths(run):
    return range(len(run) - len(run) % 4, 99, -4)


def words_readable(app, paths, secrets):
    """What someone with the database files, the server's keys and these secrets (cookie tokens, resume codes)
    could read: unwrap every data key they open, then every sealed copy those keys open."""
    cipher = Cipher(app.config["ENCRYPTION_KEY"], app.config["SECRET_KEY"])
    runs = list(_runs(paths))
    keys = {
        key
        for run in runs
        for secret in secrets
        for length in _lengths(run)
        if (key := cipher.unwrap(run[:length], secret)) is not None
    }
    found = []
    for run in runs:
        for key in keys:
            plain = next((p for length in _lengths(run) if (p := crypto.unseal(key, run[:length])) is not None), None)
            if plain is not None:
                found.append(plain)
    return found
