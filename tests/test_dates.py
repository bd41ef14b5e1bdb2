"""familyguide/dates.py: a date typed in three boxes, read the same way on every form."""

from datetime import date

import pytest

from familyguide.dates import read_date

EARLIEST, LATEST = date(2026, 1, 1), date(2027, 12, 31)


@pytest.mark.parametrize(
    ("day", "month", "year", "problem"),
    [
        ("", "", "", "missing"),
        ("", "3", "2027", "day_missing"),
        ("27", "", "2027", "month_missing"),
        ("27", "3", "", "year_missing"),
        ("27", "March", "2027", "not_real"),
        ("27", "3", "27", "year_digits"),
        ("31", "2", "2027", "not_real"),
        ("27", "3", "2025", "out_of_range"),
        ("1", "1", "2028", "out_of_range"),
    ],
)
def test_each_problem_is_named(day, month, year, problem):
    assert read_date(day, month, year, EARLIEST, LATEST) == (None, problem)


def test_a_real_date_in_range_is_read_including_both_ends():
    assert read_date("27", "03", "2027", EARLIEST, LATEST) == (date(2027, 3, 27), None)
    assert read_date("1", "1", "2026", EARLIEST, LATEST) == (EARLIEST, None)
    assert read_date("31", "12", "2027", EARLIEST, LATEST) == (LATEST, None)
