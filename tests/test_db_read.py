"""db.Read: the reads on almost every page (opening a draft) run on the driver's own cursor. They must give
exactly what SQLAlchemy gives for the same statement, and fail the way SQLAlchemy fails (an OperationalError,
which is the 503 page), on both databases."""

from datetime import timedelta

import pytest
from sqlalchemy import bindparam, select, update
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
