"""Local staff accounts: the set-up link, password rules, the second factor, recovery codes, lock-out,
sessions and their timeouts. On SQLite and PostgreSQL."""

import re

import pytest
from sqlalchemy import func, select

from familyguide import db
from familyguide.models import StaffAccount, StaffSession
from familyguide.staff import passwords

from .support.pagecheck import problems_with, text_of
from .support.staff import PASSWORD, add, csrf_token, open_setup_link, post_form, set_up, sign_in


@pytest.fixture
def staff_app(any_app):
    return any_app


def page_text(response):
    html = response.get_data(as_text=True)
    assert not problems_with(html, family_page=False), problems_with(html, family_page=False)
    return text_of(html)


def test_set_up_then_sign_in_with_a_real_totp_code(staff_app, clock_):
    client = staff_app.test_client()
    staff = set_up(staff_app, client, clock_, "Worker.One@Council.gov.uk")
    home = client.get("/staff/")
    assert "worker.one@council.gov.uk" in page_text(home)
    other = staff_app.test_client()
    response = sign_in(other, clock_, staff)
    assert response.status_code == 302 and response.location.endswith("/staff/")
    assert "Signed in as worker.one@council.gov.uk" in page_text(other.get("/staff/"))


def test_staff_cookie_is_its_own_and_the_family_cookie_is_untouched(staff_app, clock_):
    client = staff_app.test_client()
    staff = set_up(staff_app, client, clock_, "w@council.gov.uk")
    response = post_form(staff_app.test_client(), "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    cookies = response.headers.getlist("Set-Cookie")
    staff_cookie = next(c for c in cookies if c.startswith("staff="))
    assert "Path=/staff" in staff_cookie and "HttpOnly" in staff_cookie and "SameSite=Strict" in staff_cookie
    assert not any(c.startswith("session=") for c in cookies)
    with staff_app.app_context(), db.session() as s:
        token_hashes = list(s.scalars(select(StaffSession.token_hash)))
    token = staff_cookie.split(";")[0].split("=", 1)[1]
    assert token not in token_hashes and all(len(h) == 64 for h in token_hashes)


def test_set_up_link_works_once_and_expires_after_24_hours(staff_app, clock_):
    token = add(staff_app, "late@council.gov.uk")
    clock_.advance(hours=24, seconds=1)
    response = staff_app.test_client().get(f"/staff/setup/{token}")
    assert response.status_code == 404 and "This set-up link does not work" in page_text(response)
    client = staff_app.test_client()
    set_up(staff_app, client, clock_, "once@council.gov.uk")
    with staff_app.app_context(), db.session() as s:
        assert (
            s.scalar(select(StaffAccount.setup_token_hash).where(StaffAccount.email == "once@council.gov.uk")) is None
        )
    assert staff_app.test_client().get("/staff/setup/wrong-token").status_code == 404


def secret_on(page):
    return re.search(r'<p class="secret">([A-Z2-7 ]+)</p>', page.get_data(as_text=True)).group(1).replace(" ", "")


def refused_link(client, token):
    """Opening a spent link: the used-link page, and no way on to either set-up step."""
    response = client.get(f"/staff/setup/{token}")
    assert response.status_code == 404
    text = page_text(response)
    assert "This set-up link does not work" in text and "used already" in text and "Ask an admin" in text
    for step in ("/staff/setup", "/staff/setup/second-factor"):
        assert client.get(step).location.endswith("/staff/sign-in")


def test_a_set_up_link_is_spent_when_opened_and_its_owner_still_finishes(staff_app, clock_):
    """Anyone else holding the link (a forwarded e-mail, a shared mailbox) once skipped the owner's password and
    saw their second-factor secret, until the owner finished."""
    token = add(staff_app, "owner@council.gov.uk")
    owner = staff_app.test_client()
    assert open_setup_link(owner, token).location.endswith("/staff/setup")
    assert "Finish in this browser" in page_text(owner.get("/staff/setup"))
    refused_link(staff_app.test_client(), token)
    assert post_form(owner, "/staff/setup", {"password": PASSWORD, "password_again": PASSWORD}).status_code == 302
    refused_link(staff_app.test_client(), token)
    page = owner.get("/staff/setup/second-factor")
    done = post_form(owner, "/staff/setup/second-factor", {"code": clock_.totp(secret_on(page))}, page)
    assert "Your recovery codes" in page_text(done)
    assert "Signed in as owner@council.gov.uk" in page_text(owner.get("/staff/"))
    refused_link(staff_app.test_client(), token)


def test_opening_the_link_spends_nothing_only_its_button_does(staff_app, clock_):
    """E-mail systems that check links (Microsoft's Safe Links and others) open a link before its owner does."""
    token = add(staff_app, "checked.mail@council.gov.uk")
    for _ in range(3):
        checker = staff_app.test_client().get(f"/staff/setup/{token}")
        assert checker.status_code == 200 and "Start setting up" in page_text(checker)
    owner = staff_app.test_client()
    assert open_setup_link(owner, token).location.endswith("/staff/setup")
    assert "Choose a password" in page_text(owner.get("/staff/setup"))
    assert open_setup_link(staff_app.test_client(), token).status_code == 404


def test_a_reset_gives_a_new_link_that_also_works_once(staff_app, clock_):
    admin = staff_app.test_client()
    set_up(staff_app, admin, clock_, "admin@council.gov.uk", role="admin")
    staff = set_up(staff_app, staff_app.test_client(), clock_, "reset@council.gov.uk")
    with staff_app.app_context(), db.session() as s:
        account_id = s.scalar(select(StaffAccount.id).where(StaffAccount.email == staff.email))
    reset = post_form(admin, f"/staff/admin/accounts/{account_id}", {"action": "reset"})
    link = re.search(r'<p class="setup-link">[^<]*(/staff/setup/[^<]+)</p>', reset.get_data(as_text=True)).group(1)
    owner = staff_app.test_client()
    assert open_setup_link(owner, link.rsplit("/", 1)[1]).location.endswith("/staff/setup")
    refused_link(staff_app.test_client(), link.rsplit("/", 1)[1])
    assert post_form(owner, "/staff/setup", {"password": PASSWORD, "password_again": PASSWORD}).status_code == 302
    page = owner.get("/staff/setup/second-factor")
    done = post_form(owner, "/staff/setup/second-factor", {"code": clock_.totp(secret_on(page))}, page)
    assert "Your recovery codes" in page_text(done)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "at least 12 characters"),
        ("qwertyuiop123", "too easy to guess"),
        ("aaaaaaaaaaaaaaaa", "too easy to guess"),
    ],
)
def test_password_rules(staff_app, clock_, password, message):
    client = staff_app.test_client()
    open_setup_link(client, add(staff_app, "rules@council.gov.uk"))
    response = post_form(client, "/staff/setup", {"password": password, "password_again": password})
    assert response.status_code == 400
    text = page_text(response)
    assert message in text
    assert password not in response.get_data(as_text=True)  # a password is never written back into the page


def test_wrong_code_then_recovery_code_works_once(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "r@council.gov.uk")
    client = staff_app.test_client()
    wrong = sign_in(client, clock_, staff, code="000000" if clock_.totp(staff.secret) != "000000" else "111111")
    assert wrong.status_code == 400 and "That code is not right" in page_text(wrong)
    used = post_form(client, "/staff/sign-in/code", {"code": staff.codes[0].lower()})
    assert used.status_code == 302
    again = staff_app.test_client()
    refused = sign_in(again, clock_, staff, code=staff.codes[0])
    assert refused.status_code == 400
    assert "Recovery codes left: 9" in page_text(client.get("/staff/"))


def test_the_same_totp_code_is_not_accepted_twice(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "replay@council.gov.uk")
    code = clock_.totp(staff.secret)
    assert sign_in(staff_app.test_client(), clock_, staff, code=code).status_code == 302
    clock_.advance(seconds=-30)  # still within the window where that code is valid
    assert sign_in(staff_app.test_client(), clock_, staff, code=code).status_code == 400


def test_failed_passwords_slow_down_then_lock_the_account(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "lock@council.gov.uk")
    client = staff_app.test_client()
    for _ in range(3):
        response = post_form(client, "/staff/sign-in", {"email": staff.email, "password": "wrong password!"})
        assert "is not right" in page_text(response)
    too_soon = post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    assert "Wait" in page_text(too_soon) and too_soon.status_code == 400  # even the right password waits
    for _ in range(7):
        clock_.advance(seconds=61)
        post_form(client, "/staff/sign-in", {"email": staff.email, "password": "wrong password!"})
    clock_.advance(seconds=61)
    locked = post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    assert "This account is locked" in page_text(locked)
    # The count lives in the database: another app on the same database (another process) agrees.
    with staff_app.app_context(), db.session() as s:
        assert s.scalar(select(StaffAccount.locked_until).where(StaffAccount.email == staff.email)) is not None
    clock_.advance(minutes=16)
    assert sign_in(staff_app.test_client(), clock_, staff).status_code == 302


def test_a_wrong_password_gets_the_same_answer_for_an_unknown_address_and_a_waiting_or_locked_account(
    staff_app, clock_, monkeypatch
):
    """From the third wrong password a real account's answer added "Too many failed tries" or "This account is
    locked", and came before the password was checked (a few ms, not ~150): both told which addresses exist."""
    staff = set_up(staff_app, staff_app.test_client(), clock_, "real@council.gov.uk")
    checked = []
    verify = passwords.verify
    monkeypatch.setattr(passwords, "verify", lambda *args: checked.append(1) or verify(*args))
    client = staff_app.test_client()

    def wrong(email):
        before = len(checked)
        response = post_form(client, "/staff/sign-in", {"email": email, "password": "wrong password!"})
        assert len(checked) == before + 1  # the password was checked, known address or not
        return response.status_code, page_text(response)

    for _ in range(12):  # slowed down from the 4th, locked from the 11th
        real, unknown = wrong(staff.email), wrong("nobody@council.gov.uk")
        assert real == unknown == (400, unknown[1])
        assert "The e-mail address or password is not right." in real[1]
        assert "locked" not in real[1] and "Wait" not in real[1]
    with staff_app.app_context(), db.session() as s:  # the wrong tries still counted, and locked the account
        assert s.scalar(select(StaffAccount.locked_until).where(StaffAccount.email == staff.email)) is not None
    # Its owner, who knows the password, is told.
    locked = post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    assert locked.status_code == 400 and "This account is locked" in page_text(locked)


def test_idle_and_absolute_timeouts(staff_app, clock_):
    client = staff_app.test_client()
    set_up(staff_app, client, clock_, "idle@council.gov.uk")
    clock_.advance(minutes=29)
    assert client.get("/staff/").status_code == 200
    clock_.advance(minutes=30, seconds=1)
    ended = client.get("/staff/")
    assert ended.location.endswith("/staff/sign-in?ended=1")  # told why, not only asked to sign in
    assert "You were signed out. To keep families' information safe, this happens after 30 minutes" in page_text(
        client.get(ended.location)
    )
    assert client.get("/staff/").location.endswith("/staff/sign-in")  # the ended session's cookie is gone now
    client = staff_app.test_client()
    set_up(staff_app, client, clock_, "abs@council.gov.uk")
    answers = []
    for _ in range(26):  # busy all day, never idle for 30 minutes
        clock_.advance(minutes=29)
        answers.append(client.get("/staff/").status_code)
    # 24 x 29 minutes is 11.6 hours: still signed in; 25 x 29 minutes is over 12 hours: signed out.
    assert answers[:24] == [200] * 24 and answers[24:] == [302, 302]
    with staff_app.app_context(), db.session() as s:
        assert s.scalar(select(func.count()).select_from(StaffSession)) == 0


def test_sign_out_and_sign_out_everywhere(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "everywhere@council.gov.uk")
    laptop, phone, tablet = (staff_app.test_client() for _ in range(3))
    for browser in (laptop, phone, tablet):
        assert sign_in(browser, clock_, staff).status_code == 302
    result = post_form(laptop, "/staff/sign-out-everywhere", {}, laptop.get("/staff/"))
    assert "signed out everywhere else (3 other sessions)" in page_text(result)  # incl. the set-up browser
    assert phone.get("/staff/").location.endswith("/staff/sign-in?ended=1")  # told they were signed out
    assert tablet.get("/staff/").location.endswith("/staff/sign-in?ended=1")
    assert laptop.get("/staff/").status_code == 200
    out = post_form(laptop, "/staff/sign-out", {}, laptop.get("/staff/"))
    assert out.location.endswith("/staff/signed-out")
    assert laptop.get("/staff/").location.endswith("/staff/sign-in")


def test_sign_in_makes_a_new_session(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "fixation@council.gov.uk")
    client = staff_app.test_client()
    first = post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    half = first.headers["Set-Cookie"].split(";")[0]
    second = post_form(client, "/staff/sign-in/code", {"code": clock_.totp(staff.secret)})
    full = second.headers["Set-Cookie"].split(";")[0]
    assert half != full
    with staff_app.app_context(), db.session() as s:
        assert s.scalar(select(func.count()).select_from(StaffSession).where(StaffSession.stage == "password")) == 0


def test_form_without_csrf_token_is_refused(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "csrf@council.gov.uk")
    client = staff_app.test_client()
    client.get("/staff/sign-in")
    response = client.post("/staff/sign-in", data={"email": staff.email, "password": PASSWORD})
    assert response.status_code == 400 and "The form has expired" in page_text(response)


def test_unknown_email_gets_the_same_answer_and_the_typed_email_is_kept(staff_app, clock_):
    response = post_form(staff_app.test_client(), "/staff/sign-in", {"email": "nobody@x.org", "password": "x" * 12})
    assert response.status_code == 400
    text = page_text(response)
    assert "The e-mail address or password is not right." in text
    assert 'value="nobody@x.org"' in response.get_data(as_text=True)
    assert 'value="xxxxxxxxxxxx"' not in response.get_data(as_text=True)


def test_disabled_account_cannot_sign_in_and_loses_its_sessions(staff_app, clock_):
    admin_client = staff_app.test_client()
    set_up(staff_app, admin_client, clock_, "admin@council.gov.uk", role="admin")
    worker_client = staff_app.test_client()
    worker = set_up(staff_app, worker_client, clock_, "gone@council.gov.uk")
    with staff_app.app_context(), db.session() as s:
        worker_id = s.scalar(select(StaffAccount.id).where(StaffAccount.email == worker.email))
    path = f"/staff/admin/accounts/{worker_id}"
    post_form(admin_client, path, {"action": "disable"})
    assert worker_client.get("/staff/").location.endswith("/staff/sign-in?ended=1")
    assert sign_in(staff_app.test_client(), clock_, worker).status_code == 400


def test_rotating_keys_re_encrypts_second_factor_secrets(any_db_url, app_on, clock_):
    from cryptography.fernet import Fernet

    from .support.apps import TEST_KEY

    old = app_on(any_db_url)
    db.upgrade(any_db_url)
    staff = set_up(old, old.test_client(), clock_, "rotate@council.gov.uk")
    new_key = Fernet.generate_key().decode()
    both = app_on(any_db_url, ENCRYPTION_KEY=f"{new_key},{TEST_KEY}")
    with both.app_context():
        result = both.test_cli_runner().invoke(args=["keys", "rotate"])
    assert "Re-encrypted 1 staff second-factor secret(s)" in result.output and result.exit_code == 0
    new_only = app_on(any_db_url, ENCRYPTION_KEY=new_key)
    assert sign_in(new_only.test_client(), clock_, staff).status_code == 302


def test_production_cookie_is_secure_and_named_secure(app_on, tmp_path, clock_, monkeypatch):
    from familyguide import config

    monkeypatch.setenv("FAMILYGUIDE_ENV", "production")
    settings = config.from_environment()
    names = {name: value for name, value in settings.items() if name.startswith("STAFF_") and "COOKIE_NAME" in name}
    assert names == {
        "STAFF_COOKIE_NAME": "__Secure-staff",
        "STAFF_PRE_COOKIE_NAME": "__Secure-staff_pre",
        "STAFF_SSO_COOKIE_NAME": "__Secure-staff_sso",
        "STAFF_DEVICE_COOKIE_NAME": "__Secure-staff_device",
    }
    assert settings["STAFF_COOKIE_SECURE"] is True
    monkeypatch.setenv("FAMILYGUIDE_ENV", "test")
    app = app_on(f"sqlite:///{tmp_path / 'p.sqlite3'}", STAFF_COOKIE_SECURE=True, **names)
    db.upgrade(app.config["DATABASE_URL"])
    client = app.test_client()
    page = client.get("/staff/sign-in", base_url="https://localhost")
    assert "__Secure-staff_pre=" in page.headers["Set-Cookie"] and "Secure" in page.headers["Set-Cookie"]
    add(app, "secure@council.gov.uk")
    response = client.post(
        "/staff/sign-in",
        base_url="https://localhost",
        data={"email": "nobody@council.gov.uk", "password": "x" * 12, "csrf_token": csrf_token(page)},
    )
    assert response.status_code == 400 and "is not right" in text_of(response.get_data(as_text=True))


def test_half_way_through_signing_in_one_can_start_again(staff_app, clock_):
    staff = set_up(staff_app, staff_app.test_client(), clock_, "again@council.gov.uk")
    client = staff_app.test_client()
    post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    again = client.get("/staff/sign-in")
    assert again.status_code == 200 and "Sign in" in page_text(again)
    assert sign_in(client, clock_, staff).status_code == 302
    assert client.get("/staff/sign-in").location.endswith("/staff/")
