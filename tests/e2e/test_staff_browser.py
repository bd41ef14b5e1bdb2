"""The staff area in a real browser: an admin adds a worker; the worker chooses a password, sets up the second
factor and signs in by keyboard alone; another runs a conference record by keyboard alone; axe finds no WCAG 2.2
A/AA violation on any staff page, and none scrolls sideways at 320 px. Screenshots in build/screenshots/staff-*.png."""

import re
from datetime import timedelta

from familyguide import clock
from familyguide.staff import accounts

from .conftest import Checked
from .staff_steps import PASSWORD, code_for, set_up_by_keyboard
from .steps import click_and_load, press_and_load, tab_to_next


def test_admin_adds_a_worker_who_sets_up_and_signs_in_by_keyboard(make_page, live_server, outside_requests):
    app = live_server.app.flask_app
    with app.app_context():
        admin_link = accounts.setup_url(accounts.add("admin.e2e@council.gov.uk", "admin"))
    check = Checked("staff")

    admin = make_page(locale="en-GB")
    admin.goto("/staff/sign-in")
    check(admin, "sign-in")
    admin.goto(admin_link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(admin, check, "admin")
    check(admin, "home-admin")
    click_and_load(admin, "text=Teams")
    admin.fill("#name", "North")
    click_and_load(admin, "button:has-text('Add team')")
    check(admin, "teams")
    admin.fill("#name", "Old team")
    click_and_load(admin, "button:has-text('Add team')")
    click_and_load(admin, "a:text-is('Old team')")
    click_and_load(admin, "button:has-text('Delete team')")
    check(admin, "delete-team")  # asked first
    click_and_load(admin, "button:has-text('Yes, delete the team')")
    assert "Old team" not in admin.inner_text("main")
    click_and_load(admin, "nav >> text=Accounts")
    admin.fill("#email", "not an address")
    click_and_load(admin, "button:has-text('Add account')")
    check(admin, "accounts-error")
    assert admin.input_value("#email") == "not an address"
    admin.fill("#email", "worker.e2e@council.gov.uk")
    admin.select_option("#team", "North")
    click_and_load(admin, "button:has-text('Add account')")
    check(admin, "accounts-added")
    worker_link = admin.inner_text(".setup-link")
    click_and_load(admin, "tbody a:text-is('worker.e2e@council.gov.uk')")  # the table's link, not the heading
    assert admin.inner_text("h1") == "worker.e2e@council.gov.uk"  # the worker's own account page
    check(admin, "account")
    click_and_load(admin, "button:has-text('Delete account')")
    check(admin, "delete-account")  # asked first
    click_and_load(admin, "text=No, go back")
    click_and_load(admin, "nav >> text=Audit log")
    check(admin, "audit")
    assert "Account added" in admin.inner_text("tbody")

    worker = make_page(locale="en-GB")
    worker.goto(worker_link.replace(app.config["PUBLIC_URL"], ""))
    secret = set_up_by_keyboard(worker, check, "worker")
    tab_to_next(worker, "form[action$='/sign-out'] button")
    worker.keyboard.press("Enter")
    worker.wait_for_selector("text=You have signed out")
    check(worker, "signed-out")
    tab_to_next(worker, "main a[href$='/staff/sign-in']")
    worker.keyboard.press("Enter")
    worker.wait_for_selector("h1:has-text('Sign in')")
    tab_to_next(worker, "#email")
    worker.keyboard.type("worker.e2e@council.gov.uk")
    worker.keyboard.press("Tab")
    worker.keyboard.type("a wrong password")
    worker.keyboard.press("Enter")
    worker.wait_for_selector(".error-summary")
    check(worker, "sign-in-error")
    assert worker.input_value("#email") == "worker.e2e@council.gov.uk" and worker.input_value("#password") == ""
    tab_to_next(worker, "#password")
    worker.keyboard.type(PASSWORD)
    worker.keyboard.press("Enter")
    worker.wait_for_selector("text=Enter your code")
    check(worker, "code")
    tab_to_next(worker, "#code")
    worker.keyboard.type(code_for(secret, steps_ahead=1))
    worker.keyboard.press("Enter")
    worker.wait_for_selector("text=Signed in as")
    assert "worker.e2e@council.gov.uk" in worker.inner_text("main")
    check(worker, "home-worker")
    assert not re.search(r"Audit log|Accounts", worker.inner_text("header"))

    assert check.failures == []
    assert outside_requests == []


def test_a_worker_runs_a_conference_record_by_keyboard_alone(make_page, live_server, outside_requests):
    """Add a conference, correct a mistake, move it, invite a parent, make their code, cancel (asked first, and
    "No" keeps it), then cancel, with Tab, typing, Space, arrows and Enter only."""
    app = live_server.app.flask_app
    with app.app_context():
        link = accounts.setup_url(accounts.add("worker.keys@council.gov.uk", "worker", "Keys", create_team=True))
    worker = make_page(locale="en-GB")
    worker.goto(link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "keys")

    tab_to_next(worker, "nav a[href$='/staff/conferences']")
    press_and_load(worker, "Enter")
    tab_to_next(worker, "main a[href$='/conferences/new']")
    press_and_load(worker, "Enter")
    tab_to_next(worker, "#reference")
    worker.keyboard.type("KEYS/1")
    soon, later = clock.today() + timedelta(days=3), clock.today() + timedelta(days=10)
    for field, value in (("#day", soon.day), ("#month", soon.month), ("#year", 1999)):
        tab_to_next(worker, field)
        worker.keyboard.type(str(value))
    tab_to_next(worker, "#kind-first")
    worker.keyboard.press("Space")
    press_and_load(worker, "Enter")  # a year long past: refused, with what was typed kept
    assert "The conference date must be from today" in worker.inner_text(".error-summary")
    assert "KEYS/1" == worker.input_value("#reference") and worker.input_value("#year") == "1999"
    assert worker.is_checked("#kind-first")
    tab_to_next(worker, "#year")
    worker.keyboard.press("Control+A")
    worker.keyboard.type(str(soon.year))
    tab_to_next(worker, "button[type=submit]")
    press_and_load(worker, "Enter")
    assert worker.inner_text("h1") == "KEYS/1"

    tab_to_next(worker, "a[href$='/change']")
    press_and_load(worker, "Enter")
    for field, value in (("#day", later.day), ("#month", later.month), ("#year", later.year)):
        tab_to_next(worker, field)
        worker.keyboard.press("Control+A")
        worker.keyboard.type(str(value))
    tab_to_next(worker, "#kind-first")
    worker.keyboard.press("ArrowDown")  # moves the choice to the next radio: a review
    tab_to_next(worker, "button[type=submit]")
    press_and_load(worker, "Enter")
    assert worker.inner_text("#deletion-date") == (later + timedelta(days=28)).strftime("%-d %B %Y")
    assert "Review conference" in worker.inner_text(".record-facts")

    tab_to_next(worker, "#parent-name")
    worker.keyboard.type("J.K.")
    tab_to_next(worker, "#parent-language")
    worker.keyboard.type("Polish")  # a closed select takes the typed start of an option
    assert worker.input_value("#parent-language") == "pl"
    tab_to_next(worker, "form:has(#parent-language) button[type=submit]")
    press_and_load(worker, "Enter")
    assert "J.K." in worker.inner_text(".invitation h3")
    tab_to_next(worker, "form[action$='/code'] button")
    press_and_load(worker, "Enter")
    assert worker.inner_text("#invitation-code").strip()
    tab_to_next(worker, "main a[href*='/conferences/']")
    press_and_load(worker, "Enter")

    tab_to_next(worker, "form[action$='/cancel'] button")
    press_and_load(worker, "Enter")
    assert worker.inner_text("h1") == "Cancel this invitation?"
    tab_to_next(worker, "main a[href*='/conferences/']")  # "No, go back"
    press_and_load(worker, "Enter")
    assert "Cancelled" not in worker.inner_text("main")
    tab_to_next(worker, "form[action$='/cancel'] button")
    press_and_load(worker, "Enter")
    tab_to_next(worker, "form[action$='/cancel'] button")  # "Yes, cancel it"
    press_and_load(worker, "Enter")
    assert "Cancelled" in worker.inner_text(".invitation")
    assert outside_requests == []
