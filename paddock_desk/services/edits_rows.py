"""Undoable edits of single rows of any kind: create, change, delete (with what depends on it).

Rows are named by table ("circuits", "series", "meetings", "sessions", "teams", "cars",
"drivers", "lineups", "unavailability") and id. Values are column values as stored (dates as
dates, session instants aware). Every write names the version of the row this edit last saw
(``UPDATE ... WHERE id = ? AND version = ?``), so neither a save nor an undo ever overwrites
someone else's change; the whole row is validated as saved, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.editing import (
    STALE_MESSAGE,
    ChangeKind,
    ChangeSet,
    StaleEditError,
    run,
    stale,
)
from paddock_desk.services.row_rules import require_valid, require_valid_values
from paddock_desk.store import versioned
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base
from paddock_desk.store.versioned import VersionMismatch

WHAT = {
    "circuits": "circuit", "series": "series", "meetings": "meeting", "sessions": "session",
    "teams": "team", "cars": "car", "drivers": "driver", "lineups": "line-up",
    "unavailability": "unavailability",
    "lineup_rules": "line-up rule", "documents": "document",
}
"""The word for one row of each table."""

EVERY_DRIVER_KINDS = frozenset({ChangeKind.CIRCUITS, ChangeKind.SERIES})
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
    return versioned.read_row(session, table(kind), row_id)


def _gone(kind: str, row_id: int, mine: dict[str, Any]) -> StaleEditError:
    return StaleEditError(STALE_MESSAGE.format(what=WHAT[kind]), kind=kind, row_id=row_id,
                          mine=mine)


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
    kinds = {ChangeKind(kind)} | {ChangeKind(k) for k, _row in snapshot}
    ids = {(ChangeKind(kind), row_id)} | {(ChangeKind(k), int(r["id"])) for k, r in snapshot}
    if kind == ChangeKind.SESSIONS:
        ids |= {(ChangeKind.MEETINGS, int(r["meeting_id"])) for k, r in snapshot
                if k == ChangeKind.SESSIONS}
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
        require_valid(session, self.kind, self.row_id, WHAT[self.kind])
        row = [(self.kind, {**self.values, "id": self.row_id})]
        return change_of(self.kind, self.row_id, drivers_touched(session, row), row)

    def revert(self, db: Database) -> ChangeSet:
        assert self.row_id is not None, "revert before apply"
        return run(db, WHAT[self.kind], self._delete)

    def _delete(self, session: Session) -> ChangeSet:
        assert self.row_id is not None
        row = [(self.kind, {**self.values, "id": self.row_id})]
        drivers = drivers_touched(session, row)
        try:
            versioned.delete_row(session, table(self.kind), self.row_id, 1)
        except VersionMismatch as exc:
            raise stale(WHAT[self.kind], exc, {}) from exc
        return change_of(self.kind, self.row_id, drivers, row)


@dataclass
class UpdateRow:
    """Change some fields of one row from ``before`` (what the person saw) to ``values``.

    ``version`` is the row's version the person saw: the write names it, so a row someone else
    saved since is refused (:class:`StaleEditError` with their values and mine), atomically.
    After each write (apply, undo, redo) it is the version this edit left, which the next one
    must find. Without a version the write checks ``before`` against the row as it is (and
    without ``before`` too it writes over whatever is there, as ``set`` without --if-version).
    The whole row is validated as saved, in the same transaction.
    """

    kind: str
    row_id: int
    before: dict[str, Any] | None
    values: dict[str, Any]
    text: str = ""
    version: int | None = None

    def __post_init__(self) -> None:
        self.values = _editable(self.kind, self.values)
        if self.before is not None:
            self.before = {k: self.before.get(k) for k in self.values}
        self.text = self.text or f"Edit {WHAT[self.kind]}"

    def apply(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], self.apply_in)

    def apply_in(self, session: Session) -> ChangeSet:
        """Apply within ``session``'s transaction (a caller that read the row in it)."""
        return self._write(session, self.before, self.values)

    def revert(self, db: Database) -> ChangeSet:
        before = self.before
        assert before is not None, "an edit without its before values cannot be undone"
        return run(db, WHAT[self.kind], lambda s: self._write(s, self.values, before))

    def _write(
        self, session: Session, old: dict[str, Any] | None, new: dict[str, Any]
    ) -> ChangeSet:
        row = read_row(session, self.kind, self.row_id)
        if row is None:
            raise _gone(self.kind, self.row_id, new)
        seen = self.version
        if seen is None and old is not None:
            if any(row.get(k) != v for k, v in old.items()):
                raise StaleEditError(
                    STALE_MESSAGE.format(what=WHAT[self.kind]), kind=self.kind,
                    row_id=self.row_id, seen=int(row["version"]), theirs=row, mine=new)
            seen = int(row["version"])
        require_valid_values(self.kind, {**row, **new}, WHAT[self.kind])
        rows = [(self.kind, row)]
        drivers = drivers_touched(session, rows)
        values = {**new, **_raised_sequence(self.kind, rows, new)}
        try:
            version = versioned.update_row(session, table(self.kind), self.row_id, values, seen)
        except VersionMismatch as exc:
            raise stale(WHAT[self.kind], exc, new) from exc
        require_valid(session, self.kind, self.row_id, WHAT[self.kind])
        self.version = version
        drivers |= drivers_touched(session, [(self.kind, {**row, **new})])
        return change_of(self.kind, self.row_id, drivers, rows)


def overwrite(
    refused: StaleEditError, text: str = "", mine: dict[str, Any] | None = None
) -> UpdateRow | None:
    """The edit that writes mine (``refused.mine`` unless given) over theirs: Overwrite, naming
    the version they saved. None when there is nothing to write over (the row was deleted) or
    nothing of mine to write."""
    values = refused.mine if mine is None else mine
    if refused.theirs is None or not values or refused.kind not in WHAT:
        return None
    theirs = refused.theirs
    return UpdateRow(refused.kind, int(theirs["id"]), theirs, values,
                     text or f"Overwrite {WHAT[refused.kind]}", int(theirs["version"]))


MOVING = frozenset(
    {"start_date", "end_date", "circuit_id", "start", "end", "cancelled", "status"}
)
"""Fields of meetings and sessions whose change raises the iCalendar SEQUENCE."""


def _raised_sequence(kind: str, rows: Snapshot, new: dict[str, Any]) -> dict[str, Any]:
    if kind not in ("meetings", "sessions"):
        return {}
    row = rows[0][1]
    if any(k in MOVING and row.get(k) != v for k, v in new.items()):
        return {"sequence": int(row.get("sequence") or 0) + 1}
    return {}


def dependants(session: Session, kind: str, ids: list[int]) -> Snapshot:
    """The rows, with everything that cascades from them, parents first.

    Each row is locked as read (FOR UPDATE; SQLite's write lock is already held), so a save of
    one of them racing this delete either lands first and is the value kept for undo, or waits
    and then finds the row gone.
    """
    t = table(kind)
    query = select(t).where(t.c.id.in_(ids)).order_by(t.c.id).with_for_update()
    rows = [dict(r) for r in session.execute(query).mappings()]
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


DELETE_CHANGED = (
    "Someone else changed this {what} since you saw it (version {seen}; it is now version "
    "{now}); nothing was deleted."
)
DELETE_GONE = "Someone else already deleted this {what}; there was nothing left to delete."


def refused_delete(kind: str, mismatch: VersionMismatch) -> StaleEditError:
    """The StaleEditError of a delete that found the row changed (``theirs``) or gone (None)."""
    current = mismatch.current
    message = (DELETE_GONE.format(what=WHAT[kind]) if current is None else DELETE_CHANGED.format(
        what=WHAT[kind], seen=mismatch.seen, now=current["version"]))
    return StaleEditError(message, kind=kind, row_id=mismatch.row_id, seen=mismatch.seen,
                          theirs=current)


@dataclass
class DeleteRow:
    """Delete one row and what cascades from it; undo puts all of it back with the same ids."""

    kind: str
    row_id: int
    text: str = ""
    version: int | None = None
    """The version the person saw (None: whatever it is now); redo needs the version restored."""
    snapshot: Snapshot = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        table(self.kind)
        self.text = self.text or f"Delete {WHAT[self.kind]}"

    def apply(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], self._delete)

    def _delete(self, session: Session) -> ChangeSet:
        seen = int(self.snapshot[0][1]["version"]) if self.snapshot else self.version
        snapshot = dependants(session, self.kind, [self.row_id])
        if not snapshot:
            raise refused_delete(self.kind, VersionMismatch(self.kind, self.row_id, seen, None))
        drivers = drivers_touched(session, snapshot)
        try:
            versioned.delete_row(session, table(self.kind), self.row_id, seen)
        except VersionMismatch as exc:
            raise refused_delete(self.kind, exc) from exc
        self.snapshot = snapshot
        return change_of(self.kind, self.row_id, drivers, snapshot)

    def revert(self, db: Database) -> ChangeSet:
        return run(db, WHAT[self.kind], self._restore)

    def _restore(self, session: Session) -> ChangeSet:
        found = read_row(session, self.kind, self.row_id)
        if found is not None:
            raise StaleEditError(STALE_MESSAGE.format(what=WHAT[self.kind]), kind=self.kind,
                                 row_id=self.row_id, theirs=found)
        for kind, row in self.snapshot:
            session.execute(insert(table(kind)).values(**row))
        return change_of(
            self.kind, self.row_id, drivers_touched(session, self.snapshot), self.snapshot
        )
