"""The one place for the database: engine, sessions, and migrations (Alembic, run from code)."""

from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import current_app
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(app):
    url = app.config.get("DATABASE_URL")
    if url:
        return url.replace("postgres://", "postgresql+psycopg://", 1)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'familyguide.sqlite3'}"


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted drafts are overwritten, not left in free pages
    cursor.close()


def init_app(app):
    url = database_url(app)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    app.extensions["familyguide.db"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.extensions["familyguide.db_url"] = url
    if not app.config.get("DATABASE_URL"):
        upgrade(url)  # the embedded default makes itself on first run


def alembic_config(url):
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url):
    command.upgrade(alembic_config(url), "head")


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
