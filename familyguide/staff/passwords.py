"""Passwords: argon2id (argon2-cffi), at least 12 characters, never one from the common-passwords list that
ships with the app (common_passwords.txt)."""

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 1000
_hasher = PasswordHasher()  # argon2id with the library's current recommended cost
# Checked against when the e-mail is unknown, so an unknown e-mail takes as long as a known one.
_DUMMY = _hasher.hash("not a real password, only for timing")


@cache
def common_passwords():
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(
        line.strip().casefold()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def problem(password):
    """Why this password cannot be used, as one sentence, or None when it can."""
    if len(password) < MIN_LENGTH:
        return _("Your password must be at least %(min_length)s characters long.", min_length=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Your password must be %(max_length)s characters or fewer.", max_length=MAX_LENGTH)
    if password.casefold() in common_passwords() or len(set(password)) < 4:
        return _("That password is too easy to guess. Choose another, for example 3 or 4 unrelated words.")
    return None


def hash_password(password):
    return _hasher.hash(password)


def verify(password_hash, password):
    """True when ``password`` matches; always spends the same effort, known account or not."""
    try:
        return _hasher.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
