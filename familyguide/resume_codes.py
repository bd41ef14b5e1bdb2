"""Resume codes: what a parent writes down to come back to their answers.

Ten random characters (about 49.5 bits) and a check character, shown as ABCD-EFGH-JKL
(groups of four). The check character tells a mistyped code from a wrong one, so a parent who misread one
letter is told so instead of "not found". (The older 8-character codes opened drafts without keys of their
own; migration 0004 removed those drafts, so no such code could open anything.) The alphabet has no 0/O or
1/I/L: easy to read out over the phone and to type.
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RANDOM_LENGTH = 10
LENGTH = RANDOM_LENGTH + 1
GROUP = 4


# The check: a weighted sum modulo 31, a prime, with a different non-zero weight for every position. So any
# one character typed wrong, and any two neighbours swapped, always break it.
WEIGHTS = [*range(2, RANDOM_LENGTH + 2), 1]


def _weighted_sum(characters):
    return sum(weight * ALPHABET.index(ch) for weight, ch in zip(WEIGHTS, characters, strict=False))


def check_character(payload):
    """The character that makes the weighted sum of ``payload`` and itself a multiple of 31."""
    return ALPHABET[-_weighted_sum(payload) % len(ALPHABET)]


def new_code():
    payload = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return payload + check_character(payload)


def normalise(typed):
    """Upper case, with spaces, dashes and anything else a parent may add taken out."""
    return "".join(ch for ch in (typed or "").upper() if ch in ALPHABET)


def verdict(typed):
    """("ok", code) for a code worth looking up, ("mistyped", None) when its check character or its length
    shows a typing mistake."""
    code = normalise(typed)
    if len(code) == LENGTH and _weighted_sum(code) % len(ALPHABET) == 0:
        return "ok", code
    return "mistyped", None


def formatted(code):
    """ABCD-EFGH-JKL: groups of four, easier to read out and to copy."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
