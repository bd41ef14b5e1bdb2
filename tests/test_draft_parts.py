"""A Three Houses keeps each drawing in a row of its own (issue 17): adding a word rewrites only the small words,
deleting and the purge take the drawings too, and a draft holds at most FAMILYGUIDE_DRAFT_MAX_BYTES."""

import base64
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from bs4 import BeautifulSoup
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.pool import NullPool

from familyguide import clock, crypto, db, storage
from familyguide.houses.store import KIND
from familyguide.models import Draft, DraftPart
from familyguide.text import clean_text

from .conftest import CheckedClient
from .support.at_rest import words_readable
from .support.houses import (
    BASE,
    add_drawing,
    add_words,
    draft_id,
    drawing_png,
    noise_png,
    redirected,
    session_token,
    start,
    stored,
)
from .support.pagecheck import text_of
from .support.writes import Writes


def houses_on(app_on, url, **settings):
    app = app_on(url, **settings)
    db.upgrade(url)
    return app, CheckedClient(app.test_client())


def part_rows(app):
    with app.app_context(), db.session() as s:
        return s.execute(select(DraftPart.draft_id, func.length(DraftPart.payload))).all()


def test_adding_a_word_after_megabytes_of_drawings_writes_only_the_small_words(any_db_url, app_on):
    app, client = houses_on(app_on, any_db_url)
    token = start(client)
    drawings = [noise_png(400, seed) for seed in range(3)]
    for drawing in drawings[:2]:
        assert redirected(add_drawing(client, token, "dreams", drawing))
    with Writes(app) as drawing_writes:  # what the measure sees when a drawing is written
        assert redirected(add_drawing(client, token, "dreams", drawings[2]))
    assert drawing_writes.total() > 600_000 and "draft_parts" in drawing_writes.tables()
    parts = part_rows(app)
    assert len(parts) == 3 and sum(size for _, size in parts) > 2_000_000  # sealed: over 2 MB of drawings
    with Writes(app) as writes:
        assert redirected(add_words(client, token, "worries", "Shouting at night"))
    assert writes.tables() == {"drafts", "rate_limits"}  # no drawing row is written again
    assert writes.total() < 10_000
    activity = stored(app, client)
    assert [t["text"] for t in activity["things"] if t["kind"] == "words"] == ["Shouting at night"]
    assert [base64.b64decode(t["png"]) for t in activity["things"] if t["kind"] == "drawing"] == [
        client.get(f"{BASE}/things/t{n}/drawing.png").data for n in (1, 2, 3)
    ]


def test_a_new_drawing_writes_its_own_row_and_taking_one_out_deletes_only_that_row(any_db_url, app_on):
    app, client = houses_on(app_on, any_db_url)
    token = start(client)
    add_drawing(client, token, "dreams", noise_png(300, 1))
    with Writes(app) as writes:
        assert redirected(add_drawing(client, token, "dreams", drawing_png()))
    assert writes.tables() == {"drafts", "draft_parts", "rate_limits"}
    assert writes.total() < 100_000  # the small new drawing, not the big one again
    with Writes(app) as writes:
        assert client.raw.post(f"{BASE}/things/t1/remove", data={"csrf_token": token}).status_code == 303
    assert len(part_rows(app)) == 1 and writes.total() < 10_000
    assert client.get(f"{BASE}/things/t1/drawing.png").status_code == 404
    assert client.get(f"{BASE}/things/t2/drawing.png").data.startswith(b"\x89PNG")


def test_deleting_the_work_deletes_its_drawing_rows(any_db_url, app_on):
    app, client = houses_on(app_on, any_db_url)
    token = start(client)
    add_drawing(client, token, "dreams", drawing_png())
    other = CheckedClient(app.test_client())
    other_token = start(other)
    add_drawing(other, other_token, "worries", drawing_png(colour="blue"))
    assert len(part_rows(app)) == 2
    client.post(f"{BASE}/delete", data={"csrf_token": token})
    assert [row.draft_id for row in part_rows(app)] == [draft_id(other)]  # the other child's stays


def test_the_purge_deletes_the_drawing_rows_of_expired_work(any_db_url, app_on, monkeypatch):
    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    app, client = houses_on(app_on, any_db_url)
    token = start(client)
    add_drawing(client, token, "dreams", drawing_png())
    assert len(part_rows(app)) == 1
    monkeypatch.setattr(clock, "now", lambda: now + timedelta(days=31))  # past DRAFT_RETENTION_DAYS
    with app.app_context():  # as `flask --app familyguide purge` runs it
        result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0 and "Deleted 1 expired draft(s)." in result.output
    assert part_rows(app) == []


def test_the_drawings_come_back_with_the_code_after_the_quick_exit(any_db_url, app_on):
    app, client = houses_on(app_on, any_db_url)
    token = start(client)
    add_drawing(client, token, "dreams", drawing_png())
    drawn = client.get(f"{BASE}/things/t1/drawing.png").data
    code = BeautifulSoup(client.get(f"{BASE}/for-the-worker").get_data(as_text=True), "html.parser")
    code = code.select_one(".resume-code").get_text(strip=True)
    assert client.raw.post("/exit").status_code == 303
    assert client.get(f"{BASE}/things/t1/drawing.png").status_code == 404
    laptop = CheckedClient(app.test_client())
    token = start(laptop)  # a worker's other device, with some other work open
    back = laptop.post(f"{BASE}/come-back", data={"csrf_token": token, "code": code}, follow_redirects=True)
    assert redirected(back)
    assert laptop.get(f"{BASE}/things/t1/drawing.png").data == drawn
    pdf = laptop.get(f"{BASE}/three-houses.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def test_after_delete_no_drawing_can_be_read_from_the_sqlite_files(app, client):
    database = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    files = [database, database.with_name(database.name + "-wal")]
    token = start(client)
    add_drawing(client, token, "dreams", drawing_png(size=(60, 40)))  # small: its row sits whole in one page
    add_words(client, token, "worries", "Words to forget")
    png = client.get(f"{BASE}/things/t1/drawing.png").data
    secret = session_token(client)
    readable = words_readable(app, files, [secret])
    assert {"png", "jpeg"} <= set().union(*(value for value in readable if isinstance(value, dict)))
    assert not any(base64.b64encode(png) in path.read_bytes() or png in path.read_bytes() for path in files)
    assert words_readable(app, files, ["someone else's token"]) == []
    client.post(f"{BASE}/delete", data={"csrf_token": token})
    assert words_readable(app, files, [secret]) == []  # even with a copy of the old cookie


def test_a_draft_saved_with_its_drawings_inside_moves_them_out_at_its_next_save(app, client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    png = noise_png(60)  # about 11 KB: far more than the words
    with app.app_context():  # as a Three Houses was stored before drawings had rows of their own
        found = storage.load_with_parts(session_token(client), KIND)
        words, _ = found
        words["things"].append(
            dict(words["things"][0], id="t9", kind="drawing", text="", png=base64.b64encode(png).decode(), jpeg="eA==")
        )
        assert storage.save(session_token(client), words)
    assert client.get(f"{BASE}/things/t9/drawing.png").data == png  # read from the words, as it was stored
    assert part_rows(app) == []
    add_words(client, token, "dreams", "A puppy")
    assert len(part_rows(app)) == 1
    with app.app_context(), db.session() as s:
        assert s.scalar(select(func.length(Draft.payload))) < len(png)  # the words no longer hold it
    assert client.get(f"{BASE}/things/t9/drawing.png").data == png


def test_a_save_from_an_older_version_writes_no_drawing_and_is_redone(any_db_url, app_on):
    app, _ = houses_on(app_on, any_db_url)
    with app.test_request_context():
        token = storage.create(KIND, {"things": []})
    with app.app_context():  # two requests open the same version
        first = storage.load_with_parts(token, KIND)
        with app.app_context():
            second = storage.load_with_parts(token, KIND)
            assert storage.save(token, {"things": ["a"]}, {"t1": {"png": "first"}})
        with pytest.raises(storage.DraftConflict):
            storage.save(token, {"things": ["b"]}, {"t2": {"png": "second"}})
    assert first == second == ({"things": []}, {})
    with app.test_request_context():
        assert storage.load_with_parts(token, KIND) == ({"things": ["a"]}, {"t1": {"png": "first"}})


# The cap: FAMILYGUIDE_DRAFT_MAX_BYTES counts what is stored, sealed, words and parts together.


def sealed_size(words, parts):
    key = crypto.new_data_key()  # a sealed value's length depends only on what is sealed
    return len(crypto.seal(key, words)) + sum(len(crypto.seal(key, value)) for value in parts.values())


@pytest.mark.parametrize("room", [1, 0, -1], ids=["just under", "at", "over"])
def test_a_draft_holds_up_to_the_cap_and_a_save_over_it_stores_nothing(any_db_url, app_on, room):
    words, parts = {"things": ["Shouting at night"]}, {"t1": {"png": "x" * 5000}}
    cap = sealed_size(words, parts) + room  # room to spare: 1 byte, none, 1 byte short
    app, _ = houses_on(app_on, any_db_url, DRAFT_MAX_BYTES=cap)
    with app.test_request_context():
        token = storage.create(KIND, {"things": []})
    with app.test_request_context():
        storage.load_with_parts(token, KIND)
        if room >= 0:
            assert storage.save(token, words, parts)
        else:
            with pytest.raises(storage.DraftTooBig):
                storage.save(token, words, parts)
    with app.test_request_context():
        expected = (words, parts) if room >= 0 else ({"things": []}, {})
        assert storage.load_with_parts(token, KIND) == expected
        with db.session() as s:
            stored_bytes = s.scalar(select(func.length(Draft.payload))) + sum(size for _, size in part_rows(app))
    assert stored_bytes <= cap


@pytest.mark.parametrize("room", [0, -1], ids=["at", "over"])
def test_a_draft_made_with_its_drawings_holds_them_apart_within_the_cap(any_db_url, app_on, room):
    """A Three Houses carried on from a conference record starts with its drawings: they go in rows of their
    own, count against the cap like a save's, and a new draft over the cap stores nothing."""
    words, parts = {"things": ["Shouting at night"]}, {"t1": {"png": "x" * 5000}}
    app, _ = houses_on(app_on, any_db_url, DRAFT_MAX_BYTES=sealed_size(words, parts) + room)
    with app.test_request_context():
        if room < 0:
            with pytest.raises(storage.DraftTooBig):
                storage.create(KIND, words, parts)
        else:
            token = storage.create(KIND, words, parts)
    with app.test_request_context():
        if room < 0:
            with db.session() as s:
                assert s.scalar(select(func.count()).select_from(Draft)) == 0
            assert part_rows(app) == []
        else:
            assert storage.load_with_parts(token, KIND) == (words, parts)
            assert len(part_rows(app)) == 1


def test_a_word_over_the_cap_is_refused_in_the_childs_language_and_kept_in_the_box(any_db_url, app_on):
    probe, probe_client = houses_on(app_on, any_db_url)
    start(probe_client, child_lang="pl", worker_lang="pl")
    with probe.app_context(), db.session() as s:
        empty = s.scalar(select(func.length(Draft.payload)))
    app, client = houses_on(app_on, any_db_url, DRAFT_MAX_BYTES=empty + 400)
    token = start(client, child_lang="pl", worker_lang="pl")
    assert redirected(add_words(client, token, "worries", "Tata krzyczy"))
    typed = "Mama płacze w kuchni " * 12
    refused = client.post("/pl/three-houses/houses/worries/words", data={"csrf_token": token, "text": typed})
    assert refused.status_code == 413
    page = text_of(refused.data)
    assert "Nie ma już miejsca" in page and "There is no more room" not in page
    box = BeautifulSoup(refused.get_data(as_text=True), "html.parser").select_one("textarea[name=text]")
    assert box.get_text() == clean_text(typed)
    assert [t["text"] for t in stored(app, client)["things"]] == ["Tata krzyczy"]  # nothing more was stored
    changed = client.post("/pl/three-houses/things/t1", data={"csrf_token": token, "text": typed})
    assert changed.status_code == 413 and "Nie ma już miejsca" in text_of(changed.data)
    box = BeautifulSoup(changed.get_data(as_text=True), "html.parser").select_one("textarea[name=text]")
    assert box.get_text() == clean_text(typed)
    assert [t["text"] for t in stored(app, client)["things"]] == ["Tata krzyczy"]
    drawing = add_drawing(client, token, "dreams", drawing_png(), path="/pl/three-houses/houses/dreams/drawings")
    assert drawing.status_code == 413 and "Nie ma już miejsca" in text_of(drawing.data)
    assert part_rows(app) == []


def test_the_chat_says_when_a_draft_is_full_and_keeps_the_answer(any_db_url, app_on):
    from .support.prepare import Parent

    app, client = houses_on(app_on, any_db_url, DRAFT_MAX_BYTES=1500)
    parent = Parent(client)
    parent.start()
    assert parent.answer("conference_kind", choice="first").status_code == 303
    response = parent.answer("going_well", text="Ola goes to school every day " * 40)
    assert response.status_code == 413
    assert "There is no more room to keep your answers." in text_of(response.data)
    assert "Ola goes to school every day" in response.get_data(as_text=True)


def test_the_migration_adds_the_drawing_tables_and_takes_them_away_again(any_db_url):
    tables = {"draft_parts", "sent_view_parts"}
    db.upgrade(any_db_url)
    engine = create_engine(any_db_url, poolclass=NullPool)
    assert tables <= set(inspect(engine).get_table_names())
    command.downgrade(db.alembic_config(any_db_url), "0006")
    assert not tables & set(inspect(engine).get_table_names())
    assert {"drafts", "sent_views"} <= set(inspect(engine).get_table_names())
    db.upgrade(any_db_url)
    assert tables <= set(inspect(engine).get_table_names())
    engine.dispose()
