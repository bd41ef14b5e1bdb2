"""The one guard for every staff route.

Each view declares who may use it with one of the decorators below; the blueprint's before_request reads
that declaration and decides. A route with no declaration answers 404 (closed unless opened); a page for
another role, or for a translator another language, answers 404 (its existence is not revealed); a request
without a session goes to the sign-in page; and every POST must carry the staff CSRF token.
tests/test_staff_guard.py walks app.url_map to prove that every /staff/ route goes through here."""

from dataclasses import dataclass

from flask import abort, g, redirect, request, url_for
from flask_babel import gettext as _

from . import accounts, bp, csrf, devices, language, sessions
from .roles import ADMIN, EVERYONE, TRANSLATOR

NO_SESSION, FULL, PASSWORD_DONE, SETUP = "none", sessions.FULL, sessions.PASSWORD_DONE, sessions.SETUP


@dataclass(frozen=True)
class Rule:
    stage: str  # the session a request must have: none needed, half signed in, being set up, or full
    roles: tuple = ()  # for FULL: the roles allowed
    per_language: bool = (
        False  # the URL's <code> (a language) must be one of the account's languages (translation work)
    )
    touches: bool = True  # a request here keeps the session alive (not a page's script asking the time left)


RULES = {}  # endpoint -> Rule


def _declare(rule):
    def decorator(view):
        RULES[f"{bp.name}.{view.__name__}"] = rule
        return view

    return decorator


def public(view):
    """Anyone, signed in or not: the sign-in pages."""
    return _declare(Rule(NO_SESSION))(view)


def second_factor_step(view):
    """Half signed in: the password was right, the second factor is next."""
    return _declare(Rule(PASSWORD_DONE))(view)


def setup_step(view):
    """Setting up an account through its one-time link."""
    return _declare(Rule(SETUP))(view)


def signed_in(*roles):
    """Fully signed in, with one of ``roles`` (every role when none are named)."""
    return _declare(Rule(FULL, tuple(roles) or EVERYONE))


def time_left_check(view):
    """Fully signed in, any role; the request is not activity: it does not keep the session alive."""
    return _declare(Rule(FULL, EVERYONE, touches=False))(view)


def admin_only(view):
    return signed_in(ADMIN)(view)


def translation_work(view):
    """A translator, for the languages on their account only, and an admin (every language). Never a worker or
    a manager: they have no part in checking translations."""
    return _declare(Rule(FULL, (TRANSLATOR, ADMIN), per_language=True))(view)


@bp.before_request
def check():
    g.family_page = False  # no family cookie, quick-exit note or family layout here
    language.choose()  # the browser's languages, until the account is known
    rule = RULES.get(request.endpoint)
    if rule is None:
        abort(404)  # a staff route nobody declared: closed
    g.staff_session, g.staff_account = sessions.current(touch=rule.touches)
    language.choose(g.staff_account)  # nothing has been said yet: the page is in the account's language
    if request.method == "POST" and not csrf.is_valid():
        abort(400, _("The form has expired."))
    if rule.stage == NO_SESSION:
        return None
    if g.staff_session is None:
        # A browser whose session ended (too long without a request, or too long since signing in) is told so.
        return redirect(url_for("staff.sign_in", ended=1) if g.get("staff_session_ended") else url_for("staff.sign_in"))
    if g.staff_session.stage != rule.stage:
        return redirect(url_for("staff.home" if g.staff_session.stage == FULL else "staff.sign_in"))
    if rule.stage == FULL and g.staff_account.role not in rule.roles:
        abort(404)
    if rule.per_language and (request.view_args or {}).get("code") not in accounts.languages_of(g.staff_account):
        abort(404)  # another language's work, or no such language: not revealed
    return None


@bp.after_request
def write_cookies(response):
    sessions.write_cookie(response)
    csrf.write_cookie(response)
    devices.write_cookie(response)
    return response


@bp.context_processor
def staff_template_context():
    return {"staff_csrf_token": csrf.token, "staff_seconds_left": lambda: sessions.seconds_left(g.staff_session)}
