"""Deleting a staff account or a team never hands its conference records, and the families' words on them,
to an account or team made later: on SQLite the next one made can get the deleted one's id. On SQLite and
PostgreSQL."""

from alembic import command
from sqlalchemy import NullPool, create_engine, select, text

from familyguide import db
from familyguide.models import AuditEntry, StaffAccount, Team

from .support.invite import create_record, record_page
from .support.pagecheck import text_of
from .support.staff import post_form, set_up


def _id_of(app, model, **where):
    with app.app_context(), db.session() as s:
        return s.scalar(select(model.id).filter_by(**where))


def test_a_deleted_worker_s_records_go_to_no_new_account_and_stay_with_their_manager(any_app, clock_):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    manager = any_app.test_client()
    set_up(any_app, manager, clock_, "manager@council.gov.uk", role="manager", team="North")
    leaver = any_app.test_client()
    set_up(any_app, leaver, clock_, "leaver@council.gov.uk", team="North")  # the newest account
    record_id = create_record(leaver, clock_, reference="Leaver's case")
    before = text_of(manager.get("/staff/conferences").data)
    assert "Leaver's case" in before and "Worker: leaver@council.gov.uk" in before  # whose it is, for a manager
    assert "Worker:" not in text_of(leaver.get("/staff/conferences").data)
    leaver_id = _id_of(any_app, StaffAccount, email="leaver@council.gov.uk")
    page = admin.get(f"/staff/admin/accounts/{leaver_id}")
    asked = post_form(admin, f"/staff/admin/accounts/{leaver_id}", {"action": "delete"}, page)
    assert "It holds 1 conference record(s). They stay with its team's managers" in text_of(asked.data)
    delete = {"action": "delete", "confirm": "yes"}
    assert post_form(admin, f"/staff/admin/accounts/{leaver_id}", delete, page).status_code == 302

    newcomer = any_app.test_client()
    set_up(any_app, newcomer, clock_, "newcomer@council.gov.uk", team="South")
    assert "Leaver's case" not in text_of(newcomer.get("/staff/conferences").data)
    assert record_page(newcomer, record_id).status_code == 404
    after = text_of(manager.get("/staff/conferences").data)  # the team keeps it
    assert "Leaver's case" in after and "Worker: nobody" in after
    alone = text_of(record_page(manager, record_id).data)
    assert "No worker has this record" in alone and "Ask an admin to add a worker to your team" in alone

    stayer = any_app.test_client()
    set_up(any_app, stayer, clock_, "stayer@council.gov.uk", team="North")
    stayer_id = _id_of(any_app, StaffAccount, email="stayer@council.gov.uk")
    assert "Give it to a worker in your team." in text_of(record_page(manager, record_id).data)
    given = post_form(
        manager, f"/staff/conferences/{record_id}/reassign", {"worker": stayer_id}, record_page(manager, record_id)
    )
    assert given.status_code == 303
    assert "Leaver's case" in text_of(stayer.get("/staff/conferences").data)
    with any_app.app_context(), db.session() as s:
        given_entry = s.scalar(select(AuditEntry.target).where(AuditEntry.action == "record_reassigned"))
    assert given_entry == f"from nobody to account {stayer_id}"
    assert "No worker has this record" not in text_of(record_page(manager, record_id).data)
    assert "Worker: stayer@council.gov.uk" in text_of(manager.get("/staff/conferences").data)


def test_a_deleted_team_s_records_go_to_no_new_team(any_app, clock_):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin", team="Admins")
    worker = any_app.test_client()
    set_up(any_app, worker, clock_, "worker@council.gov.uk", team="Closing")  # the newest team
    record_id = create_record(worker, clock_, reference="Closing team's case")
    closing_id = _id_of(any_app, Team, name="Closing")
    page = admin.get(f"/staff/admin/teams/{closing_id}")
    asked = text_of(post_form(admin, f"/staff/admin/teams/{closing_id}", {"action": "delete"}, page).data)
    assert "It has 1 conference record(s). They stay with their workers, but no manager will see them" in asked
    assert "Its 1 member(s) are left without a team" in asked
    delete = {"action": "delete", "confirm": "yes"}
    assert post_form(admin, f"/staff/admin/teams/{closing_id}", delete, page).status_code == 302

    manager = any_app.test_client()
    set_up(any_app, manager, clock_, "new.manager@council.gov.uk", role="manager", team="Opening")
    assert "Closing team's case" not in text_of(manager.get("/staff/conferences").data)
    assert record_page(manager, record_id).status_code == 404
    assert "Closing team's case" in text_of(worker.get("/staff/conferences").data)  # its worker keeps it


def test_an_account_holding_records_no_team_has_cannot_be_deleted_only_disabled(any_app, clock_):
    """Deleted, its records would be read by nobody while families could still send to them."""
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    alone = any_app.test_client()
    set_up(any_app, alone, clock_, "alone@council.gov.uk")  # in no team
    create_record(alone, clock_, reference="Nobody else's case")
    alone_id = _id_of(any_app, StaffAccount, email="alone@council.gov.uk")
    path = f"/staff/admin/accounts/{alone_id}"
    asked = text_of(post_form(admin, path, {"action": "delete"}, admin.get(path)).data)
    assert "holds 1 conference record(s) that no team has" in asked and "Yes, delete the account" not in asked
    refused = post_form(admin, path, {"action": "delete", "confirm": "yes"}, admin.get(path))
    assert refused.status_code == 400 and "Disable the account instead" in text_of(refused.data)
    assert _id_of(any_app, StaffAccount, email="alone@council.gov.uk") == alone_id


def test_the_migration_releases_records_that_earlier_deletions_left_tied_to_a_gone_id(any_db_url):
    db.upgrade(any_db_url)
    config = db.alembic_config(any_db_url)
    command.downgrade(config, "0008")
    engine = create_engine(any_db_url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO staff_teams (id, name, created_at) VALUES (1, 'North', '2026-12-01')"))
        conn.execute(
            text(
                "INSERT INTO staff_accounts (id, email, role, team_id, disabled, failed_count, created_at)"
                " VALUES (1, 'w@council.gov.uk', 'worker', 1, false, 0, '2026-12-01')"
            )
        )
        for record_id, owner, team in (("kept", 1, 1), ("orphan", 7, 9)):
            conn.execute(
                text(
                    "INSERT INTO conference_records (id, owner_id, team_id, conference_date, kind, wrapped_key,"
                    " details, created_at) VALUES (:id, :owner, :team, '2026-12-20', 'first', :key, :details,"
                    " '2026-12-01')"
                ),
                {"id": record_id, "owner": owner, "team": team, "key": b"k", "details": b"d"},
            )
    db.upgrade(any_db_url)
    with engine.connect() as conn:
        rows = dict(
            (row.id, (row.owner_id, row.team_id))
            for row in conn.execute(text("SELECT id, owner_id, team_id FROM conference_records"))
        )
    engine.dispose()
    assert rows == {"kept": (1, 1), "orphan": (None, None)}
