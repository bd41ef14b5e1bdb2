from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from familyguide import clock

from .support.pagecheck import text_of


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 9, 30))


def test_empty_form_asks_for_the_date(client):
    page = text_of(client.get("/en/key-dates/").data)
    assert "What is the date of the conference?" in page
    assert "Your key dates" not in page


def test_first_conference_dates_are_shown_with_the_warning(client):
    response = client.get("/en/key-dates/?day=22&month=12&year=2026&kind=first")
    page = text_of(response.data)
    assert response.status_code == 200
    assert "Reports should reach you by Thursday, 17 December 2026" in page
    assert "First core group meeting by Friday, 8 January 2027" in page
    assert "Notes of the meeting sent to you by Friday, 15 January 2027" in page
    assert "Review conference by Monday, 22 March 2027" in page
    assert "These are the latest dates the rules allow." in page
    assert "Your invitation letter or your social worker gives the real dates." in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("day=&month=&year=&kind=first", "Enter the date of the conference."),
        ("day=31&month=2&year=2027&kind=first", "must be a real date"),
        ("day=3&month=&year=2027&kind=first", "must include a month"),
        ("day=3&month=4&year=27&kind=first", "Enter the year as 4 numbers"),
        ("day=x&month=4&year=2027&kind=first", "must be a real date"),
        ("day=3&month=4&year=1999&kind=first", "Enter a date from the last 12 months or the next 2 years."),
        ("day=3&month=4&year=2027", "Choose if this is a first conference or a review conference."),
    ],
)
def test_bad_dates_get_a_clear_message_and_keep_what_was_typed(client, query, message):
    response = client.get(f"/en/key-dates/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in text_of(html)
    assert "There is a problem" in text_of(html)
    assert html.count(message) == 2  # in the summary and beside the field
    page = BeautifulSoup(html, "html.parser")
    for pair in query.split("&"):
        name, value = pair.split("=")
        if name in ("day", "month", "year"):
            box = page.select_one(f'input[name="{name}"]')
            assert (box["type"], box["inputmode"], box["autocomplete"], box["value"]) == (
                "text",
                "numeric",
                "off",
                value,
            )
    assert "<title>Error:" in html


def test_calendar_file_holds_the_dates_and_the_warning(client):
    response = client.get("/en/key-dates/calendar.ics?day=22&month=12&year=2026&kind=first")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 5
    for day in ("20261217", "20261222", "20270108", "20270115", "20270322"):
        assert f"DTSTART;VALUE=DATE:{day}" in body
    unfolded = body.replace("\r\n ", "")
    assert "SUMMARY;LANGUAGE=en:Latest day for the first core group meeting" in unfolded
    assert "This is the latest date the rules allow." in unfolded
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_calendar_with_a_bad_date_shows_the_form_with_the_error(client):
    response = client.get("/en/key-dates/calendar.ics?day=31&month=2&year=2027&kind=first")
    assert response.status_code == 400
    assert "must be a real date" in text_of(response.data)
