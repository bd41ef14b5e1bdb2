"""The one place for the database: engine, sessions, and migrations (Alembic, run from code)."""

import os
import queue
import weakref
from collections import namedtuple
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import current_app
from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.orm import sessionmaker

from . import current

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
        # No ping before each use: a SQLite connection is a file this process has open, with no server that
        # could drop it, so the ping (a query on every page) could never find one gone.
        engine = create_engine(url, connect_args={"timeout": app.config["SQLITE_BUSY_SECONDS"]})
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


class KeptReadConnections:
    """On SQLite, the connections Read runs on, kept ready in a queue of their own.

    SQLAlchemy's pool checks a connection out and back in through dozens of Python calls (a lock, a weak
    reference, events, a rollback): about a twentieth of a chat page. A SQLite connection is a file this
    process has open, with no server that could drop it, and a read leaves nothing to reset (no transaction
    stays open after its statement). So Read takes one from this queue and gives it back; when none is free it
    makes one through the engine (the same settings and pragmas), so there are never more than the reads
    running at once. A connection whose read failed is closed, never given back. On PostgreSQL, reads stay on
    the pool: a server's connections need checking, and the pool's size keeps workers within max_connections.
    """

    def __init__(self, engine: Any):
        self._engine = engine
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._process = os.getpid()
        self._inherited: list[queue.SimpleQueue] = []

    def take(self) -> Any:
        if os.getpid() != self._process:
            # A forked worker never uses its parent's connections, nor closes them (closing one could write to
            # the database as the last connection does): it keeps them aside, unused, and starts its own.
            self._inherited.append(self._idle)
            self._idle, self._process = queue.SimpleQueue(), os.getpid()
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pooled = self._engine.raw_connection()
            pooled.detach()  # the driver's connection is ours now: the pool no longer counts or closes it
            return pooled.dbapi_connection

    def give_back(self, connection: Any) -> None:
        self._idle.put(connection)

    @staticmethod
    def driver_connection(connection: Any) -> Any:
        return connection

    @staticmethod
    def failed(connection: Any, error: Exception, dropped: bool) -> None:
        """A read on ``connection`` failed: it is closed, never given back."""
        connection.close()

    def close_all(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class PooledReads:
    """On PostgreSQL, the connections Read runs on: SQLAlchemy's pool, as for every other statement. A
    connection goes back to the pool after its read (which rolls back what the read began); one the database
    dropped is thrown away."""

    def __init__(self, engine: Any):
        self._engine = engine

    def take(self) -> Any:
        return self._engine.raw_connection()

    @staticmethod
    def give_back(connection: Any) -> None:
        connection.close()

    @staticmethod
    def driver_connection(connection: Any) -> Any:
        return connection.dbapi_connection

    @staticmethod
    def failed(connection: Any, error: Exception, dropped: bool) -> None:
        """A read on ``connection`` failed: back to the pool, or thrown away if the database dropped it."""
        if dropped:
            connection.invalidate(error)
        connection.close()

    def close_all(self) -> None:
        """Nothing of its own to close: the engine's pool holds the connections."""


def _close(engine: Any, reads: KeptReadConnections | PooledReads) -> None:
    reads.close_all()
    engine.dispose()


def init_app(app):
    url = database_url(app)
    engine = _engine(app, url)
    reads = KeptReadConnections(engine) if engine.dialect.name == "sqlite" else PooledReads(engine)
    app.extensions["familyguide.db"] = sessionmaker(bind=engine, expire_on_commit=False)
    app.extensions["familyguide.engine"] = engine
    app.extensions["familyguide.reads"] = reads
    app.extensions["familyguide.db_url"] = url
    # An app that is thrown away (the tests make hundreds) closes its pooled connections; left to the garbage
    # collector, each is closed without a word before Python 3.13 and with a ResourceWarning from 3.13 on.
    weakref.finalize(app, _close, engine, reads)
    if not app.config.get("DATABASE_URL"):
        upgrade(url)  # the embedded default makes itself on first run


def dispose(app):
    """Close every pooled connection of this app (tests that make many apps, and a clean shutdown)."""
    _close(app.extensions["familyguide.engine"], app.extensions["familyguide.reads"])


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


class Read:
    """A SELECT that almost every page runs (opening a draft), prepared once for each kind of database and run
    straight on the driver's cursor: through SQLAlchemy's Connection, its execution context and result objects
    cost two thirds of the time of opening a draft's row. What it gives and how it fails stay SQLAlchemy's:
    rows named by the statement's columns, every value through its column type's own processors, and a driver
    error raised as sqlalchemy.exc.DBAPIError (an OperationalError is the 503 page), a connection the
    database dropped thrown away."""

    def __init__(self, statement: Any):
        self.statement = statement
        self._prepared: dict[str, tuple] = {}

    def rows(self, values: dict[str, Any]) -> list[Any]:
        extensions = current.app().extensions
        engine, reads = extensions["familyguide.engine"], extensions["familyguide.reads"]
        sql, make_params, make_row = self._prepare(engine.dialect)
        params = make_params(values)
        connection = cursor = None
        try:
            connection = reads.take()  # a database that cannot be opened fails here, with the driver's error
            cursor = connection.cursor()
            cursor.execute(sql, params)
            return [make_row(row) for row in cursor.fetchall()]
        except engine.dialect.loaded_dbapi.Error as error:
            driver_connection = connection and reads.driver_connection(connection)
            dropped = engine.dialect.is_disconnect(error, driver_connection, cursor)
            if cursor is not None:
                cursor.close()
                cursor = None
            if connection is not None:
                reads.failed(connection, error, dropped)
                connection = None
            raise exc.DBAPIError.instance(
                sql,
                params,
                error,
                engine.dialect.loaded_dbapi.Error,
                hide_parameters=True,
                connection_invalidated=dropped,
                dialect=engine.dialect,
            ) from error
        finally:
            if cursor is not None:
                cursor.close()
            if connection is not None:
                reads.give_back(connection)

    def _prepare(self, dialect: Any) -> tuple:
        prepared = self._prepared.get(dialect.name)
        if prepared is None:
            prepared = self._prepared[dialect.name] = _prepared(self.statement, dialect)
        return prepared


def _prepared(statement: Any, dialect: Any) -> tuple:
    """(SQL, values -> the driver's parameters, driver row -> named row) for ``statement`` on ``dialect``."""
    compiled = statement.compile(dialect=dialect)
    binds = {name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in compiled.binds.items()}

    def bound(name: str, values: dict[str, Any]) -> Any:
        value, process = values[name], binds[name]
        return value if process is None or value is None else process(value)

    if compiled.positional:
        order = compiled.positiontup

        def make_params(values: dict[str, Any]) -> Any:
            return [bound(name, values) for name in order]
    else:

        def make_params(values: dict[str, Any]) -> Any:
            return {name: bound(name, values) for name in binds}

    columns = list(statement.selected_columns)
    processors = [column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns]
    row_type = namedtuple("Row", [column.key for column in columns])  # type: ignore[misc]

    if not any(processors):
        return str(compiled), make_params, row_type._make

    def make_row(row: Any) -> Any:
        values = (value if process is None else process(value) for value, process in zip(row, processors, strict=True))
        return row_type(*values)

    return str(compiled), make_params, make_row
