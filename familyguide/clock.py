"""The time, in one place, so tests can move it."""

from datetime import UTC, datetime


def now():
    return datetime.now(UTC).replace(tzinfo=None)
