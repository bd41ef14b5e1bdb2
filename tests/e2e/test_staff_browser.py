"""The staff area in a real browser: an admin adds a worker; the worker chooses a password, sets up the second
factor and signs in by keyboard alone; axe finds no WCAG 2.2 A/AA violation on any staff page, and none
scrolls sideways at 320 px. Screenshots in build/screenshots/staff-*.png."""

import re
import time

import pyotp

from familyguide.staff import accounts

from .conftest import axe_violations, save_screenshot

PASSWORD = "lantern orchard pebble river"


def code_for(secret, steps_ahead=0):
    """The code the staff member's app shows (the next one, for a second sign-in in the same 30 seconds:
    the server takes one step either side, and never the same code twice)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def tab_to(page, selector, limit=40):
    """Press Tab until ``selector`` has the focus, as a keyboard user moves through the page."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


class Checked:
    """Every staff page the test sees: axe, sideways scrolling at 320 px (the same address in a narrow
    window), and a screenshot."""

    def __init__(self, narrow):
        self.narrow, self.failures, self.seen = narrow, [], set()

    def __call__(self, page, name):
        save_screenshot(page, f"staff-{name}")
        if violations := axe_violations(page):
            self.failures.append((name, violations))
        path = page.url
        if name not in self.seen and "/setup" not in path and "code" not in name:
            self.narrow.goto(path)
            overflow = self.narrow.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                self.failures.append((name, f"{overflow}px sideways scroll at 320px"))
        self.seen.add(name)


def set_up_by_keyboard(page, check, name):
    """On the set-up pages: password twice, then the code from the QR page's key. Returns the secret."""
    check(page, f"{name}-password")
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Set up your second factor")
    check(page, f"{name}-second-factor")
    secret = page.inner_text(".secret").replace(" ", "")
    tab_to(page, "#code")
    page.keyboard.type(code_for(secret))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your recovery codes")
    check(page, f"{name}-recovery-codes")
    assert len(page.locator(".recovery-codes li").all()) == 10
    tab_to(page, "a.button")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Signed in as")
    return secret


def test_admin_adds_a_worker_who_sets_up_and_signs_in_by_keyboard(make_page, live_server, outside_requests):
    app = live_server.app.flask_app
    with app.app_context():
        admin_link = accounts.setup_url(accounts.add("admin.e2e@council.gov.uk", "admin"))
    check = Checked(make_page(viewport={"width": 320, "height": 640}, locale="en-GB"))

    admin = make_page(locale="en-GB")
    admin.goto("/staff/sign-in")
    check(admin, "sign-in")
    admin.goto(admin_link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(admin, check, "admin")
    check(admin, "home-admin")
    admin.click("text=Teams")
    admin.fill("#name", "North")
    admin.click("button:has-text('Add team')")
    check(admin, "teams")
    admin.click("nav >> text=Accounts")
    admin.fill("#email", "not an address")
    admin.click("button:has-text('Add account')")
    check(admin, "accounts-error")
    assert admin.input_value("#email") == "not an address"
    admin.fill("#email", "worker.e2e@council.gov.uk")
    admin.select_option("#team", "North")
    admin.click("button:has-text('Add account')")
    check(admin, "accounts-added")
    worker_link = admin.inner_text(".setup-link")
    admin.click("text=worker.e2e@council.gov.uk")
    check(admin, "account")
    admin.click("nav >> text=Audit log")
    check(admin, "audit")
    assert "Account added" in admin.inner_text("tbody")

    worker = make_page(locale="en-GB")
    worker.goto(worker_link.replace(app.config["PUBLIC_URL"], ""))
    secret = set_up_by_keyboard(worker, check, "worker")
    tab_to(worker, "form[action$='/sign-out'] button")
    worker.keyboard.press("Enter")
    worker.wait_for_selector("text=You have signed out")
    check(worker, "signed-out")
    tab_to(worker, "main a[href$='/staff/sign-in']")
    worker.keyboard.press("Enter")
    worker.wait_for_selector("h1:has-text('Sign in')")
    tab_to(worker, "#email")
    worker.keyboard.type("worker.e2e@council.gov.uk")
    worker.keyboard.press("Tab")
    worker.keyboard.type("a wrong password")
    worker.keyboard.press("Enter")
    worker.wait_for_selector(".error-summary")
    check(worker, "sign-in-error")
    assert worker.input_value("#email") == "worker.e2e@council.gov.uk" and worker.input_value("#password") == ""
    tab_to(worker, "#password")
    worker.keyboard.type(PASSWORD)
    worker.keyboard.press("Enter")
    worker.wait_for_selector("text=Enter your code")
    check(worker, "code")
    tab_to(worker, "#code")
    worker.keyboard.type(code_for(secret, steps_ahead=1))
    worker.keyboard.press("Enter")
    worker.wait_for_selector("text=Signed in as")
    assert "worker.e2e@council.gov.uk" in worker.inner_text("main")
    check(worker, "home-worker")
    assert not re.search(r"Audit log|Accounts", worker.inner_text("header"))

    assert check.failures == []
    assert outside_requests == []
