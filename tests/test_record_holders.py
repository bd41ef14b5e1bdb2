"""Who holds a conference record, and who is told and can read it when that account cannot: a manager's own
records, a worker disabled or made an admin. On SQLite and PostgreSQL."""

from sqlalchemy import update

from familyguide import db, invitations
from familyguide.models import StaffAccount

from .support.invite import create_record, record_page
from .support.pagecheck import text_of
from .support.staff import set_up


def _change(app, email, **values):
    """As an admin's "Disable" or "Change" does."""
    with app.app_context(), db.session() as s:
        s.execute(update(StaffAccount).where(StaffAccount.email == email).values(**values))


def test_a_manager_in_no_team_sees_the_record_they_add(any_app, clock_):
    """It was made, took a family's views and e-mailed them, and gave the manager a 404 and an empty inbox."""
    manager = any_app.test_client()
    set_up(any_app, manager, clock_, "manager.alone@council.gov.uk", role="manager")
    record_id = create_record(manager, clock_, reference="Case without a team")
    assert record_page(manager, record_id).status_code == 200
    assert "Case without a team" in text_of(manager.get("/staff/conferences").data)


def test_a_record_held_by_an_account_that_cannot_read_it_says_so_and_its_views_go_to_the_managers(any_app, clock_):
    manager = any_app.test_client()
    set_up(any_app, manager, clock_, "manager@council.gov.uk", role="manager", team="North")
    worker = any_app.test_client()
    set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    record_id = create_record(worker, clock_, reference="Case 7/N")
    with any_app.app_context():
        assert invitations.notification_addresses(record_id) == ["worker@council.gov.uk"]
    assert "cannot read it now" not in text_of(manager.get("/staff/conferences").data)
    assert "cannot read it now" not in text_of(record_page(manager, record_id).data)

    for change in ({"disabled": True}, {"disabled": False, "role": "admin"}, {"role": "translator"}):
        _change(any_app, "worker@council.gov.uk", **change)
        with any_app.app_context():
            assert invitations.notification_addresses(record_id) == ["manager@council.gov.uk"], change
        inbox = text_of(manager.get("/staff/conferences").data)
        assert "Worker: worker@council.gov.uk (cannot read it now: give it to another worker on its page)" in inbox
        assert "The worker who has this record cannot read it now" in text_of(record_page(manager, record_id).data)

    _change(any_app, "worker@council.gov.uk", role="manager", team_id=None)  # a manager now, in no team
    with any_app.app_context():
        assert invitations.notification_addresses(record_id) == ["worker@council.gov.uk"]
    assert "cannot read it now" not in text_of(manager.get("/staff/conferences").data)
