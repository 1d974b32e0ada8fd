"""What one CSV import works on: the season's rows loaded once, keyed as rows are named, and a
report of what the import created, changed, warned about and refused.

An attribute is only set when its value differs, so that importing the same files again leaves
every row (and its version counter) as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from paddock_desk.interop.csv_reading import CsvRow
from paddock_desk.interop.import_report import ImportReport, Problem
from paddock_desk.interop.names import NameIndex, Suggestions
from paddock_desk.store.schema import (
    Base,
    CarRow,
    CircuitRow,
    DriverRow,
    LineupRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    TeamRow,
    UnavailabilityRow,
)

R = TypeVar("R", bound=Base)
CHUNK = 5000
"""New rows written to the database at a time: memory stays flat however long the file."""
_SIGNATURE = (1 << 64) - 1
"""The bits of a row's entry in ImportState._named that hold the hash of its values."""
CarKey = tuple[str, str, str]
"""A car by series, team and number."""


def _all(session: Session, row_type: type[R]) -> list[R]:
    return list(session.scalars(select(row_type).order_by(row_type.id)))  # type: ignore[attr-defined]


@dataclass
class SeasonRows:
    """Every row of the season, keyed by what names it in a CSV file."""

    circuits: dict[str, CircuitRow] = field(default_factory=dict)
    series: dict[str, SeriesRow] = field(default_factory=dict)
    meetings: dict[tuple[str, str], MeetingRow] = field(default_factory=dict)
    sessions: dict[str, int] = field(default_factory=dict)
    """Stored sessions by :func:`session_key`: their id and a hash of their times in one
    integer (:func:`stored_session`), not whole rows, since a season may hold a million;
    :meth:`ImportState.update_stored` fetches the row an import changes."""
    drivers: dict[str, DriverRow] = field(default_factory=dict)
    teams: dict[str, TeamRow] = field(default_factory=dict)
    cars: dict[CarKey, CarRow] = field(default_factory=dict)
    lineups: dict[tuple[str, CarKey], LineupRow] = field(default_factory=dict)
    unavailability: dict[tuple[int, date, date], tuple[int, Any, Any]] = field(
        default_factory=dict
    )
    """Stored blocks by driver id and dates: (id, reason, rrule), as for sessions."""
    rounds: dict[str, list[str]] = field(default_factory=dict)
    """Round labels of each series, in the order their meetings were made."""

    @classmethod
    def load(cls, session: Session) -> SeasonRows:
        rows = cls()
        rows.circuits = {c.name: c for c in _all(session, CircuitRow)}
        rows.series = {s.name: s for s in _all(session, SeriesRow)}
        for meeting in _all(session, MeetingRow):
            rows.add_meeting(meeting)
        sessions = select(
            SessionRow.id, SessionRow.meeting_id, SessionRow.name, SessionRow.start, SessionRow.end
        )
        stream = session.connection().execute  # Core rows, read as they come, not buffered
        for sid, meeting_id, name, start, end in stream(sessions):
            rows.sessions[session_key(meeting_id, name)] = stored_session(sid, start, end)
        rows.drivers = {d.name: d for d in _all(session, DriverRow)}
        rows.teams = {t.name: t for t in _all(session, TeamRow)}
        rows.cars = {car_key(c): c for c in _all(session, CarRow)}
        for lineup in _all(session, LineupRow):
            rows.lineups[(lineup.driver.name, car_key(lineup.car))] = lineup
        blocks = select(
            UnavailabilityRow.id, UnavailabilityRow.driver_id, UnavailabilityRow.start_date,
            UnavailabilityRow.end_date, UnavailabilityRow.reason, UnavailabilityRow.rrule,
        )
        for uid, driver_id, first, last, reason, rule in stream(blocks):
            rows.unavailability[(driver_id, first, last)] = (uid, reason, rule)
        return rows

    def add_meeting(self, meeting: MeetingRow) -> None:
        self.meetings[(meeting.series.name, meeting.round)] = meeting
        self.rounds.setdefault(meeting.series.name, []).append(meeting.round)


def session_key(meeting_id: int, name: str) -> str:
    return f"{meeting_id}/{name}"


def stored_session(session_id: int, start: Any, end: Any) -> int:
    """A session's id and the hash of its times, packed into one integer."""
    return session_id << 64 | hash((start, end)) & _SIGNATURE


def describe(what: str, key: object) -> str:
    """``what`` named by ``key`` as a message words it: "the meeting GT Asia round 2"."""
    parts = key if isinstance(key, tuple) else (key,)
    if what == "meeting":
        return f"the meeting {parts[0]} round {parts[1]}"
    if what == "session":
        return f"the session '{parts[2]}' of {parts[0]} round {parts[1]}"
    if what == "unavailability block":
        return f"the unavailability of {parts[0]} from {parts[1]} to {parts[2]}"
    if what == "car":
        return f"the car {parts[0]} {parts[1]} #{parts[2]}"
    return f"the {what} '{parts[0]}'"


def car_key(car: CarRow) -> CarKey:
    return (car.series.name, car.team.name, car.number)


def _with_ids(values: dict[str, Any]) -> dict[str, Any]:
    """Column values for an INSERT: parent rows become their ids; a new row's version is 1."""
    row: dict[str, Any] = {"version": 1}
    for key, value in values.items():
        if isinstance(value, Base):
            row[f"{key}_id"] = value.id  # type: ignore[attr-defined]
        else:
            row[key] = value
    return row


def show(value: Any) -> str:
    """A value as a change line writes it."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, CircuitRow):
        return value.name
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


@dataclass
class _Edit:
    """A stored row an import changes: its values before, and which of them move calendars."""

    kind: str
    label: str
    obj: Base
    original: dict[str, Any]
    sequenced: frozenset[str]


class ImportState:
    """One import in one database session: rows, name indexes, what it did and what is wrong.

    Counts, warnings and skipped rows go straight into ``report``; ``problems`` are the rows
    that refuse the import.
    """

    def __init__(self, session: Session, report: ImportReport, *, skip_invalid: bool) -> None:
        self.session = session
        self.rows = SeasonRows.load(session)
        self.report = report
        self.problems: list[Problem] = []
        self.skip_invalid = skip_invalid
        self._new: set[int] = set()
        self._edits: dict[int, _Edit] = {}
        self._indexes: dict[str, NameIndex] = {}
        self._pending: dict[type[Base], list[dict[str, Any]]] = {}
        self._suggestions: dict[int, tuple[int, Suggestions]] = {}
        self._named: dict[int, int] = {}
        self._files: list[str] = []

    def first_naming(self, what: str, key: object, row: CsvRow, values: dict[str, Any]) -> bool:
        """Whether ``row`` is the first of this import to name ``what`` ``key``, to be applied.

        A row naming it again the same way changes nothing more (False); one naming it with
        other ``values`` is set aside (False) with a problem naming both lines. Only a hash of
        the values is kept, so that a file of a million rows stays small.
        """
        if not self._files or self._files[-1] != row.file:
            self._files.append(row.file)
        signature = hash(tuple(sorted(values.items()))) & _SIGNATURE
        mine = signature | row.line << 64 | (len(self._files) - 1) << 96
        first = self._named.setdefault(hash((what, key)), mine)
        if first & _SIGNATURE == signature:
            return first == mine
        line, file = first >> 64 & 0xFFFFFFFF, self._files[first >> 96]
        where = f"line {line}" if file == row.file else f"{file}, line {line}"
        row.problem(None, f"names {describe(what, key)} again with other values than {where} "
                    "(one import names it once, or the same way each time)")
        self.reject(row)
        return False

    def reject(self, row: CsvRow) -> None:
        """Set ``row`` aside: skipped with --skip-invalid, else a reason to refuse the import."""
        (self.report.skipped if self.skip_invalid else self.problems).extend(row.problems)

    def is_new(self, obj: Base) -> bool:
        return id(obj) in self._new

    def create_later(self, kind: str, row_type: type[Base], values: dict[str, Any]) -> None:
        """A new row nothing else in the import refers to, inserted in bulk by insert_pending.

        ``values`` may name parent rows (``driver=DriverRow``): their ids are taken at insert.
        """
        self.report.created[kind] += 1
        if self.problems:
            return  # the import is refused already: only what is wrong is still of use
        pending = self._pending.setdefault(row_type, [])
        pending.append(values)
        if len(pending) >= CHUNK:
            self.insert_pending()

    def insert_pending(self) -> None:
        """Write the rows of create_later, many to a statement (their parents flushed first).

        Called for every CHUNK rows and at the end: all inside the import's one transaction,
        so a refusal found later still leaves nothing behind.
        """
        if not self._pending:
            return
        self.session.flush()
        for row_type, pending in self._pending.items():
            rows = [_with_ids(values) for values in pending]
            self.session.execute(insert(row_type), rows)
        self._pending.clear()

    def update_stored(
        self,
        kind: str,
        label: str,
        stored: tuple[type[Base], int, bool],
        values: dict[str, Any],
        sequenced: frozenset[str] = frozenset(),
    ) -> None:
        """:meth:`update` for a row kept only as (its type, its id, whether ``values`` are
        what it holds): the row is fetched only when ``values`` change it."""
        row_type, row_id, same = stored
        if same:
            self.report.unchanged[kind] += 1
            return
        obj = self.session.get(row_type, row_id)
        assert obj is not None
        self.update(kind, label, obj, values, sequenced)

    def create(self, kind: str, obj: R) -> R:
        self.session.add(obj)
        self._new.add(id(obj))
        self.report.created[kind] += 1
        return obj

    def update(
        self,
        kind: str,
        label: str,
        obj: Base,
        values: dict[str, Any],
        sequenced: frozenset[str] = frozenset(),
    ) -> None:
        """Set the attributes of ``values`` that differ, remembering what they were.

        Changing an attribute of ``sequenced`` raises the row's calendar sequence (once).
        """
        edit = None if self.is_new(obj) else self._edits.get(id(obj))
        if edit is None and not self.is_new(obj):
            edit = self._edits[id(obj)] = _Edit(kind, label, obj, {}, sequenced)
        for attr, value in values.items():
            old = getattr(obj, attr)
            if old != value:
                if edit is not None:
                    edit.original.setdefault(attr, old)
                setattr(obj, attr, value)

    def settle(self) -> None:
        """Count and describe what the import changed in stored rows, net of back-and-forth."""
        for edit in self._edits.values():
            lines = []
            for attr, old in edit.original.items():
                new = getattr(edit.obj, attr)
                if new == old:
                    set_committed_value(edit.obj, attr, old)
                else:
                    lines.append(f"{attr.replace('_', ' ')} {show(old)} -> {show(new)}")
            if not lines:
                self.report.unchanged[edit.kind] += 1
                continue
            self.report.updated[edit.kind] += 1
            self.report.changes.append(f"{edit.kind} {edit.label}: {'; '.join(lines)}")
            moved = {a for a in edit.original if getattr(edit.obj, a) != edit.original[a]}
            obj = edit.obj
            if moved & edit.sequenced and isinstance(obj, MeetingRow | SessionRow):
                obj.sequence = (obj.sequence or 0) + 1
        self._edits.clear()

    def suggest(self, name: str, known: dict[str, Any]) -> str | None:
        """The name of ``known`` most like the unknown ``name``, for "did you mean"."""
        size, suggestions = self._suggestions.get(id(known), (-1, None))
        if suggestions is None or size != len(known):
            suggestions = Suggestions(known)
            self._suggestions[id(known)] = (len(known), suggestions)
        return suggestions.closest(name)

    def names(self, kind: str, known: dict[str, Any]) -> NameIndex:
        """The index of known names of ``kind``, built on first use."""
        if kind not in self._indexes:
            self._indexes[kind] = NameIndex(known)
        return self._indexes[kind]

    def check_new_name(self, kind: str, name: str, known: dict[str, Any]) -> None:
        """Warn when a new name is close to a known one; then it is known too."""
        index = self.names(kind, known)
        similar = index.close_to(name)
        if similar is not None:
            self.report.warnings.append(f"new {kind} '{name}' is close to '{similar}'")
        index.add(name)
