"""The one place for the database: engine, sessions, and migrations (Alembic, run from code)."""

from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import current_app
from sqlalchemy import create_engine, event, text
from sqlalchemy.orm import sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


# PostgreSQL URLs as hosting platforms give them, without a driver: the app's driver is psycopg 3.
DRIVERLESS_POSTGRES = ("postgres://", "postgresql://")


def database_url(app):
    """DATABASE_URL, with a PostgreSQL URL that names no driver pointed at psycopg; SQLite in instance/ without."""
    url = app.config.get("DATABASE_URL")
    if url:
        for scheme in DRIVERLESS_POSTGRES:
            if url.startswith(scheme):
                return "postgresql+psycopg://" + url.removeprefix(scheme)
        return url
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'familyguide.sqlite3'}"


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted drafts are overwritten, not left in free pages
    cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")  # the -wal file does not keep old copies
    cursor.close()


HEALTH_TIMEOUT_SECONDS = 2
WAL_SIZE_LIMIT = 1024 * 1024


def forget_deleted():
    """After a delete: on SQLite, copy the write-ahead log into the database (where secure_delete has
    overwritten the rows) and truncate it, so no earlier copy of a deleted draft stays in the -wal file.
    PostgreSQL keeps dead rows until VACUUM: see the README."""
    with session() as s:
        if s.get_bind().dialect.name == "sqlite":
            s.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def _engine(app, url):
    if url.startswith("sqlite"):
        # A writer waits this long for another to finish before giving up with "database is locked" (503).
        engine = create_engine(url, pool_pre_ping=True, connect_args={"timeout": app.config["SQLITE_BUSY_SECONDS"]})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Each worker process holds at most DB_POOL_SIZE connections: workers x pool size must stay under
    # PostgreSQL's max_connections (README). A connection that cannot be made fails fast, not after minutes.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=app.config["DB_POOL_SIZE"],
        max_overflow=0,
        pool_timeout=10,
        connect_args={"connect_timeout": HEALTH_TIMEOUT_SECONDS * 2},
    )


def init_app(app):
    url = database_url(app)
    engine = _engine(app, url)
    app.extensions["familyguide.db"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.extensions["familyguide.engine"] = engine
    app.extensions["familyguide.db_url"] = url
    if not app.config.get("DATABASE_URL"):
        upgrade(url)  # the embedded default makes itself on first run


def dispose(app):
    """Close every pooled connection of this app (tests that make many apps, and a clean shutdown)."""
    app.extensions["familyguide.db"].kw["bind"].dispose()


def alembic_config(url):
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url):
    command.upgrade(alembic_config(url), "head")


def is_reachable():
    """True when the database answers a trivial query within a couple of seconds."""
    try:
        with session() as s:
            if s.get_bind().dialect.name == "postgresql":
                s.execute(text(f"SET LOCAL statement_timeout = {HEALTH_TIMEOUT_SECONDS * 1000}"))
            s.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure to answer is "not reachable"; the reason is for the database's own logs
        return False


@contextmanager
def session():
    """A unit of work: committed when the block ends, rolled back if it fails."""
    db = current_app.extensions["familyguide.db"]()
    try:
        yield db
        db.commit()
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()


@contextmanager
def connection():
    """A unit of work without the ORM, for the few statements (open a draft, save it, count a request) that
    run on almost every page: a third of the cost of session(). Committed when the block ends, rolled back if
    it fails."""
    with current_app.extensions["familyguide.engine"].begin() as conn:
        yield conn
