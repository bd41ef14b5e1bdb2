"""On PostgreSQL too, the cluster's own files (the database's pages and the write-ahead log) never hold a family's
words in the clear, and the server's keys alone open none of the sealed copies in them.

PostgreSQL keeps dead row versions until vacuum and old WAL until it is recycled, so unlike the SQLite test this
one does not claim that a copy of an old cookie opens nothing after a delete (the README says so, and why).
Nor does it count the sealed copies it finds: where they land (the WAL, a full-page image, a compressed TOAST
chunk) depends on the cluster's state, and a fresh CI cluster found none whole where this machine's did."""

import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from familyguide import db

from .conftest import CheckedClient
from .support import services
from .support.at_rest import file_bytes, words_readable
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


def test_the_postgresql_files_never_hold_an_answer_in_the_clear(pg_app):
    data_directory = _data_directory()
    began = time.time() - 1
    parent = Parent(CheckedClient(pg_app.test_client()))
    parent.start()
    parent.answer("conference_kind", choice="first")
    for n in range(3):
        parent.answer("kept_safe", text=f"{MARKER} {n}")
    assert MARKER in parent.page_text()

    files = _files_of(pg_app, data_directory, began)
    assert any(path.parent.name == "pg_wal" for path in files)
    for path in files:
        data = file_bytes(path)
        for fragment in ("pg-marker-5521", "Mein Sohn", "مرحبا"):
            assert fragment.encode("utf-8") not in data, path.name

    assert words_readable(pg_app, files, ["someone else's token"]) == []  # the server's keys alone open nothing
