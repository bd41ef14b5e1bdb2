"""Fuzzing the key dates form (a plain GET) and its calendar file."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from familyguide import clock
from familyguide.text import clean_text

from .checks import kept_in, new_client, says_what_is_wrong
from .strategies import family_text, number_box


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 10, 0))


@given(
    day=number_box(1, 31),
    month=number_box(1, 12),
    year=number_box(2025, 2029),
    kind=st.one_of(st.sampled_from(["first", "review"]), family_text(20)),
    path=st.sampled_from(["/en/key-dates/", "/en/key-dates/calendar.ics", "/ur/key-dates/"]),
)
def test_any_date_gives_the_dates_or_says_what_is_wrong_keeping_the_boxes(fuzz_app, day, month, year, kind, path):
    client = new_client(fuzz_app)
    response = client.get(path, query_string={"day": day, "month": month, "year": year, "kind": kind})
    if response.status_code == 200:
        if path.endswith(".ics") and any(clean_text(value) for value in (day, month, year, kind)):
            assert response.mimetype == "text/calendar" and "BEGIN:VEVENT" in response.get_data(as_text=True)
        return  # (an empty form sent to the calendar address shows the empty form)
    says_what_is_wrong(response)
    for name, value in (("day", day), ("month", month), ("year", year)):
        kept_in(response, name, clean_text(value)[:20])
    assert ("kind-error" in response.get_data(as_text=True)) == (clean_text(kind) not in ("first", "review"))
