"""The time, in one place, so tests can move it.

Times are stored in UTC, without a zone (``now``). People read them in the time of England and Wales
(Europe/London: GMT in winter, BST in summer): ``local`` turns a stored time into that time, and ``today`` is
the date there. From the end of March to the end of October, UTC is an hour behind: a view sent at 14:45 is
stored as 13:45, and from midnight to 1 am UTC's date is still yesterday's.
"""

from datetime import UTC, date, datetime, time

from babel.dates import get_timezone

UK_ZONE_NAME = "Europe/London"
UK_ZONE = get_timezone(UK_ZONE_NAME)  # Babel's own lookup: the system's zone data, or pytz's copy of it


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def local(at: datetime) -> datetime:
    """``at``, a stored time (UTC, no zone), as the time in England and Wales."""
    return at.replace(tzinfo=UTC).astimezone(UK_ZONE)


def today() -> date:
    """The date in England and Wales."""
    return local(now()).date()


def start_of(day: date) -> datetime:
    """The stored time (UTC, no zone) at which ``day`` begins in England and Wales. The clocks change at 1 am
    UTC, so the offset at UTC's midnight of ``day`` is the offset at its local midnight too."""
    midnight = datetime.combine(day, time())
    offset = local(midnight).utcoffset()
    return midnight - offset if offset else midnight
