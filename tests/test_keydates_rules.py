from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from familyguide.keydates.rules import FIRST, REVIEW, add_months, add_working_days, is_working_day, key_dates


def as_dict(dates):
    return {d.key: d.day for d in dates}


def test_first_conference_before_christmas_skips_bank_holidays_and_weekends():
    dates = as_dict(key_dates(date(2026, 12, 22), FIRST))
    assert dates == {
        "reports": date(2026, 12, 17),  # Mon 21, Fri 18, Thu 17
        "conference": date(2026, 12, 22),
        # Christmas Day, Boxing Day's substitute (Mon 28) and New Year's Day are not working days.
        "core_group": date(2027, 1, 8),
        "notes": date(2027, 1, 15),
        "review": date(2027, 3, 22),
    }


def test_review_conference_around_easter():
    dates = as_dict(key_dates(date(2027, 3, 31), REVIEW))
    assert dates["reports"] == date(2027, 3, 24)  # Good Friday 26 and Easter Monday 29 March are skipped
    assert dates["notes"] == date(2027, 4, 21)
    assert dates["review"] == date(2027, 9, 30)
    assert "core_group" not in dates  # the first core group follows a first conference


def test_dates_are_in_order():
    days = [d.day for d in key_dates(date(2027, 5, 3), FIRST)]
    assert days == sorted(days)


def test_review_that_lands_on_a_weekend_moves_to_the_working_day_before():
    # 3 months after a first conference on Monday 2026-11-30 is Sunday 28 February 2027.
    assert as_dict(key_dates(date(2026, 11, 30), FIRST))["review"] == date(2027, 2, 26)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2027, 11, 15), 3, date(2028, 2, 15)),
        (date(2028, 8, 31), 6, date(2029, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_working_days():
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute
    assert not is_working_day(date(2027, 5, 3))  # Early May bank holiday
    assert is_working_day(date(2027, 3, 17))  # St Patrick's Day is a holiday in Northern Ireland only
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 29), -1) == date(2026, 12, 24)


def walked(start, count):
    """Working days counted one day at a time: what add_working_days must give."""
    step = timedelta(days=1 if count > 0 else -1)
    day, remaining = start, abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


@given(start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), count=st.integers(-400, 400))
def test_counting_working_days_gives_what_walking_them_gives(start, count):
    assert add_working_days(start, count) == walked(start, count)


@pytest.mark.parametrize("count", [-15, -3, -1, 0, 1, 3, 10, 15])
def test_counting_across_every_day_of_two_years(count):
    day = date(2026, 1, 1)
    while day < date(2028, 1, 1):
        assert add_working_days(day, count) == walked(day, count), (day, count)
        day += timedelta(days=1)
