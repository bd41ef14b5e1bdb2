"""The audit trail: an entry for each action, no family words and no address in the clear, the admin's page
with filters, the CSV export, and the purge of entries past the retention period. And the migration."""

import csv
import io

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from familyguide import db
from familyguide.models import AuditEntry, Base, StaffAccount, Team

from .support.pagecheck import text_of
from .support.staff import add, post_form, set_up, sign_in


def table_text(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one("tbody").get_text(" ")


def actions(app):
    with app.app_context(), db.session() as s:
        return [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_each_action_is_recorded_without_the_address_in_the_clear(any_app, clock_):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    post_form(admin, "/staff/admin/teams", {"name": "North team"})
    added = post_form(admin, "/staff/admin/accounts", {"email": "new@council.gov.uk", "role": "worker", "team": ""})
    assert "/staff/setup/" in text_of(added.get_data(as_text=True))
    post_form(any_app.test_client(), "/staff/sign-in", {"email": "admin@council.gov.uk", "password": "wrong one!!!"})
    worker = set_up(any_app, any_app.test_client(), clock_, "w@council.gov.uk")
    assert sign_in(any_app.test_client(), clock_, worker).status_code == 302
    post_form(admin, "/staff/sign-out", {}, admin.get("/staff/"))
    assert actions(any_app) == [
        "account_added",  # the admin, added by the command line
        "password_set",
        "second_factor_set_up",
        "sign_in",
        "device_remembered",  # each new browser signed in with the second factor (staff/devices.py)
        "team_added",
        "account_added",
        "sign_in_failed",
        "account_added",
        "password_set",
        "second_factor_set_up",
        "sign_in",
        "device_remembered",
        "sign_in",
        "device_remembered",
        "sign_out",
    ]
    with any_app.app_context(), db.session() as s:
        entries = list(s.scalars(select(AuditEntry)))
    from_command_line = [e for e in entries if e.client_hash is None]
    assert len(from_command_line) == 2  # the two accounts the test added as `flask staff add` does
    from_browser = [e for e in entries if e.client_hash]
    assert len(from_browser) == 14 and len({e.client_hash for e in from_browser}) == 1
    assert all("127.0.0.1" not in e.client_hash and len(e.client_hash) == 64 for e in from_browser)
    assert {e.actor_email for e in entries} >= {"admin@council.gov.uk", "w@council.gov.uk"}


def test_admin_filters_the_log_and_exports_it_as_csv(any_app, clock_):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    clock_.advance(days=3)
    post_form(any_app.test_client(), "/staff/sign-in", {"email": "admin@council.gov.uk", "password": "=cmd|wrong!!"})
    add(any_app, "=HYPERLINK(1)@council.gov.uk")
    admin = any_app.test_client()
    worker = set_up(any_app, admin, clock_, "admin2@council.gov.uk", role="admin")
    assert worker
    text = table_text(admin.get("/staff/admin/audit?action=sign_in_failed"))
    assert "Sign-in refused" in text and "Second factor set up" not in text
    today = clock_.moment.date().isoformat()
    dated = table_text(admin.get(f"/staff/admin/audit?since={today}&until={today}"))
    assert "Second factor set up" in dated
    assert "Sign-in refused" in dated and "Account added" in dated
    bad = admin.get("/staff/admin/audit?since=yesterday")
    assert bad.status_code == 400 and 'value="yesterday"' in bad.get_data(as_text=True)
    assert "From (YYYY-MM-DD, in UTC)" in bad.get_data(as_text=True)  # as the times in the log
    export = admin.get("/staff/admin/audit.csv?who=admin@council.gov.uk")
    assert export.mimetype == "text/csv" and "attachment" in export.headers["Content-Disposition"]
    assert export.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True))))
    assert rows[0][:4] == ["when (UTC)", "who", "account id", "action"]
    assert {r[3] for r in rows[1:]} >= {"sign_in", "sign_in_failed", "second_factor_set_up"}
    assert all(r[1] == "admin@council.gov.uk" for r in rows[1:])
    everything = admin.get("/staff/admin/audit.csv").get_data(as_text=True)
    assert "=cmd" not in everything  # a typed password is never in the log
    assert actions(any_app)[-1] == "audit_exported"


def test_the_log_says_which_team_an_account_was_moved_to(any_app, clock_):
    """ "Account changed" said the role only: a move to another team (and to its records) left no trace."""
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    add(any_app, "mover@council.gov.uk", "worker", "North")
    add(any_app, "stays@council.gov.uk", "worker", "South")
    with any_app.app_context(), db.session() as s:
        mover = s.scalar(select(StaffAccount.id).where(StaffAccount.email == "mover@council.gov.uk"))
        south = s.scalar(select(Team.id).where(Team.name == "South"))
    path = f"/staff/admin/accounts/{mover}"
    post_form(admin, path, {"action": "change", "role": "worker", "team": str(south)})
    assert f"account {mover} (worker, team {south})" in table_text(
        admin.get("/staff/admin/audit?action=account_changed")
    )
    post_form(admin, path, {"action": "change", "role": "manager", "team": ""})
    assert f"account {mover} (manager, no team)" in table_text(admin.get("/staff/admin/audit?action=account_changed"))


def test_csv_cells_never_start_a_formula(app):
    from familyguide.staff.audit import as_csv

    entry = AuditEntry(at=__import__("datetime").datetime(2026, 1, 2), actor_email="=SUM(A1)", action="sign_in")
    rows = list(csv.reader(io.StringIO(as_csv([entry]))))
    assert rows[1][1] == "'=SUM(A1)"


def test_purge_removes_entries_past_the_retention_period(any_db_url, app_on, clock_):
    app = app_on(any_db_url, AUDIT_RETENTION_DAYS=730)
    db.upgrade(any_db_url)
    add(app, "old@council.gov.uk")
    clock_.advance(days=700)
    add(app, "newer@council.gov.uk")
    clock_.advance(days=31)
    with app.app_context():  # as `flask --app familyguide purge` runs it
        result = app.test_cli_runner().invoke(args=["purge"])
    assert "Deleted 1 audit entries older than the retention period." in result.output
    with app.app_context(), db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_staff_add_command_prints_a_one_time_link(any_db_url, app_on):
    app = app_on(any_db_url, PUBLIC_URL="https://guide.example.gov.uk")
    db.upgrade(any_db_url)
    result = app.test_cli_runner().invoke(args=["staff", "add", "First.Admin@Council.gov.uk", "--role", "admin"])
    assert result.exit_code == 0
    assert "Added first.admin@council.gov.uk as admin." in result.output
    assert "https://guide.example.gov.uk/staff/setup/" in result.output
    again = app.test_cli_runner().invoke(args=["staff", "add", "first.admin@council.gov.uk", "--role", "worker"])
    assert again.exit_code == 1 and "already an account" in again.output
    team = app.test_cli_runner().invoke(args=["staff", "add", "w@council.gov.uk", "--role", "worker", "--team", "East"])
    assert team.exit_code == 0


def test_migrations_build_the_schema_the_models_describe(any_db_url):
    db.upgrade(any_db_url)
    engine = create_engine(any_db_url, poolclass=NullPool)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_an_entry_cannot_be_changed_or_deleted_through_the_app(app):
    from familyguide.staff.audit import AppendOnlyError, record

    with app.test_request_context():
        record("sign_in_failed", target="unknown or unusable account")
        with pytest.raises(AppendOnlyError), db.session() as s:
            s.scalar(select(AuditEntry)).action = "sign_in"
        with pytest.raises(AppendOnlyError), db.session() as s:
            s.delete(s.scalar(select(AuditEntry)))
        with db.session() as s:
            assert [e.action for e in s.scalars(select(AuditEntry))] == ["sign_in_failed"]
