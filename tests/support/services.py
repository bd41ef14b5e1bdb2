"""Real servers the deployment tests need: PostgreSQL, gunicorn, nginx. No tests here.

A test that needs one it cannot find is skipped with the reason printed (``make test`` on a laptop), unless
FAMILYGUIDE_TEST_REQUIRE_ALL=1 (CI), where a missing server fails the test instead.

- FAMILYGUIDE_TEST_POSTGRES_URL: a role that may create databases, e.g.
  postgresql+psycopg://familyguide:pw@127.0.0.1/familyguide; each test gets a fresh database of its own.
- FAMILYGUIDE_TEST_PG_CLUSTER: "15 main" when the tests may stop and start that cluster (pg_ctlcluster).
"""

import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("FAMILYGUIDE_TEST_POSTGRES_URL", "")
PG_CLUSTER = os.environ.get("FAMILYGUIDE_TEST_PG_CLUSTER", "")
REQUIRE_ALL = os.environ.get("FAMILYGUIDE_TEST_REQUIRE_ALL") == "1"
STARTUP_DEADLINE = 60  # seconds a server may take to come up on a busy machine before the test gives up


def unavailable(reason):
    """Skip (with the reason printed by -ra) or, in CI, fail: CI must run everything."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (FAMILYGUIDE_TEST_REQUIRE_ALL=1: CI must run this)")
    pytest.skip(reason)


def wait_for(condition, what, deadline=STARTUP_DEADLINE):
    """Poll until ``condition()`` is true; fail with ``what`` if it never is. Waits for a state, not a time."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_database():
    """A fresh, empty PostgreSQL database, dropped afterwards. Yields its URL."""
    if not POSTGRES_URL:
        unavailable("PostgreSQL: set FAMILYGUIDE_TEST_POSTGRES_URL to run this on PostgreSQL (CI does)")
    name = f"fg_test_{secrets.token_hex(6)}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)  # survives restarts
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        start_postgres()  # a test that stopped the server must not leave it down for the next
        try:
            _drop(admin, name)
        finally:
            admin.dispose()


def _drop(admin, name, tries=100):
    """Drop the test database. PostgreSQL 15 refuses a forced drop while an autovacuum worker is in it
    ("must be a member of the role whose process is being terminated"): that worker finishes in moments, so
    the drop is tried again until it goes (it did, once, on a busy machine)."""
    for attempt in range(tries):
        try:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError as error:
            if "pg_signal_backend" not in str(error) or attempt == tries - 1:
                raise
            time.sleep(0.1)


def database_url(kind, tmp_path):
    """A context manager giving an empty database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "postgresql":
        return postgres_database()

    @contextmanager
    def sqlite():
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"

    return sqlite()


def _pg_ctl(action):
    version, cluster = PG_CLUSTER.split()
    subprocess.run(
        ["pg_ctlcluster", version, cluster, action, *(["-m", "fast"] if action == "stop" else [])],
        check=True,
        capture_output=True,
    )


def can_control_postgres():
    return bool(PG_CLUSTER) and shutil.which("pg_ctlcluster") is not None


def stop_postgres():
    if not can_control_postgres():
        unavailable("PostgreSQL outage: set FAMILYGUIDE_TEST_PG_CLUSTER (e.g. '15 main') to let the test stop it")
    _pg_ctl("stop")


def start_postgres():
    if not can_control_postgres():
        return
    status = subprocess.run(["pg_ctlcluster", *PG_CLUSTER.split(), "status"], capture_output=True)
    if status.returncode != 0:
        _pg_ctl("start")
    engine = create_engine(POSTGRES_URL, poolclass=NullPool)

    def answers():
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    wait_for(answers, "PostgreSQL to accept connections again")
    engine.dispose()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def http_status(url, host=None):
    """The status of a GET (with this Host header, redirects not followed), or None when nothing answers yet."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with _opener.open(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@contextmanager
def gunicorn(env, cwd, workers=2, extra=()):
    """The app under gunicorn on a free loopback port, started the way the systemd unit starts it.
    Yields (base URL, the master process)."""
    import sys

    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--preload",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            *extra,
            "familyguide:create_app()",
        ],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: process.poll() is None and http_status(f"http://127.0.0.1:{port}/livez") == 200,
            "gunicorn to answer",
        )
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def worker_pids(master):
    """The pids of a gunicorn master's workers, read from /proc."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []
