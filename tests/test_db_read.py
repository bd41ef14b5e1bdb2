"""db.Read: the reads on almost every page (opening a draft) run on the driver's own cursor. They must give
exactly what SQLAlchemy gives for the same statement, and fail the way SQLAlchemy fails (an OperationalError,
which is the 503 page), on both databases."""

import os
import sqlite3
import threading
from datetime import timedelta

import pytest
from sqlalchemy import bindparam, select, text, update
from sqlalchemy.exc import OperationalError

from familyguide import clock, db, storage
from familyguide.models import Draft

from .support import services

# Every kind of column the draft reads hold (text, a number, bytes, a date and time), with a date and time bound.
DRAFTS_CHANGED_BY = select(Draft.id, Draft.kind, Draft.version, Draft.payload, Draft.updated_at).where(
    Draft.updated_at <= bindparam("by")
)


@pytest.fixture(params=["sqlite", "postgresql"])
def app_with_database(request, tmp_path, app_on):
    with services.database_url(request.param, tmp_path) as url:
        app = app_on(url)
        db.upgrade(url)
        yield app


def test_a_read_gives_what_sqlalchemy_gives_for_the_same_statement(app_with_database):
    with app_with_database.test_request_context():
        tokens = [storage.create("prepare", {"n": n, "words": "Mae dad yn gweiddi — ٹیلیفون"}) for n in range(3)]
        values = {"token_hash": storage._token_hash(tokens[1]), **storage._live_times()}
        read = storage._LOAD.rows(values)
        with db.connection() as conn:
            expected = conn.execute(storage._LOAD.statement, values).all()
        assert len(read) == 1
        assert [tuple(row) for row in read] == [tuple(row) for row in expected]
        assert read[0]._fields == ("id", "kind", "version", "payload", "wrapped_key")
        assert isinstance(read[0].payload, bytes) and read[0].kind == "prepare"

        # A date and time on a whole second, bound and read back: SQLite compares them as text, so the bound value
        # must be written exactly as SQLAlchemy writes it ("...:00.000000"), or a draft changed at that very
        # moment would not count as changed by it.
        moment = clock.now().replace(microsecond=0) - timedelta(minutes=1)
        with db.session() as s:
            s.execute(update(Draft).where(Draft.id == read[0].id).values(updated_at=moment))
        changed = db.Read(DRAFTS_CHANGED_BY).rows({"by": moment})
        with db.connection() as conn:
            expected = conn.execute(DRAFTS_CHANGED_BY, {"by": moment}).all()
        assert [tuple(row) for row in changed] == [tuple(row) for row in expected]
        assert [(row.id, row.updated_at) for row in changed] == [(read[0].id, moment)]
        assert db.Read(DRAFTS_CHANGED_BY).rows({"by": moment - timedelta(microseconds=1)}) == []


def test_a_read_on_a_database_that_cannot_be_opened_fails_as_sqlalchemy_does(tmp_path, app_on):
    app = app_on(f"sqlite:///{tmp_path / 'no-such-folder' / 'gone.sqlite3'}")
    with app.test_request_context(), pytest.raises(OperationalError):
        storage.load("a-token", "prepare")


def test_a_read_while_postgresql_is_stopped_fails_as_sqlalchemy_does_and_the_next_works(app_on):
    with services.postgres_database() as url:
        app = app_on(url)
        db.upgrade(url)
        with app.test_request_context():
            token = storage.create("prepare", {"words": "I keep the medicines locked away."})
            assert storage.load(token, "prepare") == {"words": "I keep the medicines locked away."}
            services.stop_postgres()
            try:
                with pytest.raises(OperationalError):
                    storage.load(token, "prepare")
            finally:
                services.start_postgres()
            assert storage.load(token, "prepare") == {"words": "I keep the medicines locked away."}  # no restart


def sqlite_app(tmp_path, app_on):
    url = f"sqlite:///{tmp_path / 'reads.sqlite3'}"
    app = app_on(url)
    db.upgrade(url)
    return app


def test_on_sqlite_reads_share_kept_connections_one_for_each_read_at_once(tmp_path, app_on):
    """Reads one after another use one kept connection; reads at the same moment each have their own."""
    app = sqlite_app(tmp_path, app_on)
    kept = app.extensions["familyguide.reads"]
    made = []
    take = kept.take

    def counted_take():
        connection = take()
        made.append(id(connection))
        return connection

    kept.take = counted_take
    with app.test_request_context():
        token = storage.create("prepare", {"words": "one"})
        for _ in range(5):
            assert storage.load(token, "prepare") == {"words": "one"}
    assert len(set(made)) == 1

    together = 6
    barrier = threading.Barrier(together)
    seen, failures = [], []

    def read_at_once():
        try:
            with app.test_request_context():
                connection = kept.take()
                barrier.wait(timeout=30)  # every reader holds a connection at the same moment
                seen.append(id(connection))
                kept.give_back(connection)
                assert storage.load(token, "prepare") == {"words": "one"}
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=read_at_once) for _ in range(together)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(set(seen)) == together  # never one connection for two reads at once


def test_on_sqlite_a_failed_read_closes_its_connection_and_the_next_read_works(tmp_path, app_on):
    app = sqlite_app(tmp_path, app_on)
    kept = app.extensions["familyguide.reads"]
    with app.test_request_context():
        token = storage.create("prepare", {"words": "kept"})
        assert storage.load(token, "prepare") == {"words": "kept"}
        connection = kept.take()
        kept.give_back(connection)
        with pytest.raises(OperationalError):
            db.Read(select(Draft.id).where(Draft.id == bindparam("id")).where(text("no_such_column = 1"))).rows(
                {"id": "x"}
            )
        with pytest.raises(sqlite3.ProgrammingError):  # closed, not given back for the next read
            connection.cursor()
        assert storage.load(token, "prepare") == {"words": "kept"}


def test_disposing_of_the_app_closes_its_kept_sqlite_connections(tmp_path, app_on):
    app = sqlite_app(tmp_path, app_on)
    with app.test_request_context():
        token = storage.create("prepare", {"words": "x"})
        storage.load(token, "prepare")
    connection = app.extensions["familyguide.reads"].take()
    app.extensions["familyguide.reads"].give_back(connection)
    db.dispose(app)
    with pytest.raises(sqlite3.ProgrammingError):
        connection.cursor()


def test_postgresql_reads_stay_on_the_pool(app_on):
    with services.postgres_database() as url:
        assert isinstance(app_on(url).extensions["familyguide.reads"], db.PooledReads)


def test_a_forked_worker_does_not_use_the_connections_its_parent_kept(tmp_path, app_on, monkeypatch):
    """gunicorn --preload forks workers from a process that may have read: a SQLite connection must never cross a
    fork."""
    app = sqlite_app(tmp_path, app_on)
    kept = app.extensions["familyguide.reads"]
    parents = kept.take()
    kept.give_back(parents)
    monkeypatch.setattr(os, "getpid", lambda: -1)  # as in a forked child
    childs = kept.take()
    assert childs is not parents
    kept.give_back(childs)
    assert kept.take() is childs
    kept.give_back(childs)
    parents.close()  # a real child would keep it aside unused; in this one process it is ours to close
