"""The timescales from the council's leaflet and agendas, counted in England and Wales working days.

Working days skip Saturdays, Sundays and England and Wales bank holidays. A review "no later than
3 (or 6) months after" lands on the same day of the month; if that day is not a working day, the latest
working day before it.
"""

import calendar
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays

FIRST = "first"
REVIEW = "review"

REPORTS_BEFORE = 3
CORE_GROUP_AFTER = 10
NOTES_AFTER = 15
REVIEW_MONTHS = {FIRST: 3, REVIEW: 6}


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    """The year's bank holidays as a plain set: a HolidayBase looks a date up several times slower, and a key
    dates page asks about fifty days."""
    # England and Wales share their bank holidays; the "ENG" subdivision is England and Wales.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date ``count`` working days after ``start`` (before it, if ``count`` is negative)."""
    if not count:
        return start
    year = start.year
    days = _working_days(year)
    if count > 0:
        index = bisect_right(days, start) + count - 1  # the first working day after start, then count - 1 more
        while index >= len(days):
            index -= len(days)
            year += 1
            days = _working_days(year)
    else:
        index = bisect_left(days, start) + count  # the working day just before start is at bisect_left - 1
        while index < 0:
            year -= 1
            days = _working_days(year)
            index += len(days)
    return days[index]


@cache
def _working_days(year: int) -> list[date]:
    """Every working day of ``year``, in order: counting working days becomes a lookup, not a walk."""
    day, days = date(year, 1, 1), []
    while day.year == year:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def latest_working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@dataclass(frozen=True)
class KeyDate:
    key: str
    day: date


def key_dates(conference: date, kind: str) -> list[KeyDate]:
    """The latest dates the rules allow, in order. ``kind`` is FIRST or REVIEW."""
    dates = [
        KeyDate("reports", add_working_days(conference, -REPORTS_BEFORE)),
        KeyDate("conference", conference),
    ]
    if kind == FIRST:
        dates.append(KeyDate("core_group", add_working_days(conference, CORE_GROUP_AFTER)))
    dates.append(KeyDate("notes", add_working_days(conference, NOTES_AFTER)))
    review = latest_working_day_on_or_before(add_months(conference, REVIEW_MONTHS[kind]))
    dates.append(KeyDate("review", review))
    return sorted(dates, key=lambda d: d.day)
