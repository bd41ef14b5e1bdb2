"""A date written out in full in a page's language, exactly as Babel writes it (``format_date(day, "full")``).

Babel looks the pattern and every name up again on each date: a tenth of the key dates page's time for its five
dates. Here the pattern and the names of the days and months are looked up once per language, as tables of all
seven days and twelve months (so nothing in them comes from a date anyone asked about). Any field but the names,
the day and the year goes to Babel as before. tests/test_full_dates.py checks every day of several years in
every language against Babel.
"""

import re
from datetime import date, timedelta
from functools import cache

from babel import Locale
from babel.dates import DateTimeFormat, get_date_format, parse_pattern

_A_MONDAY = date(2024, 1, 1)


def full_date(day: date, locale: Locale) -> str:
    """``day`` as ``babel.dates.format_date(day, "full", locale=locale)`` writes it."""
    template, names = _pattern(locale)
    return template % _Fields(day, locale, names)


@cache
def _pattern(locale: Locale) -> tuple[str, dict[str, list[str]]]:
    """The full date pattern as a %-template, and the names its day and month fields take, by weekday or month."""
    template = parse_pattern(get_date_format("full", locale=locale)).format
    names = {}
    for field in re.findall(r"%\((\w+)\)s", template):
        if field[0] == "E":
            week = (_A_MONDAY + timedelta(days=n) for n in range(7))  # weekday() 0 to 6
            names[field] = [DateTimeFormat(d, locale)[field] for d in week]
        elif field[0] in "ML" and len(field) >= 3:
            names[field] = ["", *(DateTimeFormat(date(2024, m, 1), locale)[field] for m in range(1, 13))]
    return template, names


class _Fields:
    """What the pattern asks for, for one date: names from the tables, numbers as Babel writes them."""

    __slots__ = ("day", "locale", "names")

    def __init__(self, day: date, locale: Locale, names: dict[str, list[str]]):
        self.day, self.locale, self.names = day, locale, names

    def __getitem__(self, field: str) -> str:
        table = self.names.get(field)
        if table is not None:
            return table[self.day.weekday() if field[0] == "E" else self.day.month]
        if field == "d":
            return str(self.day.day)
        if field == "y":
            return str(self.day.year)
        return DateTimeFormat(self.day, self.locale)[field]
