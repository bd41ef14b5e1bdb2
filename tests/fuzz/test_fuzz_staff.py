"""Any text, the whole of Unicode, in every staff form: sign-in, set-up (password and code), and the admin's
forms (add an account, add a team, filter the audit log). Nothing answers 500; a refusal says what is wrong,
and a password is never written back into a page."""

import itertools

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from ..support.pagecheck import text_of
from ..support.staff import add, csrf_token, open_setup_link, post_form, set_up
from .strategies import any_character

FUZZ_ACCOUNTS = itertools.count()
# All of Unicode but lone surrogates, which a browser cannot send (strategies.py); they crashed the test client.
ANY_TEXT = st.text(any_character, max_size=300)


ADMIN = {}


def password_fields(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").select("input[type=password]")


# Each example signs in, chooses a password and so on (argon2id on purpose costs time): a third of the budget.
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(email=ANY_TEXT, password=ANY_TEXT, code=ANY_TEXT, name=ANY_TEXT, who=ANY_TEXT, since=ANY_TEXT)
def test_no_staff_form_fails_on_any_text(fuzz_app, clock_, email, password, code, name, who, since):
    client = fuzz_app.test_client()
    page = client.get("/staff/sign-in")
    response = client.post(
        "/staff/sign-in", data={"email": email, "password": password, "csrf_token": csrf_token(page)}
    )
    assert response.status_code == 400
    assert "There is a problem" in text_of(response.get_data(as_text=True))
    assert all(not field.get("value") for field in password_fields(response))  # a password is never shown back
    # Setting up: any password, any code.
    setup = fuzz_app.test_client()
    open_setup_link(setup, add(fuzz_app, f"fuzz{next(FUZZ_ACCOUNTS)}@council.gov.uk"))
    form = setup.get("/staff/setup")
    answer = setup.post(
        "/staff/setup", data={"password": password, "password_again": password, "csrf_token": csrf_token(form)}
    )
    assert answer.status_code in (302, 400)
    if answer.status_code == 302:
        page = setup.get("/staff/setup/second-factor")
        sent = setup.post("/staff/setup/second-factor", data={"code": code, "csrf_token": csrf_token(page)})
        assert sent.status_code in (200, 400)
    # An admin's forms: add an account, add a team, filter the audit log.
    if "client" not in ADMIN or ADMIN.get("clock") is not clock_:
        ADMIN["client"], ADMIN["clock"] = fuzz_app.test_client(), clock_
        set_up(fuzz_app, ADMIN["client"], clock_, f"admin{next(FUZZ_ACCOUNTS)}@council.gov.uk", role="admin")
    admin = ADMIN["client"]
    added = post_form(admin, "/staff/admin/accounts", {"email": email, "role": name, "team": who})
    assert added.status_code in (200, 400)
    assert added.status_code == 200 or "There is a problem" in text_of(added.get_data(as_text=True))
    assert post_form(admin, "/staff/admin/teams", {"name": name}).status_code in (200, 400)
    audit = admin.get("/staff/admin/audit", query_string={"who": who, "since": since, "action": name})
    assert audit.status_code in (200, 400)
