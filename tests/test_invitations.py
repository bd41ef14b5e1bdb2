"""Issue 11: a worker's conference record and its invitations, a parent sending their views, the worker
reading them; who may see what (404 for anyone else), links and codes that stop, retention and the audit trail.
Every test runs on SQLite and PostgreSQL."""

import base64
import re
from datetime import datetime, timedelta

import pytest
from alembic import command
from bs4 import BeautifulSoup
from sqlalchemy import NullPool, create_engine, select, text

from familyguide import clock, db, invitations
from familyguide.models import AuditEntry

from .conftest import CheckedClient
from .support.invite import (
    STORY_ACTIONS,
    InvitedParent,
    create_record,
    day_fields,
    invite,
    new_code,
    record_page,
    staff_action,
)
from .support.pagecheck import text_of
from .support.pdf import pdf_text
from .support.staff import Clock, post_form, set_up, sign_in

POLISH_ANSWER = "Zabieram dzieci do szkoły codziennie. Zażółć gęślą jaźń."


@pytest.fixture
def worker(any_app, clock_):
    client = any_app.test_client()
    set_up(any_app, client, clock_, "worker@council.gov.uk", team="North")
    return client


def parent_in(app, lang="en"):
    return InvitedParent(CheckedClient(app.test_client()), lang)


def _invited_parent(any_app, worker, clock_, lang="pl", name="M.K."):
    record_id = create_record(worker, clock_)
    invitation_id = invite(worker, record_id, language=lang, name=name)
    link, code = new_code(worker, record_id, invitation_id)
    return record_id, invitation_id, link, code


def test_a_parent_opens_their_link_answers_sends_and_the_worker_reads_it_in_both_languages(any_app, worker, clock_):
    record_id, invitation_id, link, code = _invited_parent(any_app, worker, clock_)
    assert link.startswith("/pl/prepare/invite/") and re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-\w{3}", code)
    assert "Not opened" in text_of(worker.get("/staff/conferences").data)

    parent = parent_in(any_app, "pl")
    opened = parent.open_link(link)
    assert opened.status_code == 303 and opened.location.endswith("/pl/prepare/")
    assert 'id="invited"' in parent.get("/").get_data(as_text=True)
    assert "Opened" in text_of(worker.get("/staff/conferences").data)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=POLISH_ANSWER)
    assert "Started" in text_of(worker.get("/staff/conferences").data)

    sending = parent.get("/send").get_data(as_text=True)
    assert "North" in text_of(sending)  # to whom: the worker's team
    sent = parent.post("/send")
    assert sent.status_code == 200
    inbox = text_of(worker.get("/staff/conferences").data)
    assert "Sent" in inbox and "(version 1)" in inbox and "Case 4471/AB" in inbox

    views = worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views")
    html = views.get_data(as_text=True)
    assert POLISH_ANSWER in text_of(html)
    assert 'lang="pl"' in html
    assert "Parent or carer M.K." in text_of(html) and "M.K.." not in text_of(html)  # a name's own full stop
    # The English question beside the Polish one.
    assert "How have you kept your child safe" in text_of(html) or "kept" in text_of(html).lower()
    pdf = worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")

    parent.answer("kept_safe", text="Druga wersja.")
    parent.post("/send")
    assert "(version 2)" in text_of(worker.get("/staff/conferences").data)
    assert "Druga wersja." in text_of(
        worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views").data
    )

    taken = parent.post("/take-back")
    assert taken.status_code == 200
    assert "Taken back" in text_of(worker.get("/staff/conferences").data)
    assert worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views").status_code == 404


def test_views_sent_after_taking_them_back_get_a_new_version_number_never_one_already_read(any_app, worker, clock_):
    record_id, invitation_id, link, _ = _invited_parent(any_app, worker, clock_, lang="en")
    parent = _parent_sends(any_app, link, lang="en")
    parent.answer("kept_safe", text="Words of version two.")
    assert parent.post("/send").status_code == 200
    assert parent.post("/take-back").status_code == 200
    parent.answer("kept_safe", text="New words after taking them back.")
    assert parent.post("/send").status_code == 200

    views = f"/staff/conferences/{record_id}/invitations/{invitation_id}/views"
    assert "(version 3)" in text_of(record_page(worker, record_id).data)
    assert "(version 3)" in text_of(worker.get("/staff/conferences").data)
    assert "Sent" in text_of(worker.get(views).data) and "(version 3)." in text_of(worker.get(views).data)
    pdf = worker.get(views + ".pdf")
    assert pdf.headers["Content-Disposition"] == "attachment; filename=views-parent-1-en-version-3.pdf"


def test_the_migration_counts_the_versions_already_stored_so_the_next_send_follows_them(any_db_url):
    db.upgrade(any_db_url)
    command.downgrade(db.alembic_config(any_db_url), "0009")
    engine = create_engine(any_db_url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO conference_records (id, conference_date, kind, wrapped_key, details, created_at)"
                " VALUES ('r', '2026-12-20', 'first', :b, :b, '2026-12-01')"
            ),
            {"b": b"sealed"},
        )
        for invitation_id in ("sent twice", "not sent"):
            conn.execute(
                text(
                    "INSERT INTO invitations (id, conference_id, kind, language, details, created_at)"
                    " VALUES (:id, 'r', 'parent', 'en', :b, '2026-12-01')"
                ),
                {"id": invitation_id, "b": b"sealed"},
            )
        for version in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO sent_views (invitation_id, version, sent_at, payload)"
                    " VALUES ('sent twice', :v, '2026-12-02', :b)"
                ),
                {"v": version, "b": b"sealed"},
            )
    db.upgrade(any_db_url)
    with engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT id, versions_sent FROM invitations")).all())
    engine.dispose()
    assert counts == {"sent twice": 2, "not sent": 0}


def test_the_code_typed_on_the_start_page_opens_the_invitation_and_a_wrong_one_is_refused(any_app, worker, clock_):
    _, _, _, code = _invited_parent(any_app, worker, clock_, lang="en")
    parent = parent_in(any_app)
    start = parent.get("/").get_data(as_text=True)
    assert "Do you have a letter from your social worker?" in text_of(start)
    assert "Nobody at the council can read them unless you give them your PDF." in text_of(start)
    wrong = parent.post("/invite", {"code": "ABCD-EFGH-JKM"})
    assert wrong.status_code == 400 and "ABCD-EFGH-JKM" in wrong.get_data(as_text=True)
    good = parent.post("/invite", {"code": code.lower().replace("-", " ")})
    assert good.status_code == 303 and good.location.endswith("/en/prepare/")
    invited = text_of(parent.get("/").data)
    assert "Nobody at the council can read them unless you send them or give them your PDF." in invited


def test_wrong_invitation_links_are_rate_limited_like_resume_codes(any_app, worker, clock_):
    parent = parent_in(any_app)
    limit = any_app.config["RESUME_ATTEMPTS_PER_HOUR"]
    for _ in range(limit):
        assert parent.open_link("/en/prepare/invite/not-a-real-token").status_code == 404
    assert parent.open_link("/en/prepare/invite/not-a-real-token").status_code == 429


def test_a_right_link_or_code_never_uses_up_the_tries_only_wrong_ones_do(any_app, worker, clock_):
    """A parent who opens their letter's link every day (or a family centre's shared connection) is never told
    they have tried too many times; a wrong one after all those still counts."""
    record_id, invitation_id, link, code = _invited_parent(any_app, worker, clock_, lang="en")
    parent = parent_in(any_app)
    limit = any_app.config["RESUME_ATTEMPTS_PER_HOUR"]
    for _ in range(limit + 3):
        assert parent.open_link(link).status_code == 303
        assert parent.post("/invite", {"code": code}).status_code == 303
    for _ in range(limit):
        assert parent.open_link("/en/prepare/invite/not-a-real-token").status_code == 404
    assert parent.open_link(link).status_code == 429


def test_a_new_code_cancel_and_delete_stop_the_old_link_and_code(any_app, worker, clock_):
    record_id, invitation_id, link, code = _invited_parent(any_app, worker, clock_, lang="en")
    new_link, new_code_ = new_code(worker, record_id, invitation_id)
    parent = parent_in(any_app)
    assert parent.open_link(link).status_code == 404
    assert parent.post("/invite", {"code": code}).status_code == 400
    assert parent.open_link(new_link).status_code == 303

    asked = staff_action(worker, record_id, f"/invitations/{invitation_id}/cancel")  # a click asks first
    assert asked.status_code == 200 and "Cancel this invitation?" in text_of(asked.data)
    assert "every version of the views they sent is deleted" in text_of(asked.data)
    assert parent_in(any_app).open_link(new_link).status_code == 303  # nothing cancelled yet
    staff_action(worker, record_id, f"/invitations/{invitation_id}/cancel", {"confirm": "yes"})
    assert parent_in(any_app).open_link(new_link).status_code == 404
    assert "Cancelled" in text_of(record_page(worker, record_id).data)

    other = invite(worker, record_id, language="en")
    other_link, other_code = new_code(worker, record_id, other)
    staff_action(worker, record_id, "/delete", {"confirm": "yes"})
    assert parent_in(any_app).open_link(other_link).status_code == 404
    assert parent_in(any_app).post("/invite", {"code": other_code}).status_code == 400
    assert worker.get(f"/staff/conferences/{record_id}").status_code == 404


def test_two_parents_on_one_phone_never_see_each_others_answers(any_app, worker, clock_):
    record_id = create_record(worker, clock_)
    first = invite(worker, record_id, language="en", name="Parent A")
    second = invite(worker, record_id, language="en", name="Parent B")
    link_a, _ = new_code(worker, record_id, first)
    link_b, _ = new_code(worker, record_id, second)
    phone = parent_in(any_app)
    phone.open_link(link_a)
    phone.start()
    phone.answer("conference_kind", choice="first")
    phone.answer("kept_safe", text="Secret words of parent A")
    phone.post("/send")

    # Parent B opens their own link on the same phone, without the quick exit: nothing is asked about parent
    # A's answers (no choice to use them) ...
    assert phone.open_link(link_b).location.endswith("/en/prepare/")
    assert phone.get("/invite-answers").location.endswith("/en/prepare/")
    assert "Secret words of parent A" not in phone.get("/chat", follow_redirects=True).get_data(as_text=True)
    phone.start()
    assert "Secret words of parent A" not in phone.get("/check-your-answers").get_data(as_text=True)
    # ... and after the quick exit, then parent A's link again, a fresh chat: nothing of either is shown.
    phone.client.raw.get("/exit")
    phone.open_link(link_a)
    phone.start()
    assert "Secret words of parent A" not in phone.get("/check-your-answers").get_data(as_text=True)


def test_a_parent_who_answered_on_their_own_then_types_the_letter_s_code_keeps_their_answers(any_app, worker, clock_):
    """She started before the letter came; the code asks first, without showing her words, and keeps them."""
    record_id, invitation_id, _, code = _invited_parent(any_app, worker, clock_, lang="en")
    parent = parent_in(any_app)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="My careful long answer written over an hour")
    asked = parent.post("/invite", {"code": code})
    assert asked.status_code == 303 and asked.location.endswith("/en/prepare/invite-answers")
    page = parent.get("/invite-answers")
    words = text_of(page.data)
    assert "You already have answers on this device" in words and "Use these answers for my letter" in words
    assert "My careful long answer" not in page.get_data(as_text=True)

    kept = parent.post("/invite-answers", {"choice": "keep"})
    assert kept.status_code == 303 and "/en/prepare/chat" in kept.location
    check = text_of(parent.get("/check-your-answers").data)
    assert "My careful long answer written over an hour" in check and "Send my views to my social worker" in check
    assert parent.send().status_code == 200
    assert "My careful long answer written over an hour" in text_of(
        worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views").data
    )


def test_a_parent_with_their_own_answers_who_opens_their_link_can_start_again(any_app, worker, clock_):
    _, _, link, _ = _invited_parent(any_app, worker, clock_, lang="en")
    parent = parent_in(any_app)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="Words written before the letter")
    assert parent.open_link(link).location.endswith("/en/prepare/invite-answers")
    fresh = parent.post("/invite-answers", {"choice": "fresh"})
    assert fresh.status_code == 303 and fresh.location.endswith("/en/prepare/")
    start = text_of(parent.get("/").data)
    assert "Your social worker has invited you" in start and "Carry on with your answers" not in start
    parent.start()
    assert "Words written before the letter" not in parent.get("/check-your-answers").get_data(as_text=True)
    assert "Send my views to my social worker" in text_of(parent.get("/check-your-answers").data)


def test_the_chat_without_an_invitation_has_no_send_step(any_app, clock_):
    parent = parent_in(any_app)
    parent.start()
    parent.answer("conference_kind", choice="first")
    page = text_of(parent.get("/check-your-answers").data)
    assert "Send my views to my social worker" not in page and "Download your PDF" in page
    assert parent.get("/send").status_code == 410


def test_another_worker_another_team_and_an_admin_cannot_see_a_record(any_app, worker, clock_):
    record_id, invitation_id, _, _ = _invited_parent(any_app, worker, clock_)
    others = {}
    for email, role, team in (
        ("other@council.gov.uk", "worker", "North"),
        ("south-manager@council.gov.uk", "manager", "South"),
        ("admin@council.gov.uk", "admin", None),
    ):
        client = any_app.test_client()
        set_up(any_app, client, clock_, email, role=role, team=team)
        others[email] = client
    paths = [
        f"/staff/conferences/{record_id}",
        f"/staff/conferences/{record_id}/invitations/{invitation_id}/views",
        f"/staff/conferences/{record_id}/invitations/{invitation_id}/views.pdf",
    ]
    for email, client in others.items():
        for path in paths:
            assert client.get(path).status_code == 404, (email, path)
        page = client.get("/staff/")
        from .support.staff import csrf_token

        for action in (
            "/delete",
            "/copied",
            f"/invitations/{invitation_id}/cancel",
            f"/invitations/{invitation_id}/code",
        ):
            response = client.post(
                f"/staff/conferences/{record_id}{action}", data={"csrf_token": csrf_token(page), "confirm": "yes"}
            )
            assert response.status_code == 404, (email, action)
        inbox = client.get("/staff/conferences")
        assert "Case 4471/AB" not in inbox.get_data(as_text=True)
    assert others["admin@council.gov.uk"].get("/staff/conferences").status_code == 404
    assert worker.get(f"/staff/conferences/{record_id}").status_code == 200  # nothing was changed


def test_a_manager_sees_their_teams_records_and_no_others(any_app, worker, clock_):
    create_record(worker, clock_, reference="North case")
    south = any_app.test_client()
    set_up(any_app, south, clock_, "south@council.gov.uk", team="South")
    create_record(south, clock_, reference="South case")
    manager = any_app.test_client()
    set_up(any_app, manager, clock_, "manager@council.gov.uk", role="manager", team="North")
    inbox = text_of(manager.get("/staff/conferences").data)
    assert "North case" in inbox and "South case" not in inbox


def test_the_inbox_lists_the_soonest_conference_first_with_its_deletion_date(any_app, worker, clock_):
    create_record(worker, clock_, reference="Later one", days_ahead=20)
    create_record(worker, clock_, reference="Sooner one", days_ahead=2)
    inbox = text_of(worker.get("/staff/conferences").data)
    assert inbox.index("Sooner one") < inbox.index("Later one")
    assert "Deleted on" in inbox


def test_the_inbox_puts_conferences_to_come_first_and_those_that_took_place_after_the_most_recent_first(
    any_app, monkeypatch
):
    clock_ = Clock(monkeypatch)
    worker = any_app.test_client()
    staff = set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    for reference, days_ahead in (("Held first", 1), ("Held second", 3), ("Next week", 10), ("Next month", 30)):
        create_record(worker, clock_, reference=reference, days_ahead=days_ahead)
    clock_.advance(days=5)  # two of the conferences have taken place
    sign_in(worker, clock_, staff)
    html = worker.get("/staff/conferences").get_data(as_text=True)
    headings = [h.get_text(" ", strip=True) for h in BeautifulSoup(html, "html.parser").select("main h2, main h3")]
    assert headings == [
        "Conferences to come",
        "Next week",
        "Next month",
        "Conferences that have taken place",
        "Held second",
        "Held first",
    ]
    assert "Copy what you need into the case record." in text_of(html)


def test_records_are_deleted_28_days_after_the_conference_or_7_after_copied(any_app, clock_):
    worker = any_app.test_client()
    staff = set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    by_date = create_record(worker, clock_, reference="By date", days_ahead=1)
    copied = create_record(worker, clock_, reference="Copied", days_ahead=2)
    invitation = invite(worker, copied, language="en")
    link, _ = new_code(worker, copied, invitation)
    clock_.advance(days=4)  # both conferences have taken place (copied before, it would wait for the day after)
    sign_in(worker, clock_, staff)
    staff_action(worker, copied, "/copied")
    page = text_of(record_page(worker, copied).data)
    expected = (clock.local(clock_.moment).date() + timedelta(days=7)).strftime("%-d %B %Y")
    assert f"Deleted on {expected}" in page

    def purge():
        with any_app.app_context():
            return any_app.test_cli_runner().invoke(args=["purge"]).output

    clock_.advance(days=6)
    purge()
    assert _stored(any_app) == {by_date, copied}
    clock_.advance(days=1)
    assert "Deleted 1 conference record(s)" in purge()
    assert _stored(any_app) == {by_date}
    assert parent_in(any_app).open_link(link).status_code == 404
    clock_.advance(days=18)  # 28 days after the conference (it was 1 day ahead)
    assert "Deleted 1 conference record(s)" in purge()
    assert _stored(any_app) == set()
    with any_app.app_context(), db.session() as s:
        assert s.execute(text("SELECT count(*) FROM invitations")).scalar() == 0
        purged = s.scalars(select(AuditEntry.record_id).where(AuditEntry.action == "record_purged")).all()
    assert set(purged) == {by_date, copied}


def _stored(app):
    with app.app_context(), db.session() as s:
        return set(s.scalars(text("SELECT id FROM conference_records")))


def test_family_words_are_encrypted_at_rest_and_never_in_the_audit_trail(any_app, worker, clock_):
    record_id, invitation_id, link, _ = _invited_parent(any_app, worker, clock_, name="Marta Kowalska")
    parent = parent_in(any_app, "pl")
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=POLISH_ANSWER)
    parent.post("/send")
    worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views")
    worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views.pdf")
    staff_action(worker, record_id, "/copied")
    with any_app.app_context(), db.session() as s:
        dump = ""
        for table in ("conference_records", "invitations", "sent_views", "staff_audit"):
            for row in s.execute(text(f"SELECT * FROM {table}")):  # noqa: S608 (our own table names)
                dump += repr(tuple(row))
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.record_id == record_id)))
    for words in ("Case 4471/AB", "Marta Kowalska", "Zabieram", "M.K."):
        assert words not in dump
    assert STORY_ACTIONS <= actions


def test_a_parent_cannot_send_after_the_conference_day(any_app, worker, clock_):
    record_id, _, link, _ = _invited_parent(any_app, worker, clock_, lang="en")
    parent = parent_in(any_app)
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.post("/save")  # a resume code: the draft is kept 30 days
    clock_.advance(days=7)
    assert parent.get("/send").status_code == 410
    assert parent.post("/send").status_code == 410
    with any_app.app_context():
        assert invitations.for_family(None) is None


def test_after_the_conference_day_the_pages_never_promise_sending(any_app, worker, clock_):
    """The link still opens until the record is deleted, but the start page does not say they can send, and
    "Check your answers" says why they cannot instead of an empty "Send your views" section."""
    record_id = create_record(worker, clock_, days_ahead=2)
    invitation_id = invite(worker, record_id, language="en")
    link, _ = new_code(worker, record_id, invitation_id)
    clock_.advance(days=4)
    parent = parent_in(any_app)
    assert parent.open_link(link).status_code == 303
    start = text_of(parent.get("/").data)
    assert "you can choose to send your answers" not in start and "unless you send them" not in start
    assert "The day of the conference has passed, or your invitation has stopped." in start
    parent.start()
    parent.answer("conference_kind", choice="first")
    check = text_of(parent.get("/check-your-answers").data)
    assert "Send your views to your social worker" not in check and "Send my views" not in check
    assert "You cannot send your views now" in check
    assert "The day of the conference has passed, or your invitation has stopped." in check


def test_bad_record_forms_say_what_is_wrong_and_keep_what_was_typed(any_app, worker, clock_):
    response = post_form(worker, "/staff/conferences/new", {"reference": "My ref", "day": "31", "month": "2"})
    page = text_of(response.data)
    assert response.status_code == 400
    assert "Enter the conference date" in page and "Choose first conference or review conference." in page
    assert 'value="My ref"' in response.get_data(as_text=True)
    far = post_form(
        worker, "/staff/conferences/new", {"reference": "Far", "kind": "first", **day_fields(clock_.moment, 400)}
    )
    assert far.status_code == 400 and "must be from today to a year from today" in text_of(far.data)
    past = post_form(
        worker, "/staff/conferences/new", {"reference": "Past", "kind": "first", **day_fields(clock_.moment, -1)}
    )  # nothing could be sent to a record whose conference is over, and it would be deleted at once
    assert past.status_code == 400 and "must be from today to a year from today" in text_of(past.data)
    empty = post_form(worker, "/staff/conferences/new", {})
    summary = BeautifulSoup(empty.get_data(as_text=True), "html.parser").select(".error-summary li")
    problems = [item.get_text(" ", strip=True) for item in summary]
    assert problems == [
        "Enter your case reference.",
        "Enter the conference date, for example 27 3 2027.",
        "Choose first conference or review conference.",
    ]
    record_id = create_record(worker, clock_)
    bad_child = staff_action(worker, record_id, "/invitations", {"kind": "child", "language": "en", "name": "JB"})
    assert bad_child.status_code == 400 and "Enter the child's age" in text_of(bad_child.data)
    assert 'value="JB"' in bad_child.get_data(as_text=True)


def test_the_inbox_takes_the_same_few_queries_whatever_the_number_of_records_and_pages_them(any_app, worker, clock_):
    from sqlalchemy import event

    from familyguide.staff import accounts

    def queries(path):
        engine = any_app.extensions["familyguide.db"].kw["bind"]
        seen = []

        def count(*args, **kwargs):
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        assert worker.get(path).status_code == 200
        event.remove(engine, "before_cursor_execute", count)
        return len(seen)

    record_id = create_record(worker, clock_, reference="The first")
    invite(worker, record_id, language="en")
    few = queries("/staff/conferences")
    with any_app.test_request_context("/staff/"):
        account = accounts.find_by_email("worker@council.gov.uk")
        for n in range(invitations.INBOX_PAGE + 5):
            made = invitations.create_record(account, f"Bulk {n:03d}", clock_.moment.date(), "review", lambda *a: None)
            invitations.add_invitation(invitations.record_for(account, made), "parent", "ur", "", None, lambda *a: None)
    assert queries("/staff/conferences") == few
    first, second = (
        text_of(worker.get("/staff/conferences").data),
        text_of(worker.get("/staff/conferences?page=2").data),
    )
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert first.count("Bulk ") == invitations.INBOX_PAGE and second.count("Bulk ") + second.count("The first") == 6


def test_a_three_houses_started_from_a_childs_invitation_reaches_the_record_with_the_childs_choices(
    any_app, worker, clock_
):
    from familyguide.houses import store as houses_store
    from familyguide.staff import accounts

    from .support.houses import BASE, add_drawing, add_words, csrf_token, drawing_png, share

    record_id = create_record(worker, clock_)
    invite(worker, record_id, kind="child", language="en", name="O.K.", age="9")
    page = record_page(worker, record_id)
    child_id = re.search(r"/invitations/([\w-]+)/three-houses", page.get_data(as_text=True)).group(1)
    assert "Three Houses not started" in text_of(page.data)
    started = staff_action(worker, record_id, f"/invitations/{child_id}/three-houses")
    assert started.status_code == 303 and started.location.endswith("/en/three-houses/houses")
    # The same device: the child now uses the Three Houses; it is kept on the record as it changes.
    assert "My three houses" in text_of(worker.get(f"{BASE}/houses").data)
    token = csrf_token(worker)
    add_words(worker, token, "worries", "Shouting at night")
    add_words(worker, token, "dreams", "A puppy called Max")
    assert "Three Houses in progress" in text_of(worker.get("/staff/conferences").data)
    add_drawing(worker, token, "dreams", drawing_png(colour="blue"))  # stored apart in the draft, whole on the record
    drawn = worker.get(f"{BASE}/things/t3/drawing.png").data
    add_words(worker, token, "good-things", "My gran")  # a later save keeps the drawing on the record
    share(worker, token, {"t1": "no", "t2": "yes", "t3": "yes", "t4": "yes"})
    with any_app.app_context():
        account = accounts.find_by_email("worker@council.gov.uk")
        kept = houses_store.kept_on_record(invitations.record_for(account, record_id), child_id)
    drawing = next(t for t in kept["things"] if t["kind"] == "drawing")
    assert base64.b64decode(drawing["png"]) == drawn and drawing["jpeg"]
    assert "Three Houses done" in text_of(worker.get("/staff/conferences").data)

    pdf = worker.get(f"/staff/conferences/{record_id}/invitations/{child_id}/three-houses.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    from .support.pdf import pdf_text as text_of_pdf

    words = " ".join(text_of_pdf(pdf.data).split())
    assert "A puppy called Max" in words and "Shouting at night" not in words  # the child's no is kept
    other = any_app.test_client()
    set_up(any_app, other, clock_, "someone.else@council.gov.uk", team="North")
    assert other.get(f"/staff/conferences/{record_id}/invitations/{child_id}/three-houses.pdf").status_code == 404
    with any_app.app_context(), db.session() as s:
        dump = repr(s.execute(text("SELECT payload FROM sent_views")).all())
    assert "puppy" not in dump and "Shouting" not in dump


def test_a_childs_drawings_are_kept_apart_on_the_record_and_go_with_a_cancel_or_a_delete(any_app, worker, clock_):
    from .support.houses import BASE, add_drawing, add_words, csrf_token, noise_png, redirected
    from .support.writes import Writes

    def parts_on_record():
        with any_app.app_context(), db.session() as s:
            return s.execute(text("SELECT invitation_id FROM sent_view_parts")).scalars().all()

    record_id = create_record(worker, clock_)
    for name in ("O.K.", "A.B."):
        invite(worker, record_id, kind="child", language="en", name=name, age="9")
    found = re.findall(r"/invitations/([\w-]+)/three-houses", record_page(worker, record_id).get_data(as_text=True))
    children = list(dict.fromkeys(found))
    assert len(children) == 2
    for child_id in children:
        staff_action(worker, record_id, f"/invitations/{child_id}/three-houses")
        token = csrf_token(worker)
        for seed in (1, 2):
            assert redirected(add_drawing(worker, token, "dreams", noise_png(400, seed)))
        with Writes(any_app) as writes:
            assert redirected(add_words(worker, token, "worries", "Shouting at night"))
        assert "sent_view_parts" not in writes.tables() and "draft_parts" not in writes.tables()
        assert writes.total() < 20_000  # the words, on the draft and on the record; no drawing again
    assert sorted(parts_on_record()) == sorted([children[0]] * 2 + [children[1]] * 2)
    drawn = worker.get(f"{BASE}/things/t1/drawing.png").data
    pdf = worker.get(f"/staff/conferences/{record_id}/invitations/{children[1]}/three-houses.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    with any_app.app_context(), db.session() as s:
        sealed = [bytes(payload) for payload in s.execute(text("SELECT payload FROM sent_view_parts")).scalars()]
    assert not any(drawn in payload or base64.b64encode(drawn) in payload for payload in sealed)  # nothing in the clear

    asked = staff_action(worker, record_id, f"/invitations/{children[0]}/cancel")
    assert "Three Houses on this record is deleted" in text_of(asked.data)
    assert sorted(parts_on_record()) == sorted([children[0]] * 2 + [children[1]] * 2)  # not before they say yes
    staff_action(worker, record_id, f"/invitations/{children[0]}/cancel", {"confirm": "yes"})
    assert parts_on_record() == [children[1]] * 2
    staff_action(worker, record_id, "/delete", {"confirm": "yes"})
    assert parts_on_record() == []


def test_starting_the_three_houses_again_from_the_record_carries_on_with_what_the_child_made(any_app, clock_):
    """A week later, on another laptop, the worker presses the record's button again: the child carries on
    where they stopped, and nothing the record holds is lost."""
    from familyguide.houses import store as houses_store
    from familyguide.staff import accounts

    from .support.houses import BASE, add_drawing, add_words, csrf_token, drawing_png, share, stored
    from .support.writes import Writes

    def kept():
        with any_app.app_context():
            account = accounts.find_by_email("worker@council.gov.uk")
            return houses_store.kept_on_record(invitations.record_for(account, record_id), child_id)

    office = any_app.test_client()
    staff = set_up(any_app, office, clock_, "worker@council.gov.uk", team="North")
    record_id = create_record(office, clock_)
    invite(office, record_id, kind="child", language="en", name="O.K.", age="9")
    page = record_page(office, record_id)
    child_id = re.search(r"/invitations/([\w-]+)/three-houses", page.get_data(as_text=True)).group(1)
    assert "Start the Three Houses with this child" in text_of(page.data)
    staff_action(office, record_id, f"/invitations/{child_id}/three-houses")
    token = csrf_token(office)
    add_words(office, token, "worries", "Shouting at night")
    add_drawing(office, token, "dreams", drawing_png(colour="blue"))
    drawn = office.get(f"{BASE}/things/t2/drawing.png").data
    add_words(office, token, "dreams", "A puppy called Max")
    share(office, token, {"t1": "no", "t2": "yes", "t3": "yes"})
    before = kept()
    page = text_of(record_page(office, record_id).data)
    assert "Carry on with the Three Houses with this child" in page and "Start the Three Houses" not in page
    office.post("/exit")  # the quick exit: there was no code to come back with, the record is the way back
    gone = office.get(f"{BASE}/houses/worries")
    assert gone.status_code == 404 and "the worker can open it again from the record" in text_of(gone.data)

    laptop = any_app.test_client()
    sign_in(laptop, clock_, staff)
    carried_on = staff_action(laptop, record_id, f"/invitations/{child_id}/three-houses")
    assert carried_on.status_code == 303 and carried_on.location.endswith("/en/three-houses/houses")
    assert kept() == before  # every thing, drawing and choice
    on_laptop = stored(any_app, laptop)
    assert on_laptop.pop("holder") and on_laptop == before  # the laptop's copy, with its own name, as kept
    assert laptop.get(f"{BASE}/things/t2/drawing.png").data == drawn
    assert "Three Houses done" in text_of(laptop.get("/staff/conferences").data)
    pdf = laptop.get(f"/staff/conferences/{record_id}/invitations/{child_id}/three-houses.pdf")
    words = " ".join(pdf_text(pdf.data).split())
    assert "A puppy called Max" in words and "Shouting at night" not in words  # the child's no still holds
    worker_page = text_of(laptop.get(f"{BASE}/for-the-worker").data)
    assert "open the record and choose “Carry on with the Three Houses”" in worker_page
    assert "Your code to come back" not in worker_page

    token = csrf_token(laptop)
    with Writes(any_app) as writes:  # the drawing came as a drawing part, so a new word does not write it again
        add_words(laptop, token, "good-things", "My gran")
    assert "draft_parts" not in writes.tables() and "sent_view_parts" not in writes.tables()
    things = kept()["things"]
    assert [t["id"] for t in things] == ["t1", "t2", "t3", "t4"] and things[3]["text"] == "My gran"
    assert "Three Houses in progress" in text_of(laptop.get("/staff/conferences").data)  # "My gran" has no yes yet
    with any_app.app_context(), db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.record_id == record_id)))
    assert actions.count("three_houses_started") == 1 and actions.count("three_houses_continued") == 1


def test_two_devices_on_one_child_never_put_their_copies_over_each_other(any_app, clock_):
    """The worker opens the child's Three Houses on the office laptop, then on a tablet while the laptop's page
    is still open. Only the tablet, the last opened, may change what the record keeps: a change on the laptop is
    refused with a message and the words shown back, not put over what the child made on the tablet."""
    from familyguide.houses import store as houses_store
    from familyguide.staff import accounts

    from .support.houses import BASE, add_words, csrf_token

    def on_record():
        with any_app.app_context():
            account = accounts.find_by_email("worker@council.gov.uk")
            found = houses_store.kept_on_record(invitations.record_for(account, record_id), child_id)
        assert "holder" not in found  # a device's name stays on its own copy
        return [t["text"] for t in found["things"]]

    laptop, tablet = any_app.test_client(), any_app.test_client()
    staff = set_up(any_app, laptop, clock_, "worker@council.gov.uk", team="North")
    sign_in(tablet, clock_, staff)
    record_id = create_record(laptop, clock_)
    invite(laptop, record_id, kind="child", language="en", name="O.K.", age="9")
    page = record_page(laptop, record_id).get_data(as_text=True)
    child_id = re.search(r"/invitations/([\w-]+)/three-houses", page).group(1)
    staff_action(laptop, record_id, f"/invitations/{child_id}/three-houses")
    laptop_token = csrf_token(laptop)
    assert add_words(laptop, laptop_token, "worries", "Shouting at night").status_code == 200

    staff_action(tablet, record_id, f"/invitations/{child_id}/three-houses")
    tablet_token = csrf_token(tablet)
    assert add_words(tablet, tablet_token, "good-things", "My gran").status_code == 200
    refused = add_words(laptop, laptop_token, "dreams", "A puppy called Max")
    said = text_of(refused.data)
    assert refused.status_code == 409 and "This Three Houses is open on another device now" in said
    assert "A puppy called Max" in said  # shown back to copy, never lost with the request
    assert on_record() == ["Shouting at night", "My gran"]
    gone = laptop.get(f"{BASE}/houses/worries")  # the laptop's copy is closed
    assert gone.status_code == 404 and "There is no Three Houses open" in text_of(gone.data)
    assert add_words(tablet, tablet_token, "dreams", "A puppy called Max").status_code == 200
    assert on_record() == ["Shouting at night", "My gran", "A puppy called Max"]

    staff_action(laptop, record_id, f"/invitations/{child_id}/three-houses")  # back on the laptop: it holds it now
    assert add_words(laptop, csrf_token(laptop), "worries", "The dark").status_code == 200
    told = tablet.get(f"{BASE}/houses/dreams")  # told on its next page, before the child makes anything there
    assert told.status_code == 409 and "This Three Houses is open on another device now" in text_of(told.data)
    assert "These are the words that were typed" not in text_of(told.data)
    assert add_words(tablet, tablet_token, "worries", "Spiders").status_code == 404  # its copy is closed
    assert on_record() == ["Shouting at night", "My gran", "A puppy called Max", "The dark"]


def test_a_first_start_never_replaces_a_three_houses_the_record_already_keeps(any_app, worker, clock_):
    """Two devices press Start at the same moment: the one a little behind must not put an empty Three Houses
    over what the other has already kept."""
    from familyguide.houses.activity import new_activity
    from familyguide.staff import accounts

    record_id = create_record(worker, clock_)
    invite(worker, record_id, kind="child", language="en", name="O.K.", age="9")
    child_id = re.search(r"/invitations/([\w-]+)/three-houses", record_page(worker, record_id).get_data(as_text=True))
    child_id = child_id.group(1)
    made = new_activity("O.K.", 9, "en", "worker", "2026-11-22", "en")
    with any_app.app_context():
        record = invitations.record_for(accounts.find_by_email("worker@council.gov.uk"), record_id)
        words = {**made, "things": [{"id": "t1", "house": "worries", "kind": "words", "text": "Shouting at night"}]}
        assert invitations.houses_saved(child_id, words, {}, done=False)
        assert not invitations.houses_saved(child_id, made, {}, done=False, first=True)
        assert [t["text"] for t in invitations.houses_of(record, child_id)[0]["things"]] == ["Shouting at night"]


def test_every_record_page_is_sound(any_app, worker, clock_):
    from .test_staff_pages import sound

    sound(worker.get("/staff/conferences"))
    sound(worker.get("/staff/conferences/new"))
    sound(post_form(worker, "/staff/conferences/new", {"reference": ""}), 400)
    record_id, invitation_id, link, _ = _invited_parent(any_app, worker, clock_)
    invite(worker, record_id, kind="child", language="ar", name="ع.م", age="7")
    sound(record_page(worker, record_id))
    sound(staff_action(worker, record_id, "/invitations", {"kind": "child", "language": "en", "name": ""}), 400)
    sound(staff_action(worker, record_id, f"/invitations/{invitation_id}/code"))
    link, _ = new_code(worker, record_id, invitation_id)  # (the page above made a new one: the first stopped)
    parent = parent_in(any_app, "pl")
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.post("/send")
    sound(worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views"))
    sound(worker.get("/staff/conferences"))
    sound(worker.get(f"/staff/conferences/{record_id}/change"))
    sound(post_form(worker, f"/staff/conferences/{record_id}/change", {"reference": ""}), 400)
    sound(staff_action(worker, record_id, f"/invitations/{invitation_id}/cancel"))
    sound(staff_action(worker, record_id, "/delete"))
    sound(staff_action(worker, record_id, "/delete", {"confirm": "yes"}))


def test_a_manager_gives_a_record_to_another_worker_in_the_team(any_app, worker, clock_):
    from .support.staff import csrf_token

    record_id = create_record(worker, clock_, reference="Moving case")
    second = any_app.test_client()
    set_up(any_app, second, clock_, "second@council.gov.uk", team="North")
    south = any_app.test_client()
    set_up(any_app, south, clock_, "south.worker@council.gov.uk", team="South")
    manager = any_app.test_client()
    set_up(any_app, manager, clock_, "north.manager@council.gov.uk", role="manager", team="North")
    page = manager.get(f"/staff/conferences/{record_id}")
    html = page.get_data(as_text=True)
    assert "second@council.gov.uk" in html and "south.worker@council.gov.uk" not in html
    assert "Give this record to another worker" not in text_of(worker.get(f"/staff/conferences/{record_id}").data)
    with any_app.app_context(), db.session() as s:
        south_id = s.scalar(text("SELECT id FROM staff_accounts WHERE email = 'south.worker@council.gov.uk'"))
        second_id = s.scalar(text("SELECT id FROM staff_accounts WHERE email = 'second@council.gov.uk'"))
    refused = manager.post(
        f"/staff/conferences/{record_id}/reassign", data={"worker": str(south_id), "csrf_token": csrf_token(page)}
    )
    assert refused.status_code == 400 and "Choose a worker in your team." in text_of(refused.data)
    given = manager.post(
        f"/staff/conferences/{record_id}/reassign", data={"worker": str(second_id), "csrf_token": csrf_token(page)}
    )
    assert given.status_code == 303
    assert worker.get(f"/staff/conferences/{record_id}").status_code == 404
    assert "Moving case" in text_of(second.get("/staff/conferences").data)
    worker_page = second.get("/staff/")  # a worker, even the record's new owner, cannot reassign: 404
    assert (
        second.post(
            f"/staff/conferences/{record_id}/reassign",
            data={"worker": str(second_id), "csrf_token": csrf_token(worker_page)},
        ).status_code
        == 404
    )
    with any_app.app_context(), db.session() as s:
        first_id = s.scalar(text("SELECT id FROM staff_accounts WHERE email = 'worker@council.gov.uk'"))
        given_entries = list(
            s.scalars(
                select(AuditEntry.target).where(
                    AuditEntry.record_id == record_id, AuditEntry.action == "record_reassigned"
                )
            )
        )
    assert given_entries == [f"from account {first_id} to account {second_id}"]  # who had it, who has it now


# Times and days in England and Wales (GMT in winter, BST in summer), though stored in UTC.


def _worker_at(app, monkeypatch, moment):
    clock_ = Clock(monkeypatch)
    clock_.moment = moment
    client = app.test_client()
    client.staff = set_up(app, client, clock_, "worker@council.gov.uk", team="North")
    return client, clock_


def _parent_sends(app, link, lang="pl"):
    parent = parent_in(app, lang)
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=POLISH_ANSWER)
    assert parent.post("/send").status_code == 200
    return parent


@pytest.mark.parametrize(
    "moment, shown",
    [
        (datetime(2027, 6, 1, 13, 45), "1 June 2027 14:45"),  # summer: BST, an hour ahead of UTC
        (datetime(2027, 12, 1, 13, 45), "1 December 2027 13:45"),  # winter: GMT
    ],
)
def test_a_worker_reads_when_views_were_sent_in_the_time_in_england(any_app, monkeypatch, moment, shown):
    worker, clock_ = _worker_at(any_app, monkeypatch, moment)
    record_id, invitation_id, link, _ = _invited_parent(any_app, worker, clock_)
    _parent_sends(any_app, link)
    assert f"Parent or carer, Polish (Polski): Sent {shown} (version 1)" in text_of(
        worker.get("/staff/conferences").data
    )
    assert f"Sent {shown} (version 1)" in text_of(record_page(worker, record_id).data)
    views = worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views")
    assert f"Sent {shown} (version 1)." in text_of(views.data)


def test_the_conference_day_ends_at_midnight_in_england(any_app, monkeypatch):
    worker, clock_ = _worker_at(any_app, monkeypatch, datetime(2027, 5, 26, 12, 0))
    record_id, _, link, _ = _invited_parent(any_app, worker, clock_, lang="en")  # the conference: 1 June 2027
    parent = parent_in(any_app)
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.post("/save")  # a resume code: the draft is kept 30 days
    clock_.moment = datetime(2027, 5, 31, 23, 30)  # 00:30 on 1 June in England
    assert parent.post("/send").status_code == 200
    assert "You sent your views on 1 June 2027." in parent.page_text("/check-your-answers")
    clock_.moment = datetime(2027, 6, 1, 22, 30)  # 23:30 in England: still the conference day
    assert parent.post("/send").status_code == 200
    clock_.moment = datetime(2027, 6, 1, 23, 30)  # 00:30 on 2 June in England
    assert parent.post("/send").status_code == 410


def test_a_record_copied_after_midnight_in_summer_is_deleted_seven_days_from_that_day(any_app, monkeypatch):
    worker, clock_ = _worker_at(any_app, monkeypatch, datetime(2027, 5, 30, 12, 0))
    record_id = create_record(worker, clock_, days_ahead=4)  # the conference on 3 June
    clock_.moment = datetime(2027, 6, 4, 23, 30)  # 00:30 on 5 June in England
    sign_in(worker, clock_, worker.staff)
    staff_action(worker, record_id, "/copied")
    page = text_of(record_page(worker, record_id).data)
    assert "Copied into the case record 5 June 2027" in page and "Deleted on 12 June 2027" in page

    def purge():
        with any_app.app_context():
            return any_app.test_cli_runner().invoke(args=["purge"]).output

    clock_.moment = datetime(2027, 6, 11, 22, 59)  # 23:59 on 11 June in England
    purge()
    assert _stored(any_app) == {record_id}
    clock_.moment = datetime(2027, 6, 11, 23, 0)  # midnight: 12 June in England
    assert "Deleted 1 conference record(s)" in purge()
    assert _stored(any_app) == set()


def test_the_worker_s_pdf_of_the_views_is_dated_the_day_the_parent_sent_them(any_app, monkeypatch):
    clock_ = Clock(monkeypatch)
    clock_.moment = datetime(2027, 6, 1, 23, 0)
    worker = any_app.test_client()
    staff = set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    record_id, invitation_id, link, _ = _invited_parent(any_app, worker, clock_, lang="en")
    clock_.moment = datetime(2027, 6, 1, 23, 30)  # 00:30 on 2 June in England
    _parent_sends(any_app, link, lang="en")
    clock_.moment = datetime(2027, 6, 4, 10, 0)  # the worker reads them three days later
    sign_in(worker, clock_, staff)
    pdf = worker.get(f"/staff/conferences/{record_id}/invitations/{invitation_id}/views.pdf")
    assert pdf.status_code == 200
    assert pdf_text(pdf.data).startswith("My views for the conference Written on 2 June 2027")


def test_a_worker_moves_the_conference_to_another_day_and_the_deletion_date_and_sending_follow(any_app, worker, clock_):
    record_id, _, link, _ = _invited_parent(any_app, worker, clock_, lang="en")  # the conference in 6 days
    parent = parent_in(any_app)
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.post("/save")  # a resume code: the draft is kept 30 days
    page = worker.get(f"/staff/conferences/{record_id}/change")
    html = page.get_data(as_text=True)
    assert "Print a new letter for each family" in text_of(html)
    assert 'value="Case 4471/AB"' in html and 'id="kind-first" name="kind" type="radio" value="first" checked' in html
    moved = clock.today() + timedelta(days=40)
    changed = post_form(
        worker,
        f"/staff/conferences/{record_id}/change",
        {"reference": "Case 4471/AC", "kind": "review", **day_fields(clock_.moment, 40)},
        page,
    )
    assert changed.status_code == 303 and changed.location.endswith(f"/staff/conferences/{record_id}")
    shown = text_of(record_page(worker, record_id).data)
    assert f"Review conference, {moved:%-d %B %Y}" in shown and "Case 4471/AC" in shown
    assert f"Deleted on {moved + timedelta(days=28):%-d %B %Y}" in shown

    clock_.advance(days=7)  # past the old conference day: the parent can still send, as the new one is ahead
    assert parent.post("/send").status_code == 200
    with any_app.app_context():
        assert any_app.test_cli_runner().invoke(args=["purge"]).exit_code == 0
    assert _stored(any_app) == {record_id}
    with any_app.app_context(), db.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.record_id == record_id)))
        dump = repr([tuple(row) for row in s.execute(text("SELECT * FROM staff_audit"))])
    assert "record_changed" in actions and "4471" not in dump


def test_a_changed_record_keeps_what_was_typed_when_it_is_wrong_and_others_cannot_change_it(any_app, worker, clock_):
    record_id = create_record(worker, clock_)
    path = f"/staff/conferences/{record_id}/change"
    wrong = post_form(worker, path, {"reference": "  ", "day": "30", "month": "2", "year": "2027", "kind": "first"})
    assert wrong.status_code == 400
    assert "Enter your case reference." in text_of(wrong.data) and "Enter the conference date" in text_of(wrong.data)
    assert 'value="30"' in wrong.get_data(as_text=True) and 'value="2"' in wrong.get_data(as_text=True)
    assert "Case 4471/AB" in text_of(record_page(worker, record_id).data)  # nothing changed

    other = any_app.test_client()
    set_up(any_app, other, clock_, "other@council.gov.uk", team="South")
    assert other.get(path).status_code == 404
    refused = post_form(
        other,
        path,
        {"reference": "Taken", "kind": "first", **day_fields(clock_.moment, 3)},
        other.get("/staff/conferences/new"),
    )
    assert refused.status_code == 404
    assert "Taken" not in text_of(record_page(worker, record_id).data)


def test_a_record_whose_conference_has_passed_can_still_have_its_reference_corrected(any_app, monkeypatch):
    clock_ = Clock(monkeypatch)
    worker = any_app.test_client()
    staff = set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    record_id = create_record(worker, clock_, days_ahead=1)
    clock_.advance(days=3)  # the conference was two days ago
    sign_in(worker, clock_, staff)
    path = f"/staff/conferences/{record_id}/change"
    page = worker.get(path)
    kept_date = {name: value for name, value in day_fields(clock_.moment, -2).items()}
    fixed = post_form(worker, path, {"reference": "Case 4471/AB-2", "kind": "first", **kept_date}, page)
    assert fixed.status_code == 303
    assert "Case 4471/AB-2" in text_of(record_page(worker, record_id).data)
    earlier = post_form(worker, path, {"reference": "Case 4471/AB-2", "kind": "first", **day_fields(clock_.moment, -3)})
    assert earlier.status_code == 400 and "must be from today to a year from today" in text_of(earlier.data)


def test_views_not_read_yet_are_counted_and_marked_until_staff_open_them(any_app, worker, clock_):
    """The e-mail says views arrived, and no more: the inbox says how many are not read yet and marks each."""
    record_id, invitation_id, link, _ = _invited_parent(any_app, worker, clock_, lang="en")
    views = f"/staff/conferences/{record_id}/invitations/{invitation_id}/views"
    assert "not read" not in text_of(worker.get("/staff/conferences").data).lower()
    parent = _parent_sends(any_app, link, lang="en")
    inbox = text_of(worker.get("/staff/conferences").data)
    assert "Views not read yet: 1." in inbox and "(version 1). Not read yet." in inbox
    assert "(version 1). Not read yet." in text_of(record_page(worker, record_id).data)
    assert worker.get(views).status_code == 200
    assert "not read" not in text_of(worker.get("/staff/conferences").data).lower()
    assert "Not read yet" not in text_of(record_page(worker, record_id).data)

    parent.answer("kept_safe", text="Version two's words.")
    assert parent.post("/send").status_code == 200
    assert "(version 2). Not read yet." in text_of(worker.get("/staff/conferences").data)
    assert worker.get(views + ".pdf").status_code == 200  # a download counts as opening it
    assert "not read" not in text_of(worker.get("/staff/conferences").data).lower()


def test_a_three_houses_grown_past_a_lowered_limit_says_so_and_stays_on_the_record(any_app, clock_, monkeypatch):
    from .support.houses import add_words, csrf_token

    worker = any_app.test_client()
    set_up(any_app, worker, clock_, "worker@council.gov.uk", team="North")
    record_id = create_record(worker, clock_)
    invite(worker, record_id, kind="child", language="en", name="O.K.", age="9")
    child_id = re.search(r"/invitations/([\w-]+)/three-houses", record_page(worker, record_id).get_data(as_text=True))[
        1
    ]
    staff_action(worker, record_id, f"/invitations/{child_id}/three-houses")
    add_words(worker, csrf_token(worker), "worries", "Shouting at night " * 20)
    monkeypatch.setitem(any_app.config, "DRAFT_MAX_BYTES", 200)  # the council lowers the limit
    refused = staff_action(worker, record_id, f"/invitations/{child_id}/three-houses")
    assert refused.status_code == 413
    assert "cannot be carried on here. Download its PDF: it stays on the record." in text_of(refused.data)
    assert worker.get(f"/staff/conferences/{record_id}/invitations/{child_id}/three-houses.pdf").status_code == 200
