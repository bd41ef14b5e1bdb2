"""Steps the staff tests share: a clock the test moves, adding and setting up accounts, signing in."""

import re
from datetime import UTC, timedelta

import pyotp

from familyguide import clock
from familyguide.staff import accounts

PASSWORD = "correct horse battery staple"


class Clock:
    """The app's clock (familyguide.clock), moved by the test instead of waiting."""

    def __init__(self, monkeypatch):
        self.moment = clock.now().replace(microsecond=0)
        monkeypatch.setattr(clock, "now", lambda: self.moment)

    def advance(self, **delta):
        self.moment += timedelta(**delta)

    def totp(self, secret):
        """The code the staff member's app shows now."""
        return pyotp.TOTP(secret).at(self.moment.replace(tzinfo=UTC).timestamp())


def csrf_token(response):
    found = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True))
    assert found, "no CSRF token on the page"
    return found.group(1)


def post_form(client, path, data, page=None):
    """Post a form the way a browser does: with the CSRF token of the page it came from."""
    page = page or client.get(path)
    return client.post(path, data={**data, "csrf_token": csrf_token(page)})


def open_setup_link(client, token):
    """Open a set-up link and press its page's button, as its owner does; the button's answer (or the link's
    page, when it does not work)."""
    page = client.get(f"/staff/setup/{token}")
    if page.status_code != 200:
        return page
    return client.post(f"/staff/setup/{token}", data={"csrf_token": csrf_token(page)})


def add(app, email, role="worker", team=None, languages=()):
    with app.app_context():
        return accounts.add(email, role, team, create_team=True, languages=languages)


class Staff:
    """A set-up local account and what its owner keeps: the TOTP secret and the recovery codes."""

    def __init__(self, email, secret, codes):
        self.email, self.secret, self.codes = email, secret, codes


def set_up(app, client, clock_, email, role="worker", team=None, password=PASSWORD, languages=()):
    """Add an account and set it up through its link, as its owner would; leaves them signed in."""
    token = add(app, email, role, team, languages)
    assert open_setup_link(client, token).location.endswith("/staff/setup")
    response = post_form(client, "/staff/setup", {"password": password, "password_again": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get("/staff/setup/second-factor")
    secret = re.search(r'<p class="secret">([A-Z2-7 ]+)</p>', page.get_data(as_text=True)).group(1).replace(" ", "")
    done = post_form(client, "/staff/setup/second-factor", {"code": clock_.totp(secret)}, page)
    assert done.status_code == 200 and "Your recovery codes" in done.get_data(as_text=True)
    codes = re.findall(r"<li>([A-Z2-9]{5}-[A-Z2-9]{5})</li>", done.get_data(as_text=True))
    assert len(codes) == 10
    clock_.advance(seconds=30)  # the next code the app shows
    return Staff(email, secret, codes)


def sign_in(client, clock_, staff, password=PASSWORD, code=None):
    """Both steps of signing in; returns the last response."""
    first = post_form(client, "/staff/sign-in", {"email": staff.email, "password": password})
    if first.status_code != 302:
        return first
    second = post_form(client, "/staff/sign-in/code", {"code": code or clock_.totp(staff.secret)})
    clock_.advance(seconds=30)
    return second
