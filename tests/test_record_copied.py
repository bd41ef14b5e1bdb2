"""'I have copied this into the case record' before the conference: the record stays until the family's last
day to send has passed, and anything the family sends after the copy needs copying again (the mark goes, the
deletion date goes back, and the page says what is new). Every test runs on SQLite and PostgreSQL."""

import re
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import NullPool, create_engine, text

from familyguide import db

from .conftest import CheckedClient
from .support.invite import InvitedParent, create_record, invite, new_code, record_page, staff_action
from .support.pagecheck import text_of
from .support.staff import Clock, csrf_token, set_up, sign_in

COPY_BUTTON = "I have copied this into the case record"
NEW = "New since you copied this record."


@pytest.fixture
def clock_(monkeypatch):
    clock_ = Clock(monkeypatch)
    clock_.moment = datetime(2026, 12, 6, 10, 0)  # winter: England's time is UTC
    return clock_


@pytest.fixture
def worker(any_app, clock_):
    client = any_app.test_client()
    client.staff = set_up(any_app, client, clock_, "worker@council.gov.uk", team="North")
    return client


def _purge(app):
    with app.app_context():
        return app.test_cli_runner().invoke(args=["purge"]).output


def _stored(app):
    with app.app_context(), db.session() as s:
        return set(s.scalars(text("SELECT id FROM conference_records")))


def _parent_sends(app, link, words):
    parent = InvitedParent(CheckedClient(app.test_client()), "en")
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=words)
    parent.post("/save")  # a resume code: the draft is kept for days, not hours
    assert parent.post("/send").status_code == 200
    return parent


def _record_with_a_parent(worker, clock_, days_ahead=21):
    record_id = create_record(worker, clock_, days_ahead=days_ahead)
    invitation_id = invite(worker, record_id, language="en")
    link, _ = new_code(worker, record_id, invitation_id)
    return record_id, link


def test_a_record_copied_three_weeks_before_the_conference_is_kept_until_the_day_after_it(any_app, worker, clock_):
    record_id, link = _record_with_a_parent(worker, clock_)  # the conference on 27 December
    _parent_sends(any_app, link, "First words.")
    page = text_of(record_page(worker, record_id).data)
    assert "If you mark it copied today, we delete it on 28 December 2026, not 24 January 2027." in page
    assert staff_action(worker, record_id, "/copied").status_code == 303
    page = text_of(record_page(worker, record_id).data)
    assert "Copied into the case record 6 December 2026" in page and "Deleted on 28 December 2026" in page

    clock_.moment = datetime(2026, 12, 27, 23, 59)  # 7 days after the copy have long passed: the conference day
    _purge(any_app)
    assert _stored(any_app) == {record_id}
    assert InvitedParent(CheckedClient(any_app.test_client()), "en").open_link(link).status_code == 303
    clock_.moment = datetime(2026, 12, 28, 0, 0)  # the day the page said
    assert "Deleted 1 conference record(s)" in _purge(any_app)
    assert _stored(any_app) == set()


def test_views_sent_after_the_copy_need_copying_again_and_the_record_says_which(any_app, worker, clock_):
    record_id, link = _record_with_a_parent(worker, clock_)
    parent = _parent_sends(any_app, link, "First words.")
    staff_action(worker, record_id, "/copied")
    clock_.advance(days=3)
    parent.answer("kept_safe", text="Second, changed words.")
    assert "We delete them on 24 January 2027 at the latest." in parent.page_text("/send")
    assert parent.post("/send").status_code == 200

    sign_in(worker, clock_, worker.staff)
    page = text_of(record_page(worker, record_id).data)
    assert "Not since the family sent something new. You last copied it on 6 December 2026." in page
    assert f"(version 2). Not read yet. {NEW}" in page and "Deleted on 24 January 2027" in page and COPY_BUTTON in page
    assert f"(version 2). Not read yet. {NEW}" in text_of(worker.get("/staff/conferences").data)

    clock_.moment = datetime(2026, 12, 28, 9, 0)  # the day after the conference: kept, not copied since
    _purge(any_app)
    assert _stored(any_app) == {record_id}
    sign_in(worker, clock_, worker.staff)
    staff_action(worker, record_id, "/copied")
    page = text_of(record_page(worker, record_id).data)
    assert "Copied into the case record 28 December 2026" in page and "Deleted on 4 January 2027" in page
    assert NEW not in page and COPY_BUTTON not in page


def test_a_childs_three_houses_changed_after_the_copy_needs_copying_again(any_app, worker, clock_):
    from .support.houses import add_words, csrf_token

    record_id = create_record(worker, clock_, days_ahead=21)
    invite(worker, record_id, kind="child", language="en", name="O.K.", age="9")
    child_id = re.search(r"/invitations/([\w-]+)/three-houses", record_page(worker, record_id).get_data(as_text=True))
    staff_action(worker, record_id, f"/invitations/{child_id.group(1)}/three-houses")
    add_words(worker, csrf_token(worker), "dreams", "A puppy called Max")
    staff_action(worker, record_id, "/copied")
    assert "Deleted on 28 December 2026" in text_of(record_page(worker, record_id).data)
    clock_.advance(minutes=5)
    add_words(worker, csrf_token(worker), "worries", "Shouting at night")

    page = text_of(record_page(worker, record_id).data)
    assert f"Three Houses in progress. {NEW}" in page
    assert "Deleted on 24 January 2027" in page and COPY_BUTTON in page


def test_the_migration_keeps_when_records_already_marked_copied_were_copied(any_db_url):
    db.upgrade(any_db_url)
    command.downgrade(db.alembic_config(any_db_url), "0010")
    engine = create_engine(any_db_url, poolclass=NullPool)
    with engine.begin() as conn:
        for record_id, copied_at in (("copied", "2026-12-06 10:00:00"), ("not copied", None)):
            conn.execute(
                text(
                    "INSERT INTO conference_records (id, conference_date, kind, wrapped_key, details, created_at,"
                    " copied_at) VALUES (:id, '2026-12-20', 'first', :b, :b, '2026-12-01', :copied_at)"
                ),
                {"id": record_id, "b": b"sealed", "copied_at": copied_at},
            )
    db.upgrade(any_db_url)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, last_copied_at FROM conference_records")).all())
    engine.dispose()
    stored = {record_id: at and str(at)[:19] for record_id, at in rows.items()}  # SQLite gives text, PostgreSQL a time
    assert stored == {"copied": "2026-12-06 10:00:00", "not copied": None}


def test_views_that_arrive_while_the_record_is_open_are_not_marked_copied_unseen(any_app, worker, clock_):
    """The worker opened the record, a parent sent new views, then the worker pressed the copy button: the new
    version would have counted as copied, and gone 7 days later without being read."""
    record_id, link = _record_with_a_parent(worker, clock_)
    parent = _parent_sends(any_app, link, "First words.")
    page = record_page(worker, record_id)  # the worker reads the page
    parent.answer("kept_safe", text="Newer words.")
    assert parent.post("/send").status_code == 200
    seen = re.search(r'name="seen" value="([^"]*)"', page.get_data(as_text=True)).group(1)
    refused = worker.post(f"/staff/conferences/{record_id}/copied", data={"csrf_token": csrf_token(page), "seen": seen})
    assert refused.status_code == 409
    assert "The family sent something new while this page was open" in text_of(refused.data)
    assert "Not yet" in text_of(record_page(worker, record_id).data)  # not marked copied
    assert staff_action(worker, record_id, "/copied").status_code == 303  # from the page as it is now
