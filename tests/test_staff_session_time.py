"""How long a staff session has left, for the warning before it ends (staff.js; WCAG 2.2.1 Timing Adjustable):
asking is not activity, "Stay signed in" is; every signed-in page carries the warning and says the limits; a
browser whose session ended is told why on the sign-in page. On SQLite and PostgreSQL."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy.exc import OperationalError

from familyguide import db

from .support.staff import csrf_token, set_up


@pytest.fixture
def signed_in(any_app, clock_):
    client = any_app.test_client()
    set_up(any_app, client, clock_, "timer@council.gov.uk")
    return client


def time_left(client):
    response = client.get("/staff/session")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "no-store" in response.headers["Cache-Control"]
    return response.get_json()


def test_asking_how_long_is_left_does_not_keep_the_session_alive(signed_in, clock_):
    signed_in.get("/staff/")  # a page: activity
    start = time_left(signed_in)
    assert start["idle"] == 30 * 60 and 11 * 3600 < start["absolute"] <= 12 * 3600
    clock_.advance(minutes=20)
    assert time_left(signed_in)["idle"] == 10 * 60
    clock_.advance(minutes=9)
    assert time_left(signed_in)["idle"] == 60  # still counting down: the questions themselves did not count
    clock_.advance(minutes=1, seconds=1)
    gone = signed_in.get("/staff/session")
    assert gone.status_code == 302 and gone.location.endswith("/staff/sign-in?ended=1")


def test_stay_signed_in_keeps_it_alive_and_needs_the_pages_token(signed_in, clock_):
    page = signed_in.get("/staff/")
    clock_.advance(minutes=28)
    assert time_left(signed_in)["idle"] == 2 * 60
    assert signed_in.post("/staff/session", data={}).status_code == 400  # no token: refused
    stayed = signed_in.post("/staff/session", data={"csrf_token": csrf_token(page)})
    assert stayed.status_code == 200 and stayed.get_json()["idle"] == 30 * 60
    clock_.advance(minutes=29)
    assert signed_in.get("/staff/").status_code == 200  # 57 minutes after the page: still signed in


def test_the_absolute_limit_is_not_moved_by_staying(signed_in, clock_):
    page = signed_in.get("/staff/")
    for _ in range(24):
        clock_.advance(minutes=29)
        signed_in.post("/staff/session", data={"csrf_token": csrf_token(page)})
    left = time_left(signed_in)
    assert left["idle"] == 30 * 60 and left["absolute"] < 30 * 60  # 11 h 36 min after signing in


def test_each_signed_in_page_carries_the_warning_and_says_the_limits(signed_in, clock_):
    clock_.advance(minutes=5)
    html = signed_in.get("/staff/").get_data(as_text=True)
    page = BeautifulSoup(html, "html.parser")
    dialog = page.select_one("dialog#session-warning")
    assert dialog is not None and not dialog.has_attr("open")  # shown only by the script
    assert dialog["data-idle-seconds"] == str(30 * 60)  # this request kept it alive
    assert dialog["aria-labelledby"] == "session-warning-soon" and page.select_one("#session-warning-soon")
    assert dialog.select_one("form[method=post] input[name=csrf_token]") is not None
    assert "signed out in" in dialog.get_text(" ") and dialog.select(".time-left")
    footer = page.select_one(".staff-footer").get_text(" ")
    assert "signed out after 30 minutes without doing anything, and 12 hours after you signed in" in footer
    assert page.select_one('script[src*="staff"]') is not None


def test_the_sign_in_page_has_no_warning_and_says_why_only_when_a_session_ended(any_app, signed_in, clock_):
    fresh = any_app.test_client().get("/staff/sign-in").get_data(as_text=True)
    assert "session-warning" not in fresh and "staff.js" not in fresh and "You were signed out" not in fresh
    clock_.advance(minutes=31)
    ended = signed_in.get("/staff/conferences")
    assert ended.location.endswith("/staff/sign-in?ended=1")
    told = BeautifulSoup(signed_in.get(ended.location).data, "html.parser").select_one("main .notice").get_text()
    assert told.startswith("You were signed out.") and "30 minutes" in told and "12 hours" in told
    assert signed_in.get("/staff/").location.endswith("/staff/sign-in")  # the ended session's cookie was cleared


def test_a_database_that_does_not_answer_never_ends_the_session(any_app, signed_in, monkeypatch):
    """The guard's own question to the database fails: a 503 in the staff layout; the cookie is not cleared, so
    the worker is still signed in when the database answers again."""
    any_app.config["PROPAGATE_EXCEPTIONS"] = False
    working = db.session

    def away():
        raise OperationalError("SELECT staff_sessions", {}, Exception("database is locked"))

    monkeypatch.setattr(db, "session", away)
    response = signed_in.get("/staff/conferences")
    assert response.status_code == 503 and response.headers.getlist("Set-Cookie") == []
    assert "Sorry, the staff area cannot reach its database" in response.get_data(as_text=True)
    monkeypatch.setattr(db, "session", working)
    assert signed_in.get("/staff/conferences").status_code == 200
