"""On PostgreSQL too, the cluster's own files (the database's pages and the write-ahead log) never hold a family's
words in the clear, and the server's keys, with every keyed hash the files hold, open none of the sealed copies
in them: while the draft lives, after it is deleted, and after expired drafts with resume codes are purged.

PostgreSQL keeps dead row versions until vacuum and old WAL until it is recycled, so unlike the SQLite test this
one does not claim that the family's own old cookie or code opens nothing after a delete: the dead row of a
wrapped key may still be there for it (the README says so, and why). Without that secret, nothing opens.
Nor does it count the sealed copies it finds: where they land (the WAL, a full-page image, a compressed TOAST
chunk) depends on the cluster's state, and a fresh CI cluster found none whole where this machine's did."""

import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from familyguide import clock, db, resume_codes, storage
from familyguide.prepare.drafts import KIND

from .conftest import CheckedClient
from .support import services
from .support.at_rest import file_bytes, stored_hashes, words_readable
from .support.prepare import Parent

MARKER = "Mein Sohn isst gern Äpfel — مرحبا — pg-marker-5521"


def _data_directory():
    if not services.PG_CLUSTER:
        services.unavailable("PostgreSQL files: set FAMILYGUIDE_TEST_PG_CLUSTER (e.g. '15 main') to read them")
    version, cluster = services.PG_CLUSTER.split()
    listed = subprocess.run(["pg_lsclusters", "--no-header", version, cluster], capture_output=True, text=True)
    directory = Path(listed.stdout.split()[5]) if listed.returncode == 0 else None
    if directory is None or not (directory / "pg_wal").is_dir():
        services.unavailable(f"PostgreSQL files: cannot read the data directory of cluster {services.PG_CLUSTER}")
    return directory


def _files_of(app, data_directory, since):
    """The database's own pages and the WAL segments written since the test began (other databases' WAL is
    there too; the marker and the tokens are unique to this test)."""
    engine = create_engine(app.config["DATABASE_URL"], poolclass=NullPool)
    with engine.connect() as connection:
        oid = connection.exec_driver_sql("SELECT oid FROM pg_database WHERE datname = current_database()").scalar()
    engine.dispose()
    pages = [p for p in (data_directory / "base" / str(oid)).iterdir() if p.is_file()]
    wal = [p for p in (data_directory / "pg_wal").iterdir() if p.is_file() and p.stat().st_mtime >= since]
    return pages + wal


@pytest.fixture
def pg_app(app_on):
    with services.postgres_database() as url:
        app = app_on(url)
        db.upgrade(url)
        yield app


def no_words_in_the_clear(files):
    for path in files:
        data = file_bytes(path)
        for fragment in ("pg-marker-5521", "Mein Sohn", "مرحبا"):
            assert fragment.encode("utf-8") not in data, path.name


def test_the_postgresql_files_never_hold_an_answer_in_the_clear(pg_app, monkeypatch):
    data_directory = _data_directory()
    began = time.time() - 1
    parent = Parent(CheckedClient(pg_app.test_client()))
    parent.start()
    parent.answer("conference_kind", choice="first")
    for n in range(3):
        parent.answer("kept_safe", text=f"{MARKER} {n}")
    assert MARKER in parent.page_text()
    code = resume_codes.normalise(parent.save_for_later())

    files = _files_of(pg_app, data_directory, began)
    assert any(path.parent.name == "pg_wal" for path in files)
    no_words_in_the_clear(files)
    held = stored_hashes(files)
    assert held  # the binding's and the code's keyed hashes are in the files
    assert words_readable(pg_app, files, ["someone else's token", *held]) == []  # the server alone opens nothing

    parent.post("/delete")
    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    with pg_app.app_context():
        tokens = [storage.create(KIND, {"answers": {"kept_safe": {"value": f"{MARKER} old {n}"}}}) for n in range(3)]
        codes = [resume_codes.normalise(storage.issue_resume_code(t)) for t in tokens]
    now += timedelta(days=31)
    with pg_app.app_context():
        assert storage.purge_expired() == 3

    files = _files_of(pg_app, data_directory, began)
    no_words_in_the_clear(files)
    held = stored_hashes(files)
    assert words_readable(pg_app, files, ["someone else's token", *held], [code + "X", *held]) == []
    assert tokens and codes  # the family's own secrets: see the module's docstring
