"""Known devices: wrong passwords typed anywhere else cannot lock a worker out of the browser they sign in on,
and tries from that browser are counted on it alone (familyguide/staff/devices.py). On SQLite and PostgreSQL."""

import re
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from familyguide import db
from familyguide.models import AuditEntry, StaffAccount, StaffDevice
from familyguide.staff import devices

from .support.pagecheck import text_of
from .support.staff import PASSWORD, post_form, set_up, sign_in

WRONG = "not the password!"
DEVICE_COOKIE = "staff_device"


def wrong_passwords(client, staff, times):
    """``times`` wrong passwords from ``client``; the answer to each."""
    return [
        text_of(post_form(client, "/staff/sign-in", {"email": staff.email, "password": WRONG}).get_data(as_text=True))
        for _ in range(times)
    ]


def password_answer(client, staff):
    """What the first step answers the right password from ``client``: the page's words, or "" when it goes on."""
    response = post_form(client, "/staff/sign-in", {"email": staff.email, "password": PASSWORD})
    return "" if response.status_code == 302 else text_of(response.get_data(as_text=True))


def sign_out(client):
    assert post_form(client, "/staff/sign-out", {}, client.get("/staff/")).status_code == 302


def stored(app, *columns, **where):
    with app.app_context(), db.session() as s:
        statement = select(*columns)
        for name, value in where.items():
            statement = statement.where(getattr(columns[0].class_, name) == value)
        return s.execute(statement).all()


def test_someone_guessing_elsewhere_cannot_lock_a_worker_out_of_their_own_browser(any_app, clock_):
    laptop = any_app.test_client()
    staff = set_up(any_app, laptop, clock_, "known@council.gov.uk")  # set up on it: a known device now
    sign_out(laptop)
    elsewhere = any_app.test_client()
    answers = wrong_passwords(elsewhere, staff, 10)
    assert all("The e-mail address or password is not right." in answer for answer in answers)
    assert "This account is locked" in password_answer(elsewhere, staff)  # the guesser's side is locked
    assert "This account is locked" in password_answer(any_app.test_client(), staff)  # and any new browser
    # The worker's own browser still signs in, and its count was never touched.
    assert sign_in(laptop, clock_, staff).location.endswith("/staff/")
    assert laptop.get("/staff/").status_code == 200
    [(failed, locked)] = stored(any_app, StaffDevice.failed_count, StaffDevice.locked_until)
    assert failed == 0 and locked is None
    [(account_locked,)] = stored(any_app, StaffAccount.locked_until, email=staff.email)
    assert account_locked is not None  # signing in on the known device does not unlock it for the guesser
    assert "This account is locked" in password_answer(elsewhere, staff)
    with any_app.app_context(), db.session() as s:
        trail = [(e.action, e.target) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert trail.count(("sign_in_failed", None)) == 10 and ("lockout", None) in trail


def test_wrong_tries_from_a_known_device_lock_that_device_only(any_app, clock_):
    laptop = any_app.test_client()
    staff = set_up(any_app, laptop, clock_, "mine@council.gov.uk")
    sign_out(laptop)
    answers = wrong_passwords(laptop, staff, 3)
    assert all("is not right" in answer for answer in answers)
    assert "Too many failed tries. Wait" in password_answer(laptop, staff)  # slowed down, as an account is
    for _ in range(7):
        clock_.advance(seconds=61)
        wrong_passwords(laptop, staff, 1)
    clock_.advance(seconds=61)
    assert "Too many failed tries on this device. Try again here in 14 minutes" in password_answer(laptop, staff)
    # The account is not locked: the worker can sign in on another device.
    [(account_failed, account_locked)] = stored(
        any_app, StaffAccount.failed_count, StaffAccount.locked_until, email=staff.email
    )
    assert account_failed == 0 and account_locked is None
    assert sign_in(any_app.test_client(), clock_, staff).location.endswith("/staff/")
    clock_.advance(minutes=16)
    assert sign_in(laptop, clock_, staff).location.endswith("/staff/")
    with any_app.app_context(), db.session() as s:
        trail = [(e.action, e.target) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert trail.count(("sign_in_failed", "known device")) == 10 and ("device_lockout", None) in trail
    assert ("lockout", None) not in trail


def test_wrong_second_factor_codes_on_a_known_device_count_on_it(any_app, clock_):
    laptop = any_app.test_client()
    staff = set_up(any_app, laptop, clock_, "codes@council.gov.uk")
    sign_out(laptop)
    wrong_code = "000000" if clock_.totp(staff.secret) != "000000" else "111111"
    refused = sign_in(laptop, clock_, staff, code=wrong_code)
    assert refused.status_code == 400 and "That code is not right" in text_of(refused.get_data(as_text=True))
    [(device_failed,)] = stored(any_app, StaffDevice.failed_count)
    [(account_failed,)] = stored(any_app, StaffAccount.failed_count, email=staff.email)
    assert (device_failed, account_failed) == (1, 0)
    assert sign_in(laptop, clock_, staff).location.endswith("/staff/")
    [(device_failed,)] = stored(any_app, StaffDevice.failed_count)
    assert device_failed == 0  # a sign-in starts its count again


def test_the_device_cookie_opens_nothing_and_is_its_own_accounts(any_app, clock_):
    laptop = any_app.test_client()
    first = set_up(any_app, laptop, clock_, "first@council.gov.uk")
    cookie = laptop.get_cookie(DEVICE_COOKIE, path="/staff")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Strict"
    assert cookie.max_age == int(timedelta(days=90).total_seconds())
    with any_app.app_context(), db.session() as s:  # only a keyed hash of it is stored
        [device] = s.scalars(select(StaffDevice)).all()
        assert cookie.value not in device.token_hash and device.account_id is not None
    # With only the device cookie (no session), nothing opens.
    stranger = any_app.test_client()
    stranger.set_cookie(DEVICE_COOKIE, cookie.value, path="/staff")
    assert stranger.get("/staff/").location.endswith("/staff/sign-in")
    # Another account's tries from that browser count on that account, not on the device.
    second = set_up(any_app, any_app.test_client(), clock_, "second@council.gov.uk")
    wrong_passwords(stranger, second, 10)
    assert "This account is locked" in password_answer(stranger, second)
    [(failed, locked)] = stored(
        any_app, StaffDevice.failed_count, StaffDevice.locked_until, account_id=device.account_id
    )
    assert failed == 0 and locked is None
    sign_out(laptop)
    assert sign_in(laptop, clock_, first).location.endswith("/staff/")


def known_devices(app, staff):
    [(account_id,)] = stored(app, StaffAccount.id, email=staff.email)
    return len(stored(app, StaffDevice.token_hash, account_id=account_id))


def test_devices_are_forgotten_when_unused_when_signing_out_everywhere_and_on_a_reset(any_app, clock_):
    admin = any_app.test_client()
    admin_staff = set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    laptop, phone = any_app.test_client(), any_app.test_client()
    staff = set_up(any_app, laptop, clock_, "forget@council.gov.uk")
    assert sign_in(phone, clock_, staff).status_code == 302
    assert known_devices(any_app, staff) == 2
    # Signing out everywhere else forgets the other devices, not this one.
    post_form(laptop, "/staff/sign-out-everywhere", {}, laptop.get("/staff/"))
    assert known_devices(any_app, staff) == 1
    wrong_passwords(phone, staff, 10)  # the phone is a stranger now: its tries lock the account
    assert "This account is locked" in password_answer(any_app.test_client(), staff)
    clock_.advance(minutes=16)
    # A device not used to sign in for STAFF_DEVICE_DAYS is forgotten by the purge.
    clock_.advance(days=89)
    with any_app.test_request_context():
        assert devices.purge() == 0
    assert sign_in(laptop, clock_, staff).status_code == 302  # signing in keeps it for another 90 days
    clock_.advance(days=1)
    with any_app.test_request_context():
        assert devices.purge() == 1  # the admin's set-up browser, not used since
    clock_.advance(days=88)
    with any_app.test_request_context():
        assert devices.purge() == 0
    clock_.advance(days=1, seconds=1)
    with any_app.test_request_context():
        assert devices.purge() == 1  # the laptop's
    assert known_devices(any_app, staff) == 0
    # An admin's reset of the account's sign-in forgets its devices.
    assert sign_in(laptop, clock_, staff).status_code == 302
    assert known_devices(any_app, staff) == 1
    [(account_id,)] = stored(any_app, StaffAccount.id, email=staff.email)
    assert sign_in(admin, clock_, admin_staff).location.endswith("/staff/")  # its session timed out long ago
    reset = post_form(admin, f"/staff/admin/accounts/{account_id}", {"action": "reset"})
    assert re.search(r"/staff/setup/", reset.get_data(as_text=True))
    assert known_devices(any_app, staff) == 0


# What a browser may send as a cookie's value: any printable ASCII but the separators, up to a long token.
COOKIE_VALUES = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters=';,"\\'))


def test_any_device_cookie_a_browser_can_send_is_a_stranger_unless_it_is_the_real_one(any_app, clock_):
    """Whatever the device cookie holds (empty, garbage, another account's real token), the sign-in answers as
    it does without one, and the tries count on the account; only the device's own token counts on it."""
    laptop = any_app.test_client()
    staff = set_up(any_app, laptop, clock_, "fuzzed@council.gov.uk")
    real = laptop.get_cookie(DEVICE_COOKIE, path="/staff").value
    other = set_up(any_app, any_app.test_client(), clock_, "other@council.gov.uk")

    def counts():
        [(account,)] = stored(any_app, StaffAccount.failed_count, email=staff.email)
        devices_failed = sorted(failed for (failed,) in stored(any_app, StaffDevice.failed_count))
        return account, devices_failed

    def start_again():
        with any_app.app_context(), db.session() as s:
            s.execute(update(StaffAccount).values(failed_count=0, last_failed_at=None, locked_until=None))
            s.execute(update(StaffDevice).values(failed_count=0, last_failed_at=None, locked_until=None))

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(value=st.just(real) | COOKIE_VALUES)
    def a_stranger(value):
        start_again()
        browser = any_app.test_client()
        browser.set_cookie(DEVICE_COOKIE, value, path="/staff")
        assert "is not right" in wrong_passwords(browser, staff, 1)[0]
        assert counts() == ((0, [0, 1]) if value == real else (1, [0, 0]))
        assert password_answer(browser, staff) == ""  # the right password goes on to the second step

    a_stranger()
    start_again()
    borrowed = any_app.test_client()  # the laptop's real token, sent for another account: a stranger there
    borrowed.set_cookie(DEVICE_COOKIE, real, path="/staff")
    wrong_passwords(borrowed, other, 1)
    [(others_failed,)] = stored(any_app, StaffAccount.failed_count, email=other.email)
    assert others_failed == 1 and counts() == (0, [0, 0])
