"""Importing .ics calendars into a series: meetings, sessions and the circuits they need.

``import_calendar_files`` writes through the caller's session inside its one transaction (the
caller commits, or rolls back for a dry run). ``preview_calendar_import`` tells what an import
would change, and which clashes it would add or remove, without changing anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.explain import date_range, round_label
from paddock_desk.domain.model import Season, zone
from paddock_desk.interop.circuit_matching import CircuitPlaces, KnownCircuit
from paddock_desk.interop.ics_export import event_uid
from paddock_desk.interop.ics_grouping import (
    MeetingDraft,
    SessionDraft,
    expand_recurrences,
    group_events,
)
from paddock_desk.interop.ics_reading import (
    CalendarFile,
    CalendarRefusedError,
    EventError,
    EventRecord,
    read_calendar,
)
from paddock_desk.interop.import_report import ImportReport, Problem
from paddock_desk.store.database import Database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow
from paddock_desk.store.season_loader import load_season

__all__ = ["CalendarPreview", "import_calendar_files", "preview_calendar_import"]


@dataclass
class CalendarPreview:
    """What an import would do: the report (changes, counts) and the clash difference."""

    report: ImportReport
    clashes_added: list[Clash] = field(default_factory=list)
    clashes_removed: list[Clash] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"new clash: {c.message}" for c in self.clashes_added]
        return out + [f"clash resolved: {c.message}" for c in self.clashes_removed]


def import_calendar_files(
    session: Session,
    paths: list[Path],
    *,
    series: str | None,
    skip_invalid: bool,
    report: ImportReport,
) -> None:
    """Import each .ics file of ``paths`` into its series through ``session`` (no commit).

    In a dry run (``report.dry_run``) the report's changes also list the clashes the import
    would add or resolve.
    """
    if not report.dry_run:
        _import_all(session, paths, series, skip_invalid, report)
        return
    preview = CalendarPreview(report)
    preview.clashes_added, preview.clashes_removed = _clash_change(
        session, lambda: _import_all(session, paths, series, skip_invalid, report)
    )
    report.changes += preview.lines()


def _import_all(
    session: Session,
    paths: list[Path],
    series: str | None,
    skip_invalid: bool,
    report: ImportReport,
) -> None:
    places = CircuitPlaces(session)
    for path in paths:
        calendar = _read(path, skip_invalid, report)
        if calendar is None:
            continue
        name = series or calendar.name or path.stem
        series_row = _series_row(session, name, report)
        places.learn(calendar.events)
        days = [places.place(e, calendar) for e in calendar.events if e.all_day]
        placed = days + [
            places.place(e, calendar, _host_circuit(e, days))
            for e in calendar.events
            if not e.all_day
        ]
        drafts = group_events(placed)
        for draft in drafts:
            if draft.circuit is None:
                draft.circuit = places.for_meeting(draft.name, draft.geo, draft.zone)
        apply_meetings(session, series_row, drafts, places.rows, report)
    if places.created:
        report.created["circuit"] += len(places.created)
    report.warnings += places.warnings + places.closing_warnings()


def _host_circuit(
    event: EventRecord, days: list[tuple[EventRecord, KnownCircuit | None]]
) -> KnownCircuit | None:
    """For a floating event with no place: the circuit of the one all-day event around it."""
    if not event.start.floating or event.location or event.geo:
        return None
    wall = event.start.value
    assert isinstance(wall, datetime)
    around = {
        c.name: c
        for day, c in days
        if c is not None and day.start.value <= wall.date() < day.end.value
    }
    return next(iter(around.values())) if len(around) == 1 else None


def _read(path: Path, skip_invalid: bool, report: ImportReport) -> CalendarFile | None:
    """The file's events with recurrences expanded; refusals raise unless skipping."""
    try:
        calendar = read_calendar(path)
    except CalendarRefusedError as exc:
        if not skip_invalid:
            raise
        report.skipped.append(Problem(path.name, exc.line, None, exc.reason))
        return None
    except OSError as exc:
        raise PaddockError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if not calendar.events and not calendar.problems:
        report.warnings.append(f"{path.name}: the calendar holds no events")
    events, problems = expand_recurrences(calendar.events)
    problems = calendar.problems + problems
    if problems and not skip_invalid:
        _refuse(path, problems)
    report.skipped += [Problem(path.name, p.line, None, str(p)) for p in problems]
    calendar.events = events
    return calendar


def _refuse(path: Path, problems: list[EventError]) -> None:
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    raise PaddockError(
        f"{path.name}, line {first.line}: {first}{more}; nothing was imported "
        "(--skip-invalid imports the rest)"
    )


def _series_row(session: Session, name: str, report: ImportReport) -> SeriesRow:
    row = session.scalars(select(SeriesRow).where(SeriesRow.name == name)).one_or_none()
    if row is None:
        row = SeriesRow(name=name, colour=None, arrival_days=0)
        session.add(row)
        session.flush()
        report.created["series"] += 1
        report.changes.append(f"new: series {name}")
    return row


def apply_meetings(
    session: Session,
    series: SeriesRow,
    drafts: list[MeetingDraft],
    circuits: dict[str, CircuitRow],
    report: ImportReport,
) -> None:
    """Create or update each drafted meeting of ``series``, matched by UID, else by start."""
    known = _Known(session, series)
    for draft in drafts:
        assert draft.circuit is not None
        circuit = circuits[draft.circuit.name]
        row = known.find(draft)
        if row is None:
            row = _new_meeting(session, series, draft, circuit, known.next_round(), report)
            known.add(row)
        else:
            _update_meeting(row, draft, circuit, report)
        for draft_session in draft.sessions:
            _apply_session(session, row, draft_session, known, report)


class _Known:
    """The series' meetings, findable by UID, by a session's UID, or by start and name.

    A UID is the one an earlier import stored, or the one our own export gives the meeting or
    session, so that an exported calendar edited elsewhere comes back onto the same rows.
    """

    def __init__(self, session: Session, series: SeriesRow) -> None:
        query = (
            select(MeetingRow)
            .where(MeetingRow.series_id == series.id)
            .options(selectinload(MeetingRow.sessions))
        )
        self.meetings = list(session.scalars(query))
        self.series_name = series.name
        self.used: set[int] = set()
        self.by_uid: dict[str, MeetingRow] = {}
        self.sessions: dict[str, SessionRow] = {}
        for row in self.meetings:
            year, name = row.start_date.year, series.name
            self.by_uid[event_uid(name, year, row.round)] = row
            for s in row.sessions:
                self.sessions[event_uid(name, year, row.round, s.name)] = s
        for row in self.meetings:
            if row.source_uid:
                self.by_uid[row.source_uid] = row
            self.sessions.update({s.source_uid: s for s in row.sessions if s.source_uid})
        numbers = [int(m.round) for m in self.meetings if m.round.strip().isdigit()]
        self._next = max(numbers, default=0) + 1

    def next_round(self) -> str:
        self._next += 1
        return str(self._next - 1)

    def add(self, row: MeetingRow) -> None:
        self.meetings.append(row)
        self.used.add(id(row))
        if row.source_uid:
            self.by_uid[row.source_uid] = row

    def find(self, draft: MeetingDraft) -> MeetingRow | None:
        found = self._find(draft)
        if found is None or id(found) in self.used:
            return None
        self.used.add(id(found))
        return found

    def _find(self, draft: MeetingDraft) -> MeetingRow | None:
        if draft.uid and draft.uid in self.by_uid:
            return self.by_uid[draft.uid]
        for draft_session in draft.sessions:
            known = self.sessions.get(draft_session.uid or "")
            if known is not None:
                return known.meeting
        name = meeting_name(draft.name, self.series_name).casefold()
        for row in self.meetings:
            same_start = row.start_date == draft.start_date
            if same_start and row.name.casefold() == name and not row.source_uid:
                return row
        return None


def meeting_name(summary: str, series: str) -> str:
    """A meeting's name from its summary, without a leading "Series R3: " of the series."""
    match = re.match(rf"{re.escape(series)}(?:\s+\S+)?:\s+(.+)", summary, re.IGNORECASE)
    return (match[1] if match else summary).strip()[:300]


def _where(row: MeetingRow) -> str:
    return f"{date_range(row.start_date, row.end_date)} at {row.circuit.name}"


def _label(row: MeetingRow) -> str:
    return f"{round_label(row.series.name, row.round)} {row.name}"


def _new_meeting(
    session: Session,
    series: SeriesRow,
    draft: MeetingDraft,
    circuit: CircuitRow,
    round_text: str,
    report: ImportReport,
) -> MeetingRow:
    row = MeetingRow(
        series=series,
        round=round_text,
        name=meeting_name(draft.name, series.name),
        circuit=circuit,
        start_date=draft.start_date,
        end_date=draft.end_date,
        cancelled=draft.cancelled,
        sequence=0,
        source_uid=draft.uid,
    )
    session.add(row)
    report.created["meeting"] += 1
    count = len(draft.sessions)
    sessions = f" ({count} session{'s' if count != 1 else ''})" if count else ""
    state = " (cancelled)" if draft.cancelled else ""
    report.changes.append(f"new: {_label(row)}, {_where(row)}{sessions}{state}")
    return row


def _update_meeting(
    row: MeetingRow, draft: MeetingDraft, circuit: CircuitRow, report: ImportReport
) -> None:
    exported = event_uid(row.series.name, row.start_date.year, row.round)
    before = _where(row)
    changed = False
    if (row.start_date, row.end_date, row.circuit.name) != (
        draft.start_date, draft.end_date, circuit.name,
    ):
        row.start_date, row.end_date, row.circuit = draft.start_date, draft.end_date, circuit
        row.sequence += 1
        report.changes.append(f"moved: {_label(row)}: {before} -> {_where(row)}")
        changed = True
    if draft.cancelled != row.cancelled:
        row.cancelled = draft.cancelled
        state = "cancelled" if draft.cancelled else "reinstated"
        report.changes.append(f"{state}: {_label(row)}, {_where(row)}")
        changed = True
    if draft.uid and draft.uid not in (row.source_uid, exported):
        row.source_uid = draft.uid
        changed = True
    name = meeting_name(draft.name, row.series.name)
    if row.name != name:
        report.changes.append(f"renamed: {_label(row)} -> {name}")
        row.name = name
        changed = True
    _count(report, "meeting", changed)


def _apply_session(
    session: Session, meeting: MeetingRow, draft: SessionDraft, known: _Known, report: ImportReport
) -> None:
    row = known.sessions.get(draft.uid) if draft.uid else None
    if row is None:
        wanted = draft.name.casefold()
        row = next((s for s in meeting.sessions if s.name.casefold() == wanted), None)
        if row is not None and row.source_uid and draft.uid and row.source_uid != draft.uid:
            draft.name = f"{draft.name} ({draft.start.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
            row = None
    start, end = draft.start.astimezone(UTC), draft.end.astimezone(UTC)
    if draft.cancelled and not meeting.cancelled:
        if row is not None:
            report.warnings.append(
                f"{_label(meeting)}, {row.name} is cancelled in the calendar; "
                "it was kept (delete it in the app)"
            )
        return
    if row is None:
        row = SessionRow(
            name=draft.name[:200], start=start, end=end, sequence=0, source_uid=draft.uid
        )
        meeting.sessions.append(row)
        session.add(row)
        if draft.uid:
            known.sessions[draft.uid] = row
        report.created["session"] += 1
        return
    changed = False
    exported = event_uid(meeting.series.name, meeting.start_date.year, meeting.round, row.name)
    if (row.start, row.end) != (start, end) or row.meeting is not meeting:
        old = _local(row.start, meeting)
        row.start, row.end, row.meeting = start, end, meeting
        row.sequence += 1
        report.changes.append(
            f"moved: {_label(meeting)}, {row.name}: {old} -> {_local(start, meeting)}"
        )
        changed = True
    if draft.uid and draft.uid not in (row.source_uid, exported):
        row.source_uid, changed = draft.uid, True
    _count(report, "session", changed)


def _local(when: datetime, meeting: MeetingRow) -> str:
    return when.astimezone(zone(meeting.circuit.tz)).strftime("%a %d %b %Y %H:%M")


def _count(report: ImportReport, kind: str, changed: bool) -> None:
    if changed:
        report.updated[kind] += 1
    else:
        report.unchanged[kind] += 1


def preview_calendar_import(
    db: Database,
    paths: list[Path],
    *,
    series: str | None = None,
    skip_invalid: bool = False,
) -> CalendarPreview:
    """What importing ``paths`` would change, and the clashes it would add or remove."""
    report = ImportReport(dry_run=True)
    with db.session() as session:
        try:
            added, removed = _clash_change(
                session, lambda: _import_all(session, paths, series, skip_invalid, report)
            )
        finally:
            session.rollback()
    return CalendarPreview(report, added, removed)


def _clash_change(
    session: Session, change: Callable[[], None]
) -> tuple[list[Clash], list[Clash]]:
    """The clashes ``change`` adds and removes, seen inside the session's transaction."""
    before = load_season(session.connection())
    change()
    session.flush()
    return clash_difference(before, load_season(session.connection()))


def clash_difference(before: Season, after: Season) -> tuple[list[Clash], list[Clash]]:
    """Clashes of ``after`` not in ``before`` (by their sentence), and those gone."""
    old = {c.message: c for c in ClashEngine(before).check_all()}
    new = {c.message: c for c in ClashEngine(after).check_all()}
    added = [c for text, c in new.items() if text not in old]
    removed = [c for text, c in old.items() if text not in new]
    return added, removed
