"""familyguide/clock.py: times stored in UTC, read as the time in England and Wales (GMT, or BST in summer)."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from familyguide import clock

MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31))


@given(MOMENTS)
def test_a_moment_lies_between_the_start_of_its_day_in_england_and_the_next(moment):
    day = clock.local(moment).date()
    assert clock.start_of(day) <= moment < clock.start_of(day + timedelta(days=1))


@given(st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2060, 12, 31).date()))
def test_a_day_starts_at_midnight_in_england(day):
    start = clock.local(clock.start_of(day))
    assert (start.date(), start.hour, start.minute, start.second) == (day, 0, 0, 0)


def test_the_clocks_go_forward_in_march_and_back_in_october():
    assert clock.local(datetime(2027, 3, 28, 0, 59)).strftime("%H:%M %Z") == "00:59 GMT"
    assert clock.local(datetime(2027, 3, 28, 1, 0)).strftime("%H:%M %Z") == "02:00 BST"
    assert clock.local(datetime(2027, 10, 31, 0, 59)).strftime("%H:%M %Z") == "01:59 BST"
    assert clock.local(datetime(2027, 10, 31, 1, 0)).strftime("%H:%M %Z") == "01:00 GMT"
    assert clock.start_of(datetime(2027, 6, 5).date()) == datetime(2027, 6, 4, 23, 0)
    assert clock.start_of(datetime(2027, 12, 5).date()) == datetime(2027, 12, 5, 0, 0)


def test_today_follows_the_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2027, 6, 1, 23, 30))
    assert clock.today() == datetime(2027, 6, 2).date()
    monkeypatch.setattr(clock, "now", lambda: datetime(2027, 12, 1, 23, 30))
    assert clock.today() == datetime(2027, 12, 1).date()
