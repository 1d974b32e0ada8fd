"""Writes that name the version the person saw: the database checks it, atomically.

``UPDATE t SET ..., version = version + 1 WHERE id = :id AND version = :seen`` changes the row
only if nobody saved it since ``seen``; of two such writes racing from one version exactly one
matches (PostgreSQL re-checks the WHERE clause after the first commits; SQLite runs one writer at
a time). A write that matches nothing raises :class:`VersionMismatch` with the row as it is now.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session


class VersionMismatch(Exception):
    """No row ``row_id`` at version ``seen``: ``current`` is the row now (None when deleted)."""

    def __init__(self, table: str, row_id: int, seen: int | None, current: dict[str, Any] | None):
        super().__init__(f"{table} {row_id}: version {seen} is gone")
        self.table = table
        self.row_id = row_id
        self.seen = seen
        self.current = current


Executor = Connection | Session


def read_row(db: Executor, table: Table, row_id: int) -> dict[str, Any] | None:
    """Every column of one row, or None when it is gone."""
    found = db.execute(select(table).where(table.c.id == row_id)).mappings().one_or_none()
    return dict(found) if found is not None else None


def update_row(
    db: Executor, table: Table, row_id: int, values: dict[str, Any], seen: int | None
) -> int:
    """Write ``values`` into row ``row_id`` if it is still at version ``seen`` (any version when
    None); the row's new version."""
    query = update(table).where(table.c.id == row_id)
    if seen is not None:
        query = query.where(table.c.version == seen)
    query = query.values(**values, version=table.c.version + 1).returning(table.c.version)
    new = db.execute(query).scalar_one_or_none()
    if new is None:
        raise VersionMismatch(table.name, row_id, seen, read_row(db, table, row_id))
    return int(new)


def delete_row(db: Executor, table: Table, row_id: int, seen: int | None) -> None:
    """Delete row ``row_id`` if it is still at version ``seen`` (any version when None)."""
    query = delete(table).where(table.c.id == row_id)
    if seen is not None:
        query = query.where(table.c.version == seen)
    if db.execute(query.returning(table.c.id)).scalar_one_or_none() is None:
        raise VersionMismatch(table.name, row_id, seen, read_row(db, table, row_id))
