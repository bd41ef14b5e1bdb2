"""The commands a council's IT team and translators run (cli.py), and the database seam (db.py): what each
command prints and does, which database URL the app uses, and how it behaves when the database is away."""

import gc
import re
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from familyguide import db, storage
from familyguide.config import PROJECT_ROOT
from familyguide.content import version_of
from familyguide.models import Draft

from .support.apps import make_app
from .support.pagecheck import text_of


@pytest.fixture
def own_content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    return content


def test_content_status_strict_fails_and_names_a_stale_translation(tmp_path, own_content):
    english = own_content / "en" / "houses" / "how-to.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    runner = make_app(tmp_path, "status", CONTENT_DIR=str(own_content)).test_cli_runner()
    result = runner.invoke(args=["content", "status", "--strict"])
    assert result.exit_code == 1
    assert "pl: stale   houses/how-to (the English page has changed)" in result.output


def test_content_status_names_a_missing_translation(tmp_path, own_content):
    (own_content / "pl" / "houses" / "how-to.md").unlink()
    runner = make_app(tmp_path, "missing", CONTENT_DIR=str(own_content)).test_cli_runner()
    result = runner.invoke(args=["content", "status"])
    assert result.exit_code == 0  # only --strict fails
    assert "pl: missing houses/how-to" in result.output


def test_stamp_records_the_english_version_a_translation_was_made_from(tmp_path, own_content):
    english = own_content / "en" / "houses" / "how-to.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    runner = make_app(tmp_path, "stamp", CONTENT_DIR=str(own_content)).test_cli_runner()
    result = runner.invoke(args=["content", "stamp", "pl", "houses/how-to"])
    new_version = version_of(english.read_text(encoding="utf-8"))
    assert result.output.strip() == f"pl/houses/how-to: made from English version {new_version}"
    assert f"source: {new_version}" in (own_content / "pl" / "houses" / "how-to.md").read_text(encoding="utf-8")
    assert "pl: stale   houses/how-to" not in runner.invoke(args=["content", "status"]).output


def test_db_upgrade_says_the_database_is_up_to_date(runner):
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and result.output == "Database is up to date.\n"


def test_keys_rotate_and_purge_report_what_they_did(app, runner, client):
    client.raw.post("/en/prepare/start", data={"csrf_token": _csrf(client)})
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0
    assert "Re-wrapped 1 draft key(s) with the first key." in result.output
    with app.app_context():  # as `flask --app familyguide purge` runs it
        assert runner.invoke(args=["purge"]).output.splitlines() == [
            "Deleted 0 expired draft(s).",
            "Deleted 0 conference record(s) past their deletion date.",
            "Forgot 0 staff device(s) not used to sign in for too long.",
            "Deleted 0 audit entries older than the retention period.",
        ]
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Draft)) == 1


def _csrf(client):
    html = client.get("/en/prepare/").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p%40w@db.example/fg", "postgresql+psycopg://u:p%40w@db.example/fg"),
        (
            "postgresql://u:p@db.example:5433/fg?sslmode=require",
            "postgresql+psycopg://u:p@db.example:5433/fg?sslmode=require",
        ),
        ("postgresql+psycopg://u@db.example/fg", "postgresql+psycopg://u@db.example/fg"),
        ("sqlite:////srv/fg/postgres://odd.sqlite3", "sqlite:////srv/fg/postgres://odd.sqlite3"),
    ],
)
def test_a_postgresql_url_without_a_driver_is_used_with_psycopg(given, used):
    app = SimpleNamespace(config={"DATABASE_URL": given}, instance_path="/nowhere")
    assert db.database_url(app) == used


def test_without_a_database_url_the_app_makes_its_own_sqlite_database_in_instance(tmp_path):
    app = SimpleNamespace(config={}, instance_path=str(tmp_path / "instance"))
    assert db.database_url(app) == f"sqlite:///{tmp_path / 'instance' / 'familyguide.sqlite3'}"
    assert (tmp_path / "instance").is_dir()


def test_a_database_that_does_not_answer_is_unreachable_and_the_health_check_says_so(tmp_path):
    app = make_app(tmp_path, "away")
    (tmp_path / "away.sqlite3").unlink()
    (tmp_path / "away.sqlite3").mkdir()  # a folder where the database file was: nothing can open it
    db.dispose(app)
    with app.app_context():
        assert db.is_reachable() is False
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
    assert app.test_client().get("/livez").get_json() == {"status": "ok"}


def test_a_deleted_draft_leaves_no_copy_in_the_sqlite_write_ahead_log(app, client):
    client.raw.post("/en/prepare/start", data={"csrf_token": _csrf(client)})
    with client.raw.session_transaction() as session:
        token = session["prepare_draft"]
    wal = app.extensions["familyguide.db_url"].removeprefix("sqlite:///") + "-wal"
    with app.test_request_context():
        storage.delete_draft(token)
    assert Path(wal).stat().st_size == 0
    assert "We could not find your answers" in text_of(client.get("/en/prepare/chat").data)


def test_an_app_thrown_away_closes_its_database_connections(tmp_path):
    # Left to the garbage collector, a pooled SQLite connection is closed silently before Python 3.13 and
    # with a ResourceWarning from 3.13 on (an error in these tests); an app that goes closes its own.
    app = make_app(tmp_path, "thrown-away")
    assert app.test_client().get("/healthz").status_code == 200
    pool = app.extensions["familyguide.engine"].pool
    connection = pool.connect()
    sqlite_connection = connection.dbapi_connection
    connection.close()  # back into the pool, still open
    sqlite_connection.execute("select 1")
    del app, pool, connection
    gc.collect()
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        sqlite_connection.execute("select 1")
