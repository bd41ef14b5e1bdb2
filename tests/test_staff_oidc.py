"""Council single sign-on against a real (small) OpenID Connect provider on the loopback address."""

import pytest
import requests
from joserfc.jwk import RSAKey
from sqlalchemy import select

from familyguide import db
from familyguide.models import AuditEntry

from .support.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider
from .support.pagecheck import text_of
from .support.staff import add, post_form


@pytest.fixture
def provider(monkeypatch):
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the test provider is plain http on 127.0.0.1
    with running_provider() as running:
        yield running


@pytest.fixture
def sso_app(any_db_url, app_on, provider):
    app = app_on(
        any_db_url,
        OIDC_ISSUER=provider.issuer,
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_ALLOWED_DOMAINS=["council.gov.uk"],
    )
    db.upgrade(any_db_url)
    return app


def sign_in_through(provider, client):
    """The browser's trip: our button, the provider's page, back to our callback. Returns our answer."""
    start = post_form(client, "/staff/sign-in/sso", {}, client.get("/staff/sign-in"))
    assert start.status_code == 302 and start.location.startswith(provider.issuer + "/authorize?")
    back = requests.get(start.location, allow_redirects=False, timeout=10)
    assert back.status_code == 302
    callback = back.headers["Location"].replace("http://localhost", "")
    return client.get(callback), callback


def test_sign_in_end_to_end_with_pkce_and_a_signed_id_token(sso_app, provider):
    add(sso_app, "worker@council.gov.uk", role="manager")
    client = sso_app.test_client()
    response, callback = sign_in_through(provider, client)
    assert response.status_code == 302 and response.location.endswith("/staff/")
    # The flow's cookie is the one the cookies page names, for the callback alone, for 10 minutes; signing in
    # at the council's provider makes no known device (that is for the password and second factor).
    flow = client.get_cookie(sso_app.config["STAFF_SSO_COOKIE_NAME"], path="/staff/sign-in/sso")
    assert flow is not None and flow.max_age == 600 and flow.http_only and flow.same_site == "Lax"
    assert client.get_cookie(sso_app.config["STAFF_DEVICE_COOKIE_NAME"], path="/staff") is None
    home = text_of(client.get("/staff/").get_data(as_text=True))
    assert "Signed in as worker@council.gov.uk Role Manager" in home  # our role, not the provider's
    assert provider.token_requests[-1]["code_verifier"]
    # The same callback again (a replayed nonce and state): the flow was used once and is gone.
    again = sso_app.test_client()
    replay = again.get(callback)
    assert replay.status_code == 400 and "Single sign-on did not work" in text_of(replay.get_data(as_text=True))
    with sso_app.app_context(), db.session() as s:
        assert [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))][-2:] == [
            "sign_in",
            "sign_in_failed",
        ]


REFUSALS = {
    "wrong audience": {"aud": "someone-else"},
    "expired": {"exp": 1_000_000_000, "iat": 999_999_000},
    "another issuer": {"iss": "https://evil.example"},
    "replayed nonce": {"_nonce": "a-nonce-from-an-earlier-sign-in"},
    "no nonce": {"_nonce": None},
}


@pytest.mark.parametrize("change", REFUSALS.values(), ids=REFUSALS.keys())
def test_refused_id_tokens(sso_app, provider, change):
    add(sso_app, "worker@council.gov.uk")
    provider.overrides.update(change)
    response, _ = sign_in_through(provider, sso_app.test_client())
    assert response.status_code == 400
    assert "Single sign-on did not work" in text_of(response.get_data(as_text=True))


def test_a_bad_signature_is_refused(sso_app, provider):
    add(sso_app, "worker@council.gov.uk")
    provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    response, _ = sign_in_through(provider, sso_app.test_client())
    assert response.status_code == 400


def test_an_email_outside_the_allowed_domains_is_refused(sso_app, provider):
    add(sso_app, "worker@elsewhere.org")
    provider.email = "worker@elsewhere.org"
    response, _ = sign_in_through(provider, sso_app.test_client())
    assert response.status_code == 400 and "Single sign-on did not work" in text_of(response.get_data(as_text=True))


def test_an_email_no_admin_added_gets_no_account(sso_app, provider):
    provider.email = "stranger@council.gov.uk"
    client = sso_app.test_client()
    response, _ = sign_in_through(provider, client)
    assert response.status_code == 400
    assert "Ask an admin to add your e-mail address" in text_of(response.get_data(as_text=True))
    assert client.get("/staff/").location.endswith("/staff/sign-in")


def test_a_callback_without_the_browser_that_started_it_is_refused(sso_app, provider):
    add(sso_app, "worker@council.gov.uk")
    start_client, other = sso_app.test_client(), sso_app.test_client()
    start = post_form(start_client, "/staff/sign-in/sso", {}, start_client.get("/staff/sign-in"))
    back = requests.get(start.location, allow_redirects=False, timeout=10)
    response = other.get(back.headers["Location"].replace("http://localhost", ""))  # login CSRF
    assert response.status_code == 400
