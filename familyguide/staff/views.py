"""Signing in and out, setting an account up, and the staff home page. Logic lives in accounts.py,
sessions.py and oidc.py; these views only ask and show."""

import segno
from flask import current_app, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

from .. import site
from ..text import clean_text
from . import accounts, audit, bp, devices, guard, language, oidc, sessions
from .accounts import AccountError


def page(template, status=200, **context):
    return render_template(f"staff/{template}", **context), status


@bp.get("/")
@guard.signed_in()
def home():
    return account_page()


@bp.post("/language")
@guard.signed_in()
def choose_language():
    code = request.form.get("language", "")
    if code not in language.CHOICES:
        return account_page(language_error=_("Choose English or Cymraeg."), status=400)
    language.save_choice(g.staff_account, code)
    return redirect(url_for("staff.home"), code=303)


def account_page(language_error=None, status=200):
    """The account page; ``language_error`` when the language chosen on it was not one offered."""
    return page(
        "home.html",
        status,
        account=g.staff_account,
        recovery_left=accounts.recovery_codes_left(g.staff_account),
        language_error=language_error,
        error=language_error,
    )


@bp.route("/sign-in", methods=["GET", "POST"])
@guard.public
def sign_in():
    if g.staff_session is not None and g.staff_session.stage == sessions.FULL and request.method == "GET":
        return redirect(url_for("staff.home"))  # half-way sessions may start again: signing in replaces them
    email, error = "", None
    if request.method == "POST":
        email = clean_text(request.form.get("email"))[:254]
        outcome = accounts.check_password(email, request.form.get("password", ""))
        if outcome.ok:
            sessions.start(outcome.account, sessions.PASSWORD_DONE)
            return redirect(url_for("staff.second_factor"))
        error = outcome.message
    ended = request.method == "GET" and request.args.get("ended") == "1"
    return page("sign_in.html", 400 if error else 200, email=email, error=error, sso=oidc.enabled(), ended=ended)


@bp.route("/sign-in/code", methods=["GET", "POST"])
@guard.second_factor_step
def second_factor():
    error = None
    if request.method == "POST":
        outcome = accounts.check_second_factor(g.staff_account, clean_text(request.form.get("code"))[:40])
        if outcome.ok:
            sessions.start(g.staff_account, sessions.FULL)
            return redirect(url_for("staff.home"))
        error = outcome.message
    return page("second_factor.html", 400 if error else 200, error=error)


@bp.post("/sign-out")
@guard.signed_in()
def sign_out():
    audit.record("sign_out", actor=g.staff_account)
    sessions.end_current()
    return redirect(url_for("staff.signed_out"))


@bp.get("/session")
@guard.time_left_check
def session_time_left():
    """How long this browser's session has left, for the page's warning (staff.js); asking is not activity."""
    return _time_left()


@bp.post("/session")
@guard.signed_in()
def stay_signed_in():
    """ "Stay signed in" in the warning: the request itself keeps the session alive (the guard touched it)."""
    return _time_left()


def _time_left():
    idle, absolute = sessions.seconds_left(g.staff_session)
    return {"idle": idle, "absolute": absolute}


@bp.get("/signed-out")
@guard.public
def signed_out():
    return page("signed_out.html")


@bp.post("/sign-out-everywhere")
@guard.signed_in()
def sign_out_everywhere():
    ended = sessions.end_others(g.staff_account.id)
    devices.forget_others(g.staff_account.id)
    audit.record("sign_out_everywhere", actor=g.staff_account, target=f"{ended} other session(s)")
    return page(
        "home.html", account=g.staff_account, ended=ended, recovery_left=accounts.recovery_codes_left(g.staff_account)
    )


# Setting an account up through its one-time link


@bp.get("/setup/<token>")
@guard.public
def open_setup_link(token):
    """The link's page: a button that uses it. Opening the link spends nothing, as the e-mail systems that check
    links before their owner sees them (Microsoft's Safe Links and others) open it too."""
    if not accounts.setup_link_works(token):
        return page("setup_link_expired.html", 404)
    return page("setup_start.html", token=token)


@bp.post("/setup/<token>")
@guard.public
def use_setup_link(token):
    if accounts.start_setup(token) is None:
        return page("setup_link_expired.html", 404)
    # The token leaves the address bar at once: the next pages do not carry it.
    return redirect(url_for("staff.setup"))


@bp.route("/setup", methods=["GET", "POST"])
@guard.setup_step
def setup():
    account = accounts.get(g.staff_account.id)
    if account.password_hash:
        return redirect(url_for("staff.setup_second_factor"))
    error = None
    if request.method == "POST":
        password, again = request.form.get("password", ""), request.form.get("password_again", "")
        try:
            if password != again:
                raise AccountError(_("The two passwords are not the same. Type them again."))
            accounts.set_password(account, password)
            return redirect(url_for("staff.setup_second_factor"))
        except AccountError as problem:
            error = str(problem)
    return page(
        "setup_password.html",
        400 if error else 200,
        account=account,
        error=error,
        min_length=accounts.passwords.MIN_LENGTH,
    )


def qr_svg(uri):
    """The QR code as inline SVG: drawn here (no request to any other site), no style attribute or element."""
    svg = segno.make(uri, error="m").svg_inline(omitsize=True, dark="#0b0c0c", light="#ffffff")
    name = escape(_("QR code for your authenticator app"))
    label = f'role="img" aria-label="{name}"'
    # Safe as Markup (bandit B704): segno's own markup of our own URI, which it escapes, and our label, escaped.
    return Markup(svg.replace("<svg ", f"<svg {label} ", 1))  # nosec


@bp.route("/setup/second-factor", methods=["GET", "POST"])
@guard.setup_step
def setup_second_factor():
    account = accounts.get(g.staff_account.id)
    if not account.password_hash:
        return redirect(url_for("staff.setup"))
    error = None
    if request.method == "POST":
        codes = accounts.confirm_second_factor(account, clean_text(request.form.get("code"))[:40])
        if codes:
            sessions.start(account, sessions.FULL)
            accounts.signed_in_with_second_factor(account)
            return page("recovery_codes.html", codes=codes)
        error = str(accounts.WRONG_CODE)
    secret = accounts.pending_secret(account)
    uri = accounts.provisioning_uri(account, secret)
    return page(
        "setup_second_factor.html",
        400 if error else 200,
        error=error,
        qr=qr_svg(uri),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


# Council single sign-on


@bp.post("/sign-in/sso")
@guard.public
def sign_in_sso():
    if not oidc.enabled():
        return page("sign_in.html", 404, email="", error=None, sso=False)
    return oidc.start_redirect()


@bp.get("/sign-in/sso/callback")
@guard.public
def sso_callback():
    if not oidc.enabled():
        return page("sign_in.html", 404, email="", error=None, sso=False)
    outcome = oidc.finish()
    if not outcome.ok:
        current_app.logger.info("Single sign-on refused: %s", outcome.reason)
        return page("sign_in.html", 400, email="", error=outcome.message, sso=True)
    sessions.start(outcome.account, sessions.FULL)
    accounts.signed_in(outcome.account)
    return redirect(url_for("staff.home"))


def _error_page(status, message):
    def handler(error):
        return page("error.html", status, message=str(message))

    return handler


bp.register_error_handler(
    400,
    _error_page(
        400,
        _l("The form has expired or was not sent from this site. Go back, load the page again and try once more."),
    ),
)
bp.register_error_handler(404, _error_page(404, _l("Page not found.")))

# What staff type in their forms that is worth showing back when it could not be saved; never a password, a
# second factor's code or a recovery code.
TYPED_FIELDS = ("reference", "name", "email", "age")


def _typed():
    if request.method != "POST":
        return ""
    try:
        return "\n".join(text for text in (clean_text(request.form.get(name)) for name in TYPED_FIELDS) if text)
    except RequestEntityTooLarge:
        return ""


@bp.errorhandler(OperationalError)
def database_away(error):
    """The database did not answer (stopped, locked, the network): a 503 in the staff area's own layout, with
    what was typed shown back. The staff cookie is left as it is: the session is still there when the database
    is back, with no restart."""
    site.log_unavailable(error)
    g.family_page = False  # the app's own checks may have failed before the guard said so: no family cookie here
    return page("unavailable.html", 503, typed=_typed())
