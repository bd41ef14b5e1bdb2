"""Reading the database files as someone who took a copy of them would: what could they open?"""

import re

from familyguide import crypto
from familyguide.crypto import Cipher

# A sealed value as stored now (crypto.SEALED and base64) or before (a Fernet token).
SEALED_VALUE = re.compile(rb"(?:fg1\.|gAAAAA)[A-Za-z0-9_\-]{40,}={0,2}")
HEX_HASH = re.compile(rb"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def file_bytes(path):
    """A file's bytes, or none if the database removed it after it was listed (PostgreSQL rebuilds files such as
    pg_internal.init while it runs: a file that is gone holds nothing to read)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def _runs(paths):
    """Every run of bytes that starts like a sealed value, anywhere in the files (it may run on into the next
    column's bytes: a token's true length is found by trying)."""
    for path in paths:
        yield from SEALED_VALUE.findall(file_bytes(path))


def _lengths(run):
    return range(len(run) - len(run) % 4, 99, -4)


def stored_hashes(paths):
    """Every keyed hash the files hold (of binding tokens, resume codes, addresses): a thief would try them too."""
    found = set()
    for path in paths:
        found.update(match.decode("ascii") for match in HEX_HASH.findall(file_bytes(path)))
    return sorted(found)


def words_readable(app, paths, tokens, codes=()):
    """What someone with the database files, the server's keys and these secrets (cookie tokens, resume codes)
    could read: unwrap every data key they open, then every sealed copy those keys open."""
    cipher = Cipher(app.config["ENCRYPTION_KEY"], app.config["SECRET_KEY"])
    secrets = [*tokens, *(cipher.code_secrets(code)[1] for code in codes)]
    runs = list(_runs(paths))
    # A wrapped key is what the server's keys alone open (rotate opens it to lock it again).
    wrapped = [cut for run in runs for length in _lengths(run) if cipher.rotate(cut := run[:length]) is not None]
    keys = {key for cut in wrapped for secret in secrets if (key := cipher.unwrap(cut, secret)) is not None}
    found = []
    for run in runs:
        for key in keys:
            plain = next((p for length in _lengths(run) if (p := crypto.unseal(key, run[:length])) is not None), None)
            if plain is not None:
                found.append(plain)
    return found
