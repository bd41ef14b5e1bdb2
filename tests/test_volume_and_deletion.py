"""No client can flood the service, drafts nobody can come back to do not linger, and deleted means gone
from the database files, not only from the table."""

import re
from datetime import datetime, timedelta
from pathlib import Path

from familyguide import clock, db, resume_codes, storage
from familyguide.prepare.drafts import KIND

from .conftest import CheckedClient
from .support.at_rest import words_readable
from .support.pagecheck import text_of
from .support.prepare import Parent


def limited_parent(app_on, url, **limits):
    app = app_on(url, **limits)
    db.upgrade(url)
    return app, Parent(CheckedClient(app.test_client()))


def test_a_client_that_starts_too_many_drafts_is_stopped_with_a_clear_page(any_db_url, app_on):
    _, parent = limited_parent(app_on, any_db_url, DRAFTS_PER_HOUR=3)
    assert [parent.post("/start").status_code for _ in range(3)] == [303] * 3
    stopped = parent.post("/start")
    assert stopped.status_code == 429
    assert "Please wait an hour and try again." in text_of(stopped.data)


def test_saves_and_pdfs_have_their_own_hourly_limits(any_db_url, app_on):
    _, parent = limited_parent(app_on, any_db_url, SAVES_PER_HOUR=4, PDFS_PER_HOUR=2)
    parent.start()  # a draft, not a save
    assert parent.answer("conference_kind", choice="first").status_code == 303
    assert [parent.answer("going_well", text=f"try {n}").status_code for n in range(3)] == [303, 303, 303]
    assert parent.answer("going_well", text="one too many").status_code == 429
    pdfs = [parent.get("/my-views-for-the-conference.pdf").status_code for _ in range(3)]
    assert pdfs == [200, 200, 429]


def test_a_draft_that_never_got_a_code_has_a_short_life(app, client, monkeypatch):
    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    with app.app_context():
        unsaved = storage.create(KIND, {"answers": {}})
        saved = storage.create(KIND, {"answers": {}})
        storage.issue_resume_code(saved)
    now += timedelta(hours=25)
    with app.app_context():
        assert storage.load(unsaved, KIND) is None and storage.load(saved, KIND) == {"answers": {}}
        assert storage.purge_expired() == 1
        assert storage.load(saved, KIND) == {"answers": {}}


def test_after_delete_and_purge_nothing_in_the_sqlite_files_can_be_read(app, client, monkeypatch):
    database = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    files = [database, database.with_name(database.name + "-wal")]
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    for n in range(5):  # every save writes another sealed copy
        parent.answer("going_well", text=f"Words to forget, version {n}")
    with client.raw.session_transaction() as session:
        token = session["prepare_draft"]
    assert words_readable(app, files, [token])  # the test does see the copies while the draft lives
    assert not words_readable(app, files, ["someone else's token"])  # the server's keys alone open nothing
    parent.post("/delete")
    assert words_readable(app, files, [token]) == []  # even with a copy of the old cookie

    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    with app.app_context():
        tokens = [storage.create(KIND, {"answers": {"going_well": {"value": f"old {n}"}}}) for n in range(3)]
        codes = [resume_codes.normalise(storage.issue_resume_code(t)) for t in tokens]
    assert len(words_readable(app, files, tokens, codes)) >= 3
    assert len(words_readable(app, files, [], codes)) >= 3  # a code alone opens its draft
    now += timedelta(days=31)
    with app.app_context():
        assert storage.purge_expired() == 3
    assert words_readable(app, files, tokens, codes) == []


def test_in_the_sqlite_files_each_code_opens_the_draft_until_it_goes_and_then_none_does(app, client, monkeypatch):
    """A parent given several codes: each one alone opens her words in a copy of the files; one beyond the newest
    few, and all of them once she deletes, open nothing (nor do those of a draft the purge deleted)."""
    database = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    files = [database, database.with_name(database.name + "-wal")]
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("going_well", text="Words under every code")
    codes = [resume_codes.normalise(parent.save_for_later()) for _ in range(storage.CODES_PER_DRAFT + 1)]
    assert words_readable(app, files, [], codes[:1]) == []  # beyond the newest few: its wrapped key is gone
    for code in codes[1:]:
        assert words_readable(app, files, [], [code])
    parent.post("/delete")
    assert words_readable(app, files, [], codes) == []

    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    with app.app_context():
        token = storage.create(KIND, {"answers": {"going_well": {"value": "old words"}}})
        storage.load(token, KIND)
        codes = [resume_codes.normalise(storage.issue_resume_code(token)) for _ in range(2)]
    assert all(words_readable(app, files, [], [code]) for code in codes)
    now += timedelta(days=31)
    with app.app_context():
        assert storage.purge_expired() == 1
    assert words_readable(app, files, [token], codes) == []


def test_after_the_quick_exit_a_copy_of_the_old_cookie_opens_nothing(app, client):
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("going_well", text="Only for me")
    copied = client.raw.get_cookie("session").value  # someone copies the cookie before the parent leaves
    with client.raw.session_transaction() as session:  # the cookie holds a token, not the draft's id
        assert "prepare_draft" in session and session["prepare_draft"] != _draft_of(app, session)
    assert client.raw.post("/exit").status_code == 303
    thief = app.test_client()
    thief.set_cookie("session", copied, domain="localhost")
    response = thief.get("/en/prepare/check-your-answers")
    assert response.status_code == 404 and "Only for me" not in response.get_data(as_text=True)


def test_every_resume_makes_a_new_binding_and_delete_revokes_them_all(app, client):
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    code = re.search(r"<strong>([\w-]+)</strong>", parent.post("/save").get_data(as_text=True)).group(1)
    phone, laptop = (Parent(CheckedClient(app.test_client())) for _ in range(2))
    tokens = []
    for device in (phone, laptop):
        assert device.post("/come-back", {"code": code}).status_code == 303
        with device.client.raw.session_transaction() as session:
            tokens.append(session["prepare_draft"])
    assert len(set(tokens)) == 2
    laptop.post("/delete")
    assert phone.get("/check-your-answers").status_code == 404


def _draft_of(app, session):
    with app.app_context():
        return storage.bound_draft(session["prepare_draft"])


def test_a_pdf_asked_for_twice_is_built_once_until_the_draft_changes(client, monkeypatch):
    from familyguide.prepare import views_pdf

    built = []
    real = views_pdf.document
    monkeypatch.setattr(views_pdf, "document", lambda *args: built.append(1) or real(*args))
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    first = parent.get("/my-views-for-the-conference.pdf")
    again = parent.get("/my-views-for-the-conference.pdf")
    assert first.data == again.data and first.data.startswith(b"%PDF-") and len(built) == 1
    parent.answer("kept_safe", text="I asked my sister to stay")
    changed = parent.get("/my-views-for-the-conference.pdf")
    assert len(built) == 2 and changed.data != first.data
