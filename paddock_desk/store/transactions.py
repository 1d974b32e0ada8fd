"""Transactions for several staff on one database: consistent reads, writes, one import at a time.

- :func:`read_snapshot`: one read transaction, so a load sees one committed state of the whole
  season (REPEATABLE READ on PostgreSQL; one BEGIN on SQLite, whose WAL keeps that snapshot).
- :func:`begin_write`: on SQLite, take the write lock when the transaction starts (BEGIN
  IMMEDIATE), so that what a save reads and what it writes belong to one state.
- :func:`exclusive`: one holder at a time of a named lock (imports, schema migrations): a
  PostgreSQL advisory lock held until the transaction ends, the SQLite write lock. A holder that
  does not get it within ``wait`` seconds raises :class:`BusyError`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from paddock_desk.domain.errors import PaddockError

IMPORT_LOCK = 0x5044_0001
"""Advisory lock key of imports (PostgreSQL)."""
SCHEMA_LOCK = 0x5044_0002
"""Advisory lock key of schema migrations (PostgreSQL)."""
POLL_SECONDS = 0.05
SQLITE_WAIT_MS = 5000
"""SQLite's usual busy timeout (Python's default), restored after a shorter or longer wait."""


class BusyError(PaddockError):
    """Someone else holds the lock; the message says who in plain words."""


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection in one read-only transaction; it is rolled back at the end."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")
        else:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
        try:
            yield conn
        finally:
            conn.rollback()


def begin_write(conn: Connection) -> None:
    """Start the write transaction of ``conn`` holding SQLite's write lock (no-op elsewhere).

    Call it first in a transaction, before any statement.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def exclusive(conn: Connection, key: int, wait: float, busy: str) -> None:
    """Hold the lock ``key`` for the rest of ``conn``'s transaction; BusyError(``busy``) after
    ``wait`` seconds without it. Call it first in a transaction, before any statement."""
    if conn.dialect.name == "sqlite":
        _sqlite_immediate(conn, wait, busy)
        return
    deadline = time.monotonic() + wait
    while not conn.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": key}).scalar():
        if time.monotonic() >= deadline:
            raise BusyError(busy)
        time.sleep(POLL_SECONDS)


def _sqlite_immediate(conn: Connection, wait: float, busy: str) -> None:
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if "locked" in str(exc.orig) or "busy" in str(exc.orig):
            raise BusyError(busy) from None
        raise
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_WAIT_MS}")
