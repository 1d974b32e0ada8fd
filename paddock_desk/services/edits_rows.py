"""Undoable edits of single rows of any kind: create, change, delete (with what depends on it).

Rows are named by table ("circuits", "series", "meetings", "sessions", "teams", "cars",
"drivers", "lineups", "unavailability") and id. Values are column values as stored (dates as
dates, session instants aware). Every write first checks that the row still holds what this edit
last saw, so an undo never overwrites someone else's change; the version counter catches writes
that race with ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.editing import STALE_MESSAGE, ChangeSet, StaleEditError, run
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base

WHAT = {
    "circuits": "circuit", "series": "series", "meetings": "meeting", "sessions": "session",
    "teams": "team", "cars": "car", "drivers": "driver", "lineups": "line-up",
    "unavailability": "unavailability",
    "lineup_rules": "line-up rule", "documents": "document",
}
"""The word for one row of each table."""

EVERY_DRIVER_KINDS = frozenset({"circuits", "series"})
"""Tables whose rows can move the clashes of drivers the change set cannot name cheaply."""

Snapshot = list[tuple[str, dict[str, Any]]]


def table(kind: str) -> Table:
    found = Base.metadata.tables.get(kind)
    if found is None or kind not in WHAT:
        raise PaddockError(f"Unknown kind of entry: {kind}")
    return found


def _editable(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    columns = table(kind).c
    unknown = [k for k in values if k not in columns or k in ("id", "version")]
    if unknown:
        raise PaddockError(f"Unknown field(s) of a {WHAT[kind]}: {', '.join(unknown)}")
    return dict(values)


def read_row(session: Session, kind: str, row_id: int) -> dict[str, Any] | None:
    """Every column of one row, or None when it is gone."""
    t = table(kind)
    found = session.execute(select(t).where(t.c.id == row_id)).mappings().one_or_none()
    return dict(found) if found is not None else None


def _require(session: Session, kind: str, row_id: int, expected: dict[str, Any]) -> None:
    """Refuse to write when the row no longer holds ``expected`` (someone else changed it)."""
    row = read_row(session, kind, row_id)
    if row is None or any(row.get(k) != v for k, v in expected.items()):
        raise StaleEditError(STALE_MESSAGE.format(what=WHAT[kind]))


def _update(session: Session, kind: str, row_id: int, values: dict[str, Any]) -> None:
    """Write ``values`` through the ORM so that the version counter checks the write."""
    mapper = next(m for m in Base.registry.mappers if m.local_table is table(kind))
    entity = session.get(mapper.class_, row_id)
    if entity is None:
        raise StaleEditError(STALE_MESSAGE.format(what=WHAT[kind]))
    for key, value in values.items():
        setattr(entity, key, value)
    session.flush()


def drivers_touched(session: Session, snapshot: Snapshot) -> set[int]:
    """Drivers whose line-ups or days the rows in ``snapshot`` carry or name."""
    found: set[int] = set()
    lineups = table("lineups")
    for kind, row in snapshot:
        if kind in ("lineups", "unavailability"):
            found.add(int(row["driver_id"]))
        elif kind == "drivers":
            found.add(int(row["id"]))
        elif kind == "cars":
            found.update(session.scalars(
                select(lineups.c.driver_id).where(lineups.c.car_id == row["id"])
            ))
    return found


def change_of(kind: str, row_id: int, drivers: set[int], snapshot: Snapshot) -> ChangeSet:
    kinds = {kind} | {k for k, _row in snapshot}
    ids = {(kind, row_id)} | {(k, int(r["id"])) for k, r in snapshot}
    if kind == "sessions":
        ids |= {("meetings", int(r["meeting_id"])) for k, r in snapshot if k == "sessions"}
    every = bool(kinds & EVERY_DRIVER_KINDS)
    return ChangeSet(frozenset(kinds), frozenset(ids), frozenset(drivers), every)


@dataclass
class CreateRow:
    """Add one row; undo deletes it again (refused if it was changed meanwhile)."""

    kind: str
    values: dict[str, Any]
    text: str = ""
    row_id: int | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.values = _editable(self.kind, self.values)
        self.text = self.text or f"New {WHAT[self.kind]}"

    def apply(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], self._insert)

    def _insert(self, session: Session) -> ChangeSet:
        t = table(self.kind)
        values = {**self.values, "version": 1}
        if self.row_id is not None:
            values["id"] = self.row_id
        result = session.execute(insert(t).values(**values).returning(t.c.id))
        self.row_id = int(result.scalar_one())
        row = [(self.kind, {**self.values, "id": self.row_id})]
        return change_of(self.kind, self.row_id, drivers_touched(session, row), row)

    def revert(self, db: Database) -> ChangeSet:
        assert self.row_id is not None, "revert before apply"
        return run(db, WHAT[self.kind], self._delete)

    def _delete(self, session: Session) -> ChangeSet:
        assert self.row_id is not None
        _require(session, self.kind, self.row_id, self.values)
        row = [(self.kind, {**self.values, "id": self.row_id})]
        drivers = drivers_touched(session, row)
        t = table(self.kind)
        session.execute(delete(t).where(t.c.id == self.row_id))
        return change_of(self.kind, self.row_id, drivers, row)


@dataclass
class UpdateRow:
    """Change some fields of one row from ``before`` (what the user saw) to ``values``."""

    kind: str
    row_id: int
    before: dict[str, Any]
    values: dict[str, Any]
    text: str = ""

    def __post_init__(self) -> None:
        self.values = _editable(self.kind, self.values)
        self.before = {k: self.before[k] for k in self.values}
        self.text = self.text or f"Edit {WHAT[self.kind]}"

    def apply(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], lambda s: self._write(s, self.before, self.values))

    def revert(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], lambda s: self._write(s, self.values, self.before))

    def _write(self, session: Session, old: dict[str, Any], new: dict[str, Any]) -> ChangeSet:
        _require(session, self.kind, self.row_id, old)
        rows = [(self.kind, {**(read_row(session, self.kind, self.row_id) or {})})]
        drivers = drivers_touched(session, rows)
        _update(session, self.kind, self.row_id, {**new, **_raised_sequence(self.kind, rows, new)})
        drivers |= drivers_touched(session, [(self.kind, {**rows[0][1], **new})])
        return change_of(self.kind, self.row_id, drivers, rows)


MOVING = frozenset({"start_date", "end_date", "circuit_id", "start", "end", "cancelled"})
"""Fields of meetings and sessions whose change raises the iCalendar SEQUENCE."""


def _raised_sequence(kind: str, rows: Snapshot, new: dict[str, Any]) -> dict[str, Any]:
    if kind not in ("meetings", "sessions"):
        return {}
    row = rows[0][1]
    if any(k in MOVING and row.get(k) != v for k, v in new.items()):
        return {"sequence": int(row.get("sequence") or 0) + 1}
    return {}


def dependants(session: Session, kind: str, ids: list[int]) -> Snapshot:
    """The rows, with everything that cascades from them, parents first."""
    t = table(kind)
    rows = [dict(r) for r in session.execute(select(t).where(t.c.id.in_(ids))).mappings()]
    found: Snapshot = [(kind, r) for r in rows]
    if not rows:
        return found
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is t and fk.parent.table is child and child.name in WHAT:
                child_ids = list(session.scalars(
                    select(child.c.id).where(fk.parent.in_([r["id"] for r in rows]))
                ))
                if child_ids and fk.ondelete != "CASCADE":
                    raise PaddockError(
                        f"This {WHAT[kind]} is used by {len(child_ids)} {child.name}; "
                        f"change or delete those first."
                    )
                if child_ids:
                    found.extend(dependants(session, child.name, child_ids))
    unique: dict[tuple[str, int], dict[str, Any]] = {}
    for name, row in found:
        unique.setdefault((name, int(row["id"])), row)
    return [(name, row) for (name, _id), row in unique.items()]


@dataclass
class DeleteRow:
    """Delete one row and what cascades from it; undo puts all of it back with the same ids."""

    kind: str
    row_id: int
    text: str = ""
    snapshot: Snapshot = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        table(self.kind)
        self.text = self.text or f"Delete {WHAT[self.kind]}"

    def apply(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], self._delete)

    def _delete(self, session: Session) -> ChangeSet:
        snapshot = dependants(session, self.kind, [self.row_id])
        if not snapshot:
            raise StaleEditError(STALE_MESSAGE.format(what=WHAT[self.kind]))
        if self.snapshot and _strip(snapshot[0][1]) != _strip(self.snapshot[0][1]):
            raise StaleEditError(STALE_MESSAGE.format(what=WHAT[self.kind]))
        self.snapshot = snapshot
        drivers = drivers_touched(session, snapshot)
        t = table(self.kind)
        session.execute(delete(t).where(t.c.id == self.row_id))
        return change_of(self.kind, self.row_id, drivers, snapshot)

    def revert(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], self._restore)

    def _restore(self, session: Session) -> ChangeSet:
        if read_row(session, self.kind, self.row_id) is not None:
            raise StaleEditError(STALE_MESSAGE.format(what=WHAT[self.kind]))
        for kind, row in self.snapshot:
            session.execute(insert(table(kind)).values(**row))
        return change_of(
            self.kind, self.row_id, drivers_touched(session, self.snapshot), self.snapshot
        )


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "version"}
