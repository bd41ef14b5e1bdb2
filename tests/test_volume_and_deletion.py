"""No client can flood the service, drafts nobody can come back to do not linger, and deleted means gone
from the database files, not only from the table."""

import re
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from familyguide import clock, db, storage
from familyguide.prepare.drafts import KIND

from .conftest import TEST_KEY, CheckedClient
from .pagecheck import text_of
from .test_prepare_support import Parent

FERNET_TOKEN = re.compile(rb"gAAAAA[A-Za-z0-9_\-]{40,}={0,2}")


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


def _decrypts(fernet, run):
    """The plain text of the Fernet token at the start of ``run`` (which may run on into the next column's
    bytes), or None. A token's length is a multiple of 4."""
    for length in range(len(run) - len(run) % 4, 99, -4):
        try:
            return fernet.decrypt(run[:length])
        except (InvalidToken, ValueError):
            continue
    return None


def _tokens_that_decrypt(paths, key):
    """Every encrypted copy, anywhere in the files, that the key still opens."""
    fernet = Fernet(key)
    found = []
    for path in paths:
        for run in FERNET_TOKEN.findall(path.read_bytes() if path.exists() else b""):
            if (plain := _decrypts(fernet, run)) is not None:
                found.append(plain)
    return found


def test_after_delete_and_purge_no_copy_in_the_sqlite_files_decrypts(app, client, monkeypatch):
    database = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    files = [database, database.with_name(database.name + "-wal")]
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    for n in range(5):  # every save writes another encrypted copy
        parent.answer("going_well", text=f"Words to forget, version {n}")
    assert _tokens_that_decrypt(files, TEST_KEY)  # the test can see copies while the draft lives
    parent.post("/delete")
    assert _tokens_that_decrypt(files, TEST_KEY) == []

    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    with app.app_context():
        for n in range(3):
            storage.issue_resume_code(storage.create(KIND, {"answers": {"going_well": {"value": f"old {n}"}}}))
    assert _tokens_that_decrypt(files, TEST_KEY)
    now += timedelta(days=31)
    with app.app_context():
        assert storage.purge_expired() == 3
    assert _tokens_that_decrypt(files, TEST_KEY) == []


def test_after_the_quick_exit_a_copy_of_the_old_cookie_opens_nothing(app, client):
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("going_well", text="Only for me")
    copied = client.raw.get_cookie("session").value  # someone copies the cookie before the parent leaves
    with client.raw.session_transaction() as session:
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
