"""What an admin does to accounts and teams, each step written to the audit trail. No view code here."""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from .. import clock, db, invitations, notify
from ..models import RecoveryCode, StaffAccount, Team
from . import accounts, audit, devices, sessions
from .accounts import AccountError
from .roles import ROLES


def teams():
    with db.session() as s:
        return list(s.scalars(select(Team).order_by(Team.name)))


def team_names():
    return {t.id: t.name for t in teams()}


def _clean_team_name(name):
    name = " ".join((name or "").split())
    if not name:
        raise AccountError(_("Enter a name for the team."))
    if len(name) > 100:
        raise AccountError(_("The team's name must be 100 characters or fewer."))
    return name


def add_team(name, actor):
    name = _clean_team_name(name)
    with db.session() as s:
        if accounts.team_named(s, name):
            raise AccountError(accounts.TEAM_TAKEN)
        team = Team(created_at=clock.now())
        accounts.write_team(s, team, name)
        audit.record("team_added", actor=actor, target=f"team {team.id}", session=s)


def rename_team(team_id, name, actor):
    name = _clean_team_name(name)
    with db.session() as s:
        team = s.get(Team, team_id)
        if team is None:
            raise LookupError(team_id)
        if accounts.team_named(s, name, other_than=team_id):
            raise AccountError(accounts.TEAM_TAKEN)
        accounts.write_team(s, team, name)
        audit.record("team_renamed", actor=actor, target=f"team {team_id}", session=s)


def delete_team(team_id, actor):
    with db.session() as s:
        if s.get(Team, team_id) is None:
            raise LookupError(team_id)
        s.execute(update(StaffAccount).where(StaffAccount.team_id == team_id).values(team_id=None))
        invitations.release_records(s, team_id=team_id)
        s.execute(delete(Team).where(Team.id == team_id))
        audit.record("team_deleted", actor=actor, target=f"team {team_id}", session=s)


def change_account(account_id, role, team_id, actor, languages=()):
    if role not in ROLES:
        raise AccountError(accounts.ROLE_PROBLEM)
    stored_languages = accounts.translator_languages(role, languages)
    with db.session() as s:
        account = s.get(StaffAccount, account_id)
        if account is None:
            raise LookupError(account_id)
        if team_id is not None and s.get(Team, team_id) is None:
            raise AccountError(_("Choose one of the teams."))
        if account.id == actor.id and role != account.role:
            raise AccountError(_("You cannot change your own role. Ask another admin."))
        account.role, account.team_id, account.languages = role, team_id, stored_languages
        team = "no team" if team_id is None else f"team {team_id}"
        audit.record("account_changed", actor=actor, target=f"account {account_id} ({role}, {team})", session=s)


def set_disabled(account_id, disabled, actor):
    if account_id == actor.id:
        raise AccountError(_("You cannot disable your own account."))
    with db.session() as s:
        account = s.get(StaffAccount, account_id)
        if account is None:
            raise LookupError(account_id)
        account.disabled = disabled
        if disabled:
            sessions.end_all(account_id, session=s)
        action = "account_disabled" if disabled else "account_enabled"
        audit.record(action, actor=actor, target=f"account {account_id}", session=s)


def what_deleting_leaves(account_id=None, team_id=None):
    """For the admin's question before deleting an account or a team: the live records it holds (``held``), of
    those how many have no team (``without_team``), and a team's members (``members``)."""
    held, without_team = invitations.records_held(owner_id=account_id, team_id=team_id)
    members = 0
    if team_id is not None:
        with db.session() as s:
            members = s.scalar(select(func.count()).select_from(StaffAccount).where(StaffAccount.team_id == team_id))
    return {"held": held, "without_team": without_team, "members": members}


def delete_account(account_id, actor):
    if account_id == actor.id:
        raise AccountError(_("You cannot delete your own account."))
    without_team = invitations.records_held(owner_id=account_id)[1]
    if without_team:
        raise AccountError(
            _(
                "This account holds %(count)s conference record(s) that no team has: once it is deleted, nobody"
                " could read them, and families could still send to them. Disable the account instead; the records"
                " are deleted on their own dates.",
                count=without_team,
            )
        )
    with db.session() as s:
        if s.get(StaffAccount, account_id) is None:
            raise LookupError(account_id)
        sessions.end_all(account_id, session=s)
        devices.forget_all(account_id, session=s)
        s.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account_id))
        invitations.release_records(s, owner_id=account_id)
        s.execute(delete(StaffAccount).where(StaffAccount.id == account_id))
        audit.record("account_deleted", actor=actor, target=f"account {account_id}", session=s)


def reset_sign_in(account_id, actor):
    """Clear the password, second factor and recovery codes, end every session, make a new set-up link, and tell
    the owner by e-mail (when e-mail is set up). Returns the link's token (the admin hands the link over)."""
    with db.session() as s:
        account = s.get(StaffAccount, account_id)
        if account is None:
            raise LookupError(account_id)
        account.password_hash = account.totp_secret = account.totp_pending = None
        account.totp_last_step = None
        account.failed_count, account.locked_until = 0, None
        token = accounts.new_setup_link(account)
        s.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account_id))
        sessions.end_all(account_id, session=s)
        devices.forget_all(account_id, session=s)
        audit.record("sign_in_reset", actor=actor, target=f"account {account_id}", session=s)
        owner = account.email
    notify.sign_in_reset(owner)  # the admin sees the new link: its owner is told (never given the link by e-mail)
    return token
