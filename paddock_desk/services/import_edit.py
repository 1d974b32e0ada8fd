"""An import (of files, or of a refresh's fetched calendars) as one undoable edit.

The first ``apply`` imports for real and remembers every row it inserted and, for every row it
updated, each column before and after. ``revert`` then puts the database back as it was: the
updated rows get their old values (version counters included) and the inserted rows are deleted,
children first. ``apply`` after ``revert`` (redo) writes the same rows again with the same ids. A
row someone else changed in the meantime (its version moved) refuses the undo or redo, and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, and_, delete, event, insert, inspect, update
from sqlalchemy.orm import Session

from paddock_desk.interop.import_report import ImportReport
from paddock_desk.services.calendar_import import CalendarSource
from paddock_desk.services.editing import STALE_MESSAGE, ChangeKind, ChangeSet, StaleEditError
from paddock_desk.services.importing import import_into
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base

Values = dict[str, Any]


@dataclass
class _Written:
    """The rows one import wrote: inserted (values after) and updated (before and after)."""

    inserted: list[tuple[Table, Values]] = field(default_factory=list)
    updated: list[tuple[Table, Values, Values]] = field(default_factory=list)

    def kinds(self) -> frozenset[ChangeKind]:
        tables = [t for t, _ in self.inserted] + [t for t, _, _ in self.updated]
        return frozenset(ChangeKind(t.name) for t in tables)


class ImportEdit:
    """Importing ``files`` (paths or fetched calendars); undoable as one step."""

    def __init__(
        self,
        files: Sequence[Path | CalendarSource],
        *,
        series: str | None = None,
        text: str = "Import",
    ) -> None:
        self.files = list(files)
        self.series = series
        self._text = text
        self.report: ImportReport | None = None
        self._written: _Written | None = None
        self._applied = False

    @property
    def text(self) -> str:
        return self._text

    def run(self, db: Database) -> ImportReport:
        """Import for real (the first apply); PaddockError as :func:`import_files`."""
        report = ImportReport()
        written = _Written()
        with db.session() as session:
            tracker = _Tracker(written)
            event.listen(session, "before_flush", tracker.before_flush)
            try:
                import_into(session, self.files, report, series=self.series)
                session.flush()
                tracker.finish()
                session.commit()
            finally:
                session.rollback()
        self.report, self._written, self._applied = report, written, True
        return report

    def apply(self, db: Database) -> ChangeSet:
        if self._written is None:
            self.run(db)
        elif not self._applied:
            self._write(db, redo=True)
            self._applied = True
        return self.change()

    def revert(self, db: Database) -> ChangeSet:
        if self._written is not None and self._applied:
            self._write(db, redo=False)
            self._applied = False
        return self.change()

    def change(self) -> ChangeSet:
        kinds = self._written.kinds() if self._written else frozenset[ChangeKind]()
        return ChangeSet(kinds, frozenset(), frozenset(), all_drivers=True)

    def _write(self, db: Database, *, redo: bool) -> None:
        assert self._written is not None
        written = self._written
        order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
        with db.session() as session, session.begin():
            for table, before, after in written.updated:
                old, new = (before, after) if redo else (after, before)
                _update(session, table, old, new)
            rows = sorted(written.inserted, key=lambda r: order[r[0].name], reverse=not redo)
            for table, values in rows:
                if redo:
                    session.execute(insert(table).values(**values))
                else:
                    _delete(session, table, values)


def _key(table: Table, values: Values) -> Any:
    """The WHERE clause naming a row by its primary key and, where it has one, its version."""
    parts = [table.c[c.name] == values[c.name] for c in table.primary_key.columns]
    if "version" in table.c and "version" in values:
        parts.append(table.c.version == values["version"])
    return and_(*parts)


def _update(session: Session, table: Table, expected: Values, wanted: Values) -> None:
    done = session.execute(update(table).where(_key(table, expected)).values(**wanted))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleEditError(STALE_MESSAGE.format(what="imported entry"))


def _delete(session: Session, table: Table, values: Values) -> None:
    done = session.execute(delete(table).where(_key(table, values)))
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleEditError(STALE_MESSAGE.format(what="imported entry"))


class _Tracker:
    """Collects, over the flushes of one import, the rows inserted and the rows updated."""

    def __init__(self, written: _Written) -> None:
        self.written = written
        self.new: list[Any] = []
        self.before: dict[int, tuple[Any, Values]] = {}

    def before_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        self.new += list(session.new)
        created = {id(o) for o in self.new}
        for obj in session.dirty:
            if id(obj) in created or id(obj) in self.before or not session.is_modified(obj):
                continue
            state = inspect(obj)
            values = {}
            for attr in state.mapper.column_attrs:
                history = state.attrs[attr.key].history
                old = history.deleted[0] if history.deleted else getattr(obj, attr.key)
                values[attr.columns[0].name] = old
            self.before[id(obj)] = (obj, values)

    def finish(self) -> None:
        for obj in self.new:
            self.written.inserted.append((_table(obj), _values(obj)))
        for obj, before in self.before.values():
            after = _values(obj)
            if after != before:
                self.written.updated.append((_table(obj), before, after))


def _table(obj: Any) -> Table:
    table = inspect(obj).mapper.local_table
    assert isinstance(table, Table)
    return table


def _values(obj: Any) -> Values:
    state = inspect(obj)
    return {a.columns[0].name: getattr(obj, a.key) for a in state.mapper.column_attrs}
