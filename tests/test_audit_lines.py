"""Each audit entry, once committed, is also one line on standard error for the council's log collection
(familyguide/audit_lines.py): the same entries in the same order, the account's id and never its e-mail
address, never a family's words, nothing for a unit of work rolled back, and none at all when switched off.
On SQLite and PostgreSQL."""

import json

import pytest
from sqlalchemy import select

from familyguide import db
from familyguide.models import AuditEntry, StaffAccount
from familyguide.staff import audit

from .conftest import CheckedClient
from .support.invite import InvitedParent, create_record, invite, new_code
from .support.staff import post_form, set_up

FAMILY_WORDS = "Mae fy mhlant yn ddiogel gyda mam-gu bob dydd."


def audit_lines_of(err):
    """The JSON of each AUDIT line in what was written to standard error."""
    prefix = "AUDIT "
    return [json.loads(text.removeprefix(prefix)) for text in err.splitlines() if text.startswith(prefix)]


def stored(app):
    with app.app_context(), db.session() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_each_stored_entry_is_one_line_with_the_account_id_and_never_the_address(any_app, clock_, capsys):
    admin = any_app.test_client()
    set_up(any_app, admin, clock_, "admin@council.gov.uk", role="admin")
    post_form(admin, "/staff/admin/teams", {"name": "Tîm y Gogledd"})
    post_form(any_app.test_client(), "/staff/sign-in", {"email": "admin@council.gov.uk", "password": "wrong one!!!"})
    post_form(any_app.test_client(), "/staff/sign-in", {"email": "nobody@council.gov.uk", "password": "wrong!!!!!!"})

    err = capsys.readouterr().err
    lines = audit_lines_of(err)
    entries = stored(any_app)
    assert [line["action"] for line in lines] == [e.action for e in entries]
    assert [line["account"] for line in lines] == [e.actor_id for e in entries]
    assert [line["record"] for line in lines] == [e.record_id for e in entries]
    assert [line["client"] for line in lines] == [e.client_hash for e in entries]
    assert [line["at"] for line in lines] == [e.at.strftime("%Y-%m-%dT%H:%M:%SZ") for e in entries]
    with any_app.app_context(), db.session() as s:
        admin_id = s.scalar(select(StaffAccount.id).where(StaffAccount.email == "admin@council.gov.uk"))
    failed = [line for line in lines if line["action"] == "sign_in_failed"]
    assert [line["account"] for line in failed] == [admin_id, None]
    assert failed[1]["target"] == "unknown or unusable account"
    assert "@" not in err and "council.gov.uk" not in err  # no address, of staff or anyone
    assert all(text.isascii() for text in err.splitlines() if text.startswith("AUDIT "))


def test_a_family_sending_their_views_is_a_line_without_their_words(any_app, clock_, capsys):
    worker = any_app.test_client()
    set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    record_id = create_record(worker, clock_)
    invitation_id = invite(worker, record_id, language="cy", name="M.K.")
    link, _code = new_code(worker, record_id, invitation_id)
    parent = InvitedParent(CheckedClient(any_app.test_client()), "cy")
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=FAMILY_WORDS)
    capsys.readouterr()  # what came before: the worker's own steps

    assert parent.post("/send").status_code == 200
    err = capsys.readouterr().err
    assert [(line["action"], line["target"], line["record"]) for line in audit_lines_of(err)] == [
        ("views_sent", "family", record_id)
    ]
    assert "mam-gu" not in err and "M.K." not in err


def test_an_action_rolled_back_writes_no_line(any_app, capsys):
    with any_app.app_context():
        with pytest.raises(RuntimeError), db.session() as s:
            audit.record("team_added", target="team 1", session=s)
            s.flush()  # written to the database, then rolled back with the rest of its unit of work
            raise RuntimeError("the team could not be added")
        assert audit_lines_of(capsys.readouterr().err) == []
        audit.record("team_added", target="team 2")
    assert [line["target"] for line in audit_lines_of(capsys.readouterr().err)] == ["team 2"]
    assert [e.target for e in stored(any_app)] == ["team 2"]


def test_switched_off_no_line_is_written_and_the_entry_is_still_stored(any_db_url, app_on, capsys):
    app = app_on(any_db_url, AUDIT_LOG_LINES=False)
    db.upgrade(any_db_url)
    with app.app_context():
        audit.record("team_added", target="team 3")
    assert audit_lines_of(capsys.readouterr().err) == []
    assert [e.action for e in stored(app)] == ["team_added"]
