"""Council single sign-on through OpenID Connect (Microsoft Entra ID, Google Workspace or any other).

Authorization code flow with PKCE (S256), through Authlib's OAuth2 client; the provider's endpoints and keys
come from its discovery document. state, nonce and the PKCE verifier are kept on the server (OidcFlow), found
through a short-lived cookie, and used once. The ID token's RS256 signature is checked against the provider's
published keys, and its issuer, audience, expiry, issue time and nonce are checked (joserfc, from Authlib's
authors). The e-mail must be verified, in an allowed domain, and already added by an admin: the role is ours.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, timedelta

import requests
from authlib.integrations.requests_client import OAuth2Session
from flask import current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import delete, select

from .. import clock, db
from ..models import OidcFlow
from . import accounts, audit
from .hashing import keyed_hash

TIMEOUT_SECONDS = 10
REFUSED = _l("Single sign-on did not work. Try again, or ask an admin to check your account.")
NOT_ADDED = _l("You do not have an account here yet. Ask an admin to add your e-mail address.")


@dataclass
class Outcome:
    ok: bool
    account: object = None
    message: str = ""
    reason: str = ""  # for the log: which check failed (never a token)


def enabled():
    return bool(current_app.config.get("OIDC_ISSUER"))


def _get_json(url):
    response = requests.get(url, timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    return response.json()


def discovery():
    """The provider's discovery document, fetched once per app."""
    cache = current_app.extensions.setdefault("familyguide.oidc", {})
    if "metadata" not in cache:
        metadata = _get_json(current_app.config["OIDC_ISSUER"] + "/.well-known/openid-configuration")
        if metadata.get("issuer", "").rstrip("/") != current_app.config["OIDC_ISSUER"]:
            raise ValueError("the discovery document names another issuer")
        cache["metadata"] = metadata
    return cache["metadata"]


def _keys(refresh=False):
    cache = current_app.extensions.setdefault("familyguide.oidc", {})
    if refresh or "jwks" not in cache:
        cache["jwks"] = KeySet.import_key_set(_get_json(discovery()["jwks_uri"]))
    return cache["jwks"]


def _client():
    cfg = current_app.config
    return OAuth2Session(
        cfg["OIDC_CLIENT_ID"],
        cfg["OIDC_CLIENT_SECRET"],
        scope="openid email profile",
        redirect_uri=url_for("staff.sso_callback", _external=True),
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_post",
        timeout=TIMEOUT_SECONDS,
    )


def _cookie_name():
    return current_app.config["STAFF_SSO_COOKIE_NAME"]


def start_redirect():
    """Send the browser to the provider, with a fresh state, nonce and PKCE verifier kept here."""
    flow_token, state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    url, _ = _client().create_authorization_url(
        discovery()["authorization_endpoint"], state=state, code_verifier=verifier, nonce=nonce
    )
    with db.session() as s:
        s.add(
            OidcFlow(
                flow_hash=keyed_hash("sso", flow_token),
                state=state,
                nonce=nonce,
                code_verifier=verifier,
                created_at=clock.now(),
            )
        )
    response = redirect(url)
    # Lax, not Strict: the provider sends the browser back from its own site, a cross-site navigation.
    response.set_cookie(
        _cookie_name(),
        flow_token,
        max_age=timedelta(minutes=current_app.config["STAFF_SSO_MINUTES"]),
        path="/staff/sign-in/sso",
        secure=current_app.config["STAFF_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def _take_flow():
    """The flow this browser started, removed so it is used once (a replayed callback finds nothing)."""
    token = request.cookies.get(_cookie_name())
    if not token:
        return None
    with db.session() as s:
        flow = s.scalar(select(OidcFlow).where(OidcFlow.flow_hash == keyed_hash("sso", token)))
        if flow is not None:
            s.execute(delete(OidcFlow).where(OidcFlow.flow_hash == flow.flow_hash))
    if flow is None or clock.now() - flow.created_at > timedelta(minutes=current_app.config["STAFF_SSO_MINUTES"]):
        return None
    return flow


def _claims(id_token, nonce):
    cfg = current_app.config
    try:
        token = jwt.decode(id_token, _keys(), algorithms=["RS256"])
    except JoseError:
        token = jwt.decode(id_token, _keys(refresh=True), algorithms=["RS256"])  # the provider rotated its keys
    registry = jwt.JWTClaimsRegistry(
        now=lambda: int(clock.now().replace(tzinfo=UTC).timestamp()),
        leeway=60,
        iss={"essential": True, "value": cfg["OIDC_ISSUER"]},
        aud={"essential": True, "value": cfg["OIDC_CLIENT_ID"]},
        exp={"essential": True},
        iat={"essential": True},
        sub={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    registry.validate(token.claims)
    return token.claims


def _email(claims):
    email = accounts.normalise_email(claims.get("email") or claims.get("preferred_username") or "")
    # Entra ID sends no email_verified; Google sends it and it must be true.
    if claims.get("email_verified") is False:
        return None
    return email


def finish():
    """Check what the provider sent back; the account to sign in, or a refusal."""
    flow = _take_flow()
    if flow is None:
        return _refused("no sign-in started in this browser, or it was used already")
    if request.args.get("error"):
        return _refused("the provider said no")
    if not secrets.compare_digest(request.args.get("state", ""), flow.state):
        return _refused("state does not match")
    try:
        tokens = _client().fetch_token(
            discovery()["token_endpoint"],
            code=request.args.get("code", ""),
            code_verifier=flow.code_verifier,
        )
        claims = _claims(tokens.get("id_token", ""), flow.nonce)
    except (JoseError, ValueError, requests.RequestException) as error:
        return _refused(f"ID token or token exchange refused: {type(error).__name__}")
    email = _email(claims)
    if not email or email.rpartition("@")[2] not in current_app.config["OIDC_ALLOWED_DOMAINS"]:
        return _refused("e-mail not verified or outside the allowed domains")
    account = accounts.find_by_email(email)
    if account is None or account.disabled:
        return _refused("no account for this e-mail", NOT_ADDED)
    return Outcome(True, account=account)


def _refused(reason, message=REFUSED):
    audit.record("sign_in_failed", target="single sign-on")
    return Outcome(False, message=str(message), reason=reason)
