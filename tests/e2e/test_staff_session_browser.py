"""The warning before a staff session ends (WCAG 2.2.1 Timing Adjustable), in a real browser: two minutes before
the idle limit a dialog says so, with focus on "Stay signed in"; Enter keeps the session; left alone, the dialog
says the worker was signed out, the page and what was typed on it stay, and the sign-in page says why. The
page's clock (Playwright's) and the server's (familyguide.clock) are moved together. Screenshots in
build/screenshots/staff-session-*.png."""

import re
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from familyguide import clock, db
from familyguide.models import StaffAccount, StaffSession
from familyguide.staff import accounts

from .conftest import Checked, wait_until_enhanced
from .staff_steps import set_up_by_keyboard

DIALOG = "dialog#session-warning"


class BothClocks:
    """The server's clock and the page's, moved forward together."""

    def __init__(self, monkeypatch, page):
        self.page, self.offset, real_now = page, timedelta(), clock.now
        monkeypatch.setattr(clock, "now", lambda: real_now() + self.offset)

    def forward(self, **delta):
        self.offset += timedelta(**delta)
        self.page.clock.fast_forward(int(timedelta(**delta).total_seconds() * 1000))


def test_a_worker_is_warned_stays_signed_in_by_keyboard_and_is_told_when_signed_out(
    make_page, live_server, outside_requests, monkeypatch
):
    app = live_server.app.flask_app
    with app.app_context():
        link = accounts.setup_url(accounts.add("worker.timer@council.gov.uk", "worker", "Timer", create_team=True))
    check = Checked("staff-session")
    worker = make_page(locale="en-GB")
    worker.clock.install()  # the page's timers run on a clock the test moves
    worker.goto(link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "timer")
    worker.goto("/staff/conferences/new")
    wait_until_enhanced(worker, "staff")
    worker.fill("#reference", "TIMER/7")  # typed, never sent
    clocks = BothClocks(monkeypatch, worker)

    clocks.forward(minutes=28)
    worker.wait_for_selector(f"{DIALOG}[open][data-state=idle]")
    assert worker.inner_text(f"{DIALOG} h2:visible") == "You will be signed out soon"
    # 2 minutes, or 1 on a machine slow enough to take half a minute between the page and the question
    assert re.search(r"you will be signed out in (2 minutes|1 minute)\.", worker.inner_text(DIALOG))
    assert worker.evaluate("document.activeElement.textContent") == "Stay signed in"  # focus moved to it
    check(worker, "warning")

    worker.keyboard.press("Enter")
    worker.wait_for_selector(DIALOG, state="hidden")
    left = worker.evaluate("fetch('/staff/session').then(response => response.json())")
    assert left["idle"] >= 29 * 60  # the server kept the session alive

    clocks.forward(minutes=25)  # no warning yet: 25 minutes after staying
    assert not worker.is_visible(DIALOG)
    clocks.forward(minutes=4)
    worker.wait_for_selector(f"{DIALOG}[open][data-state=idle]")
    worker.keyboard.press("Escape")  # the same as "Stay signed in": a key press never signs anyone out
    worker.wait_for_selector(DIALOG, state="hidden")
    assert worker.evaluate("fetch('/staff/session').then(response => response.json())")["idle"] >= 29 * 60
    clocks.forward(minutes=28)
    worker.wait_for_selector(f"{DIALOG}[open][data-state=idle]")
    clocks.forward(minutes=2, seconds=5)  # left alone past the end (the script asks again a second after it)
    worker.wait_for_selector(f"{DIALOG}[open][data-state=ended]")
    assert worker.inner_text(f"{DIALOG} h2:visible") == "You have been signed out"
    assert worker.evaluate("document.activeElement.textContent") == "Sign in again"
    sign_in_again = worker.get_attribute(f"{DIALOG} a:visible", "href")
    check(worker, "ended")

    worker.keyboard.press("Tab")
    worker.keyboard.press("Enter")  # Close: the page, and what was typed on it, are still there to copy
    worker.wait_for_selector(DIALOG, state="hidden")
    assert worker.input_value("#reference") == "TIMER/7"
    worker.click("nav >> text=Conferences")
    worker.wait_for_selector("h1:has-text('Sign in')")  # signed out: the session and its cookie are gone
    worker.goto(sign_in_again)
    assert worker.inner_text("main .notice").startswith("You were signed out.")
    check(worker, "sign-in-ended")
    assert check.failures == []
    assert outside_requests == []


def test_the_hours_limit_is_warned_of_but_cannot_be_moved(make_page, live_server, outside_requests, monkeypatch):
    app = live_server.app.flask_app
    with app.app_context():
        link = accounts.setup_url(accounts.add("worker.hours@council.gov.uk", "worker", "Hours", create_team=True))
    check = Checked("staff-session-hours")
    worker = make_page(locale="en-GB")
    worker.clock.install()
    worker.goto(link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "hours")
    with app.app_context(), db.session() as s:  # signed in 11 hours 57 minutes ago, busy ever since
        mine = select(StaffAccount.id).where(StaffAccount.email == "worker.hours@council.gov.uk").scalar_subquery()
        s.execute(
            update(StaffSession)
            .where(StaffSession.account_id == mine)
            .values(created_at=clock.now() - timedelta(hours=11, minutes=57))
        )
    worker.goto("/staff/")
    wait_until_enhanced(worker, "staff")
    BothClocks(monkeypatch, worker).forward(minutes=1, seconds=1)
    worker.wait_for_selector(f"{DIALOG}[open][data-state=absolute]")
    assert "You signed in almost 12 hours ago" in worker.inner_text(DIALOG)
    assert not worker.is_visible(f"{DIALOG} button:text-is('Stay signed in')")  # it cannot be moved
    assert worker.evaluate("document.activeElement.textContent") == "Close"
    check(worker, "warning")
    worker.keyboard.press("Enter")
    worker.wait_for_selector(DIALOG, state="hidden")
    assert check.failures == []
    assert outside_requests == []


def test_when_the_server_does_not_answer_the_page_never_says_signed_out(
    make_page, live_server, outside_requests, monkeypatch
):
    app = live_server.app.flask_app
    with app.app_context():
        link = accounts.setup_url(accounts.add("worker.offline@council.gov.uk", "worker", "Offline", create_team=True))
    worker = make_page(locale="en-GB")
    worker.clock.install()
    worker.goto(link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "offline")
    wait_until_enhanced(worker, "staff")
    worker.route("**/staff/session", lambda route: route.abort("internetdisconnected"))
    clocks = BothClocks(monkeypatch, worker)
    clocks.forward(minutes=28)
    worker.wait_for_selector(f"{DIALOG}[data-state=unanswered]", state="attached")  # it asked, and had no answer
    assert not worker.is_visible(DIALOG)  # no answer is not "signed out"
    worker.unroute("**/staff/session")
    clocks.forward(seconds=16)  # it asks again
    worker.wait_for_selector(f"{DIALOG}[open][data-state=idle]")
    assert outside_requests == []


def test_the_staff_page_while_the_database_is_away(make_page, live_server, outside_requests, monkeypatch):
    """The staff area's 503 (its own layout, what was typed shown back) passes axe and fits 320 px; signed in
    still when the database answers again."""
    app = live_server.app.flask_app
    with app.app_context():
        link = accounts.setup_url(accounts.add("worker.away@council.gov.uk", "worker", "Away", create_team=True))
    check = Checked("staff-session-database-away")
    worker = make_page(locale="en-GB")
    worker.goto(link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "away")
    worker.goto("/staff/conferences/new")
    worker.fill("#reference", "AWAY/3")
    working = db.session

    def away():
        raise OperationalError("SELECT staff_sessions", {}, Exception("database is locked"))

    monkeypatch.setattr(db, "session", away)
    worker.click("button:has-text('Add the conference')")
    worker.wait_for_selector("h1:has-text('Sorry, the staff area cannot reach its database')")
    assert worker.input_value("#typed-text") == "AWAY/3"
    check(worker, "page")
    monkeypatch.setattr(db, "session", working)
    worker.goto("/staff/conferences")
    assert worker.inner_text("h1") == "Conferences"  # still signed in
    assert check.failures == []
    assert outside_requests == []
