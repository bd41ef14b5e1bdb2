"""Staff accounts: adding them, their one-time set-up link, passwords, the TOTP second factor, recovery codes,
and the slow-down and lock-out after failed sign-ins (counted in the database, so every process agrees; on
the account, or on the known device a try came from: devices.py).

No view code here: views.py and admin_views.py call these and show the result."""

import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, timedelta

import pyotp
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from .. import clock, db
from ..content import SOURCE_LANGUAGE
from ..models import RecoveryCode, StaffAccount, StaffDevice, Team
from . import audit, devices, passwords, sessions
from .hashing import cipher, keyed_hash
from .roles import ADMIN, ROLES, TRANSLATOR

RECOVERY_CODES = 10
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
TOTP_ISSUER = "familyguide"
MAX_SLOWDOWN_SECONDS = 60
TEAM_TAKEN = _l("There is already a team with that name.")


class AccountError(ValueError):
    """A request about an account that cannot be done; its message is for the person who asked."""

    field = "email"  # the form field the message is about

    def __init__(self, message):
        super().__init__(str(message))  # a module's lazy string, as text in the language of whoever asked


class LanguageChoiceError(AccountError):
    """A translator's languages are missing or wrong."""

    field = "languages"


def normalise_email(email):
    return (email or "").strip().lower()


def looks_like_email(email):
    local, at, domain = email.rpartition("@")
    return bool(at and local and "." in domain and len(email) <= 254 and email.isprintable() and " " not in email)


def find_by_email(email, session=None):
    query = select(StaffAccount).where(StaffAccount.email == normalise_email(email))
    if session is not None:
        return session.scalar(query)
    with db.session() as s:
        return s.scalar(query)


def get(account_id):
    with db.session() as s:
        return s.get(StaffAccount, account_id)


def all_accounts():
    with db.session() as s:
        return list(s.scalars(select(StaffAccount).order_by(StaffAccount.email)))


def team_named(session, name, other_than=None):
    """The team called ``name``, whatever the case of its letters ("Tîm y Gogledd" is "TÎM Y GOGLEDD"), or None.
    Compared here, not in SQL: SQLite's lower() changes only A to Z. A council has a few dozen teams."""
    wanted = name.casefold()
    teams = session.scalars(select(Team).where(Team.id != other_than) if other_than else select(Team))
    return next((team for team in teams if team.name.casefold() == wanted), None)


class TeamTaken(AccountError):
    """Another request saved a team of that name a moment before this one wrote it (the unique index)."""


def write_team(session, team, name):
    """Give a new or existing team its ``name`` and write it now: when another request saved the same name a
    moment before, TeamTaken (an AccountError: "There is already a team with that name.") instead of a 500;
    the block rolls back, so nothing of the request is stored."""
    team.name = name
    session.add(team)
    try:
        session.flush()
    except IntegrityError as error:
        raise TeamTaken(TEAM_TAKEN) from error


def _team_id(session, team_name, create):
    team_name = " ".join((team_name or "").split())
    if not team_name:
        return None
    team = team_named(session, team_name)
    if team is None and create and len(team_name) <= 100:
        write_team(session, team := Team(created_at=clock.now()), team_name)
    if team is None:
        raise AccountError(_("There is no team called %(name)s.", name=team_name))
    return team.id


def new_setup_link(account):
    token = secrets.token_urlsafe(32)
    account.setup_token_hash = keyed_hash("setup", token)
    account.setup_expires_at = clock.now() + timedelta(hours=current_app.config["STAFF_SETUP_HOURS"])
    return token


ROLE_PROBLEM = _l("Choose a role: worker, manager, admin or translator.")


def translator_languages(role, codes):
    """The languages a translator checks, as stored ("pl cy"), or None for every other role. Raises AccountError
    when a translator has none, or one that is not a translated language of the site."""
    if role != TRANSLATOR:
        return None
    offered = translatable_languages()
    chosen = [code for code in offered if code in set(codes or ())]
    unknown = sorted(set(codes or ()) - set(offered))
    if unknown:
        raise LanguageChoiceError(_("There is no translated language with the code %(code)s.", code=unknown[0]))
    if not chosen:
        raise LanguageChoiceError(_("Choose at least one language for a translator."))
    return " ".join(chosen)


def translatable_languages():
    """Every language of the site but the English source, in the order of content/languages.toml."""
    return [code for code in current_app.extensions["familyguide.languages"].codes if code != SOURCE_LANGUAGE]


def languages_of(account):
    """The codes of the languages an account may check: a translator's own; every one for an admin."""
    if account.role == TRANSLATOR:
        return (account.languages or "").split()
    return translatable_languages() if account.role == ADMIN else []


def add(email, role, team_name=None, actor=None, create_team=False, languages=()):
    """Add an account; returns the one-time set-up token (the link is setup_url(token)). ``create_team``: the
    command line makes a team it is given that does not exist yet. ``languages``: a translator's language codes."""
    email = normalise_email(email)
    if not looks_like_email(email):
        raise AccountError(_("Enter an e-mail address in the right form, like name@council.gov.uk."))
    if role not in ROLES:
        raise AccountError(ROLE_PROBLEM)
    stored_languages = translator_languages(role, languages)
    try:
        return _add(email, role, team_name, actor, create_team, stored_languages)
    except TeamTaken:  # another command made the team after this one looked: the account joins that team
        return _add(email, role, team_name, actor, create_team, stored_languages)


def _add(email, role, team_name, actor, create_team, stored_languages):
    with db.session() as s:
        if find_by_email(email, s) is not None:
            raise AccountError(_("There is already an account with that e-mail address."))
        account = StaffAccount(
            email=email,
            role=role,
            team_id=_team_id(s, team_name, create_team),
            languages=stored_languages,
            created_at=clock.now(),
        )
        token = new_setup_link(account)
        s.add(account)
        s.flush()
        audit.record("account_added", actor=actor, target=f"account {account.id} ({role})", session=s)
    return token


def setup_url(token):
    return f"{current_app.config['PUBLIC_URL']}/staff/setup/{token}"


def _setup_link(token):
    """The condition for the account whose set-up link this is, while it works."""
    return and_(
        StaffAccount.setup_token_hash == keyed_hash("setup", token),
        StaffAccount.setup_expires_at > clock.now(),
        StaffAccount.disabled.is_(False),
    )


def setup_link_works(token):
    """Whether this set-up link would open (without spending it)."""
    if not token or len(token) > 100:
        return False
    with db.session() as s:
        return s.scalar(select(StaffAccount.id).where(_setup_link(token))) is not None


def start_setup(token):
    """Use a one-time set-up link (its page's button, never merely opening it: an e-mail system's link checker
    opens links before their owner does): the account it is for, in a new set-up session, or None when the link
    is wrong, used or past its time. The link is spent in the same unit of work that starts the session, so that
    session is the only way on: anyone else who holds the link (a forwarded e-mail, a browser's history) gets
    the used-link page, never the password or second-factor step."""
    if not token or len(token) > 100:
        return None
    token_hash = keyed_hash("setup", token)
    with db.session() as s:
        account = s.scalar(select(StaffAccount).where(_setup_link(token)))
        if account is None:
            return None
        # Atomic: of two browsers opening the link at the same moment, one only spends it.
        spent = s.execute(
            update(StaffAccount)
            .where(StaffAccount.id == account.id, StaffAccount.setup_token_hash == token_hash)
            .values(setup_token_hash=None, setup_expires_at=None)
        ).rowcount
        if spent != 1:
            return None
        sessions.start(account, sessions.SETUP, session=s)
    return account


def set_password(account, password):
    """Choose a password (during set-up). Raises AccountError with the rule it breaks."""
    problem = passwords.problem(password)
    if problem:
        raise AccountError(problem)
    with db.session() as s:
        s.execute(
            update(StaffAccount)
            .where(StaffAccount.id == account.id)
            .values(password_hash=passwords.hash_password(password))
        )
        audit.record("password_set", actor=account, session=s)


# The second factor


def _now_timestamp():
    return clock.now().replace(tzinfo=UTC).timestamp()


def pending_secret(account):
    """The secret being set up for this account (made on first call, kept until confirmed)."""
    with db.session() as s:
        fresh = s.get(StaffAccount, account.id)
        if fresh.totp_pending:
            return cipher().decrypt(fresh.totp_pending)
        secret = pyotp.random_base32()
        fresh.totp_pending = cipher().encrypt(secret)
        return secret


def provisioning_uri(account, secret):
    return pyotp.TOTP(secret).provisioning_uri(name=account.email, issuer_name=TOTP_ISSUER)


def _matching_step(secret, code):
    """The 30-second step whose code ``code`` is (this one, or one either side), or None."""
    code = "".join(ch for ch in code if not ch.isspace())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = _now_timestamp()
    for offset in (0, -1, 1):
        moment = now + offset * totp.interval
        if hmac.compare_digest(totp.at(moment), code):
            return totp.timecode(clock.now().replace(tzinfo=UTC) + timedelta(seconds=offset * totp.interval))
    return None


def confirm_second_factor(account, code):
    """Finish setting up TOTP with a first right code; returns the recovery codes (to show once), or None."""
    secret = pending_secret(account)
    step = _matching_step(secret, code)
    if step is None:
        return None
    codes = _new_recovery_codes()
    with db.session() as s:
        s.execute(
            update(StaffAccount)
            .where(StaffAccount.id == account.id)
            .values(
                totp_secret=cipher().encrypt(secret),
                totp_pending=None,
                totp_last_step=step,
            )
        )
        s.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
        s.add_all(RecoveryCode(code_hash=_recovery_hash(c), account_id=account.id) for c in codes)
        audit.record("second_factor_set_up", actor=account, session=s)
    return codes


def _new_recovery_codes():
    def one():
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        return f"{raw[:5]}-{raw[5:]}"

    return [one() for _ in range(RECOVERY_CODES)]


def _recovery_hash(code):
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return keyed_hash("recovery", cleaned)


def _accept_totp(account, code):
    if not account.totp_secret:
        return False
    secret = cipher().decrypt(account.totp_secret)
    step = _matching_step(secret, code) if secret else None
    if step is None:
        return False
    with db.session() as s:
        # Atomic: a code is accepted once, even by two requests at the same moment.
        done = s.execute(
            update(StaffAccount)
            .where(
                StaffAccount.id == account.id,
                or_(StaffAccount.totp_last_step.is_(None), StaffAccount.totp_last_step < step),
            )
            .values(totp_last_step=step)
        ).rowcount
    return done == 1


def _accept_recovery_code(account, code):
    with db.session() as s:
        used = s.execute(
            delete(RecoveryCode).where(
                RecoveryCode.account_id == account.id, RecoveryCode.code_hash == _recovery_hash(code)
            )
        ).rowcount
        if used:
            audit.record("recovery_code_used", actor=account, session=s)
    return used == 1


def recovery_codes_left(account):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(RecoveryCode).where(RecoveryCode.account_id == account.id))


# Failed attempts, slow-down and lock-out


@dataclass
class Outcome:
    """What a sign-in step decided: ok, or refused with a message, and the account when there is one."""

    ok: bool
    message: str = ""
    account: StaffAccount | None = None


REFUSED = _l("The e-mail address or password is not right.")
WRONG_CODE = _l("That code is not right. Check the code in your app and try again.")


def _wait_message(counted):
    """Why the tries counted on ``counted`` (the account, or a known device of it) must wait, or None."""
    now = clock.now()
    cfg = current_app.config
    if counted.locked_until and counted.locked_until > now:
        minutes = max(1, int((counted.locked_until - now).total_seconds() // 60) + 1)
        if isinstance(counted, StaffDevice):
            return _(
                "Too many failed tries on this device. Try again here in %(minutes)s minutes, or ask an admin to help.",
                minutes=minutes,
            )
        return _(
            "This account is locked after too many failed tries. Try again in %(minutes)s minutes, or ask an admin"
            " to help.",
            minutes=minutes,
        )
    extra = counted.failed_count - cfg["STAFF_SLOWDOWN_AFTER"]
    if extra >= 0 and counted.last_failed_at:
        wait = min(MAX_SLOWDOWN_SECONDS, 2**extra)
        ready = counted.last_failed_at + timedelta(seconds=wait)
        if ready > now:
            seconds = int((ready - now).total_seconds()) + 1
            return _("Too many failed tries. Wait %(seconds)s seconds, then try again.", seconds=seconds)
    return None


def _counter(account, device):
    """Where a try is counted: on the known device it came from, or else on the account (tries from anywhere
    that is not a known device of it). As (table, condition picking the row)."""
    if device is not None:
        return StaffDevice, StaffDevice.token_hash == device.token_hash
    return StaffAccount, StaffAccount.id == account.id


def _failed(account, device):
    """Count one failed try; lock the account (or the known device) when it reaches the limit."""
    cfg = current_app.config
    now = clock.now()
    table, this_one = _counter(account, device)
    with db.session() as s:
        s.execute(update(table).where(this_one).values(failed_count=table.failed_count + 1, last_failed_at=now))
        count = s.scalar(select(table.failed_count).where(this_one))
        audit.record("sign_in_failed", actor=account, target="known device" if device else None, session=s)
        if count >= cfg["STAFF_LOCKOUT_AFTER"]:
            locked_until = now + timedelta(minutes=cfg["STAFF_LOCKOUT_MINUTES"])
            s.execute(update(table).where(this_one).values(locked_until=locked_until, failed_count=0))
            audit.record("device_lockout" if device else "lockout", actor=account, session=s)


def _succeeded(account, device):
    table, this_one = _counter(account, device)
    with db.session() as s:
        s.execute(update(table).where(this_one).values(failed_count=0, last_failed_at=None, locked_until=None))


def check_password(email, password):
    """The first sign-in step. A wrong password gets the same answer, after the same work, whether the e-mail is
    known or not: the password is always checked first (against a dummy hash for an unknown address), and only
    the right password is told that its account must wait or is locked. Every wrong password on a real account
    counts, while it waits too: otherwise those tries would be free, and the locked message a way to tell the
    right password. A try from a known device of the account counts on that device alone (devices.py)."""
    account = find_by_email(email) if looks_like_email(normalise_email(email)) else None
    usable = account is not None and not account.disabled and account.password_hash and account.totp_secret
    right = passwords.verify(account.password_hash if usable else None, password)
    if not usable:
        audit.record("sign_in_failed", target="unknown or unusable account")
        return Outcome(False, str(REFUSED))
    device = devices.find(account)
    if not right:
        _failed(account, device)
        return Outcome(False, str(REFUSED))
    wait = _wait_message(device or account)
    if wait:
        return Outcome(False, wait)
    return Outcome(True, account=account)


def check_second_factor(account, code):
    """The second step: a TOTP code, or one of the recovery codes. Right, this browser becomes (or stays) a
    known device of the account."""
    account = get(account.id)
    device = devices.find(account)
    wait = _wait_message(device or account)
    if wait:
        return Outcome(False, wait)
    cleaned = code.strip()
    ok = _accept_totp(account, cleaned) if len(cleaned) <= 8 else _accept_recovery_code(account, cleaned)
    if not ok:
        _failed(account, device)
        wait = _wait_message(devices.find(account) if device else get(account.id))
        wrong = str(WRONG_CODE)
        return Outcome(False, f"{wrong} {wait}" if wait else wrong)
    signed_in_with_second_factor(account, device)
    return Outcome(True, account=account)


def signed_in_with_second_factor(account, device=None):
    """Signed in with the password and the second factor (or set up just now): this browser becomes, or stays,
    a known device of the account."""
    signed_in(account, device)
    devices.remember(account, device)


def signed_in(account, device=None):
    """A sign-in finished: its tries' count starts again (the known device's, when it came from one)."""
    _succeeded(account, device)
    with db.session() as s:
        s.execute(update(StaffAccount).where(StaffAccount.id == account.id).values(last_sign_in_at=clock.now()))
        audit.record("sign_in", actor=account, session=s)


def reencrypt_secrets():
    """Encrypt every stored TOTP secret with the first server key (`flask keys rotate`).
    Returns (re-encrypted, unreadable)."""
    done = unreadable = 0
    with db.session() as s:
        for account in s.scalars(select(StaffAccount).where(StaffAccount.totp_secret.is_not(None))):
            rotated = cipher().rotate(account.totp_secret)
            if rotated is None:
                unreadable += 1
                continue
            account.totp_secret, done = rotated, done + 1
    return done, unreadable
