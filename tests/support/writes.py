"""Measuring what the app writes to the database: the tables each INSERT and UPDATE touches, and its bytes."""

import re

from sqlalchemy import event


def _size(value):
    """The bytes a statement parameter carries (the drivers are given sealed bytes wrapped: a memoryview for
    SQLite's, a Binary holding them in ``obj`` for psycopg)."""
    value = getattr(value, "obj", value)
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    return memoryview(value).nbytes if isinstance(value, bytes | bytearray | memoryview) else 0


class Writes:
    """Every INSERT and UPDATE the app sends while it is on: the tables they touch and the bytes they carry."""

    def __init__(self, app):
        self.engine = app.extensions["familyguide.db"].kw["bind"]
        self.seen = []

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            values = parameters.values() if isinstance(parameters, dict) else parameters or ()
            size = sum(_size(value) for value in values)
            self.seen.append((statement.split("(")[0].split(" SET")[0], size))

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    def total(self):
        return sum(size for _, size in self.seen)

    def tables(self):
        return {re.search(r"(?:INTO|UPDATE)\s+(\w+)", statement).group(1) for statement, _ in self.seen}
