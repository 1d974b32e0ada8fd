"""Importing .ics calendars into a series: meetings, sessions and the circuits they need.

``import_calendar_files`` writes through the caller's session inside its one transaction (the
caller commits, or rolls back for a dry run). A file Paddock Desk exported comes back with its
round labels and raw session names: the UIDs we write are uuid5 values over series, year, round
and session name, so a candidate name is proven by giving the event's own UID.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.circuit_matching import CircuitPlaces, KnownCircuit
from paddock_desk.interop.ics_export import event_uid
from paddock_desk.interop.ics_grouping import (
    MeetingDraft,
    SessionDraft,
    expand_recurrences,
    group_events,
)
from paddock_desk.interop.ics_names import free_name
from paddock_desk.interop.ics_own import exported_round, exported_session_name
from paddock_desk.interop.ics_reading import (
    CalendarFile,
    CalendarRefusedError,
    EventRecord,
    read_calendar,
)
from paddock_desk.interop.import_report import (
    ImportRefusedError,
    ImportReport,
    Problem,
    refusal_text,
)
from paddock_desk.services.session_status import (
    CANCELLED,
    SCHEDULED,
    cancelled_in_calendar,
    reinstated,
    report_gone,
)
from paddock_desk.services.session_status import label as _label
from paddock_desk.services.session_status import local as _local
from paddock_desk.services.session_status import where as _where
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow

__all__ = ["CalendarSource", "import_calendar_files"]

SKIP_HINT = " (--skip-invalid imports the rest)"
MAX_PASSES = 6
"""Placing is repeated until it creates no circuit: then every event is matched against every
circuit this import creates, whatever the order of the file, just as a second import matches
them, so that importing the file again changes nothing."""


@dataclass(frozen=True)
class CalendarSource:
    """A calendar file and, when it was fetched, the URL it came from (remembered per series)."""

    path: Path
    url: str | None = None
    series: str | None = None
    """The series name the calendar feeds, when the caller names it (a refresh does)."""
    etag: str | None = None
    last_modified: str | None = None
    follow: bool = False
    """A refresh: meetings and sessions of the series the calendar no longer has are gone."""
    cancel_missing: bool = False
    """With ``follow``: mark the meetings and sessions that are gone cancelled (nothing is
    deleted). A cancelled session the calendar has again is scheduled again."""


def import_calendar_files(
    session: Session,
    paths: list[Path] | list[CalendarSource],
    *,
    series: str | None,
    skip_invalid: bool,
    report: ImportReport,
) -> list[str]:
    """Import each .ics file of ``paths`` into its series through ``session`` (no commit).

    Returns the name of the series each file fed, in order.
    """
    places = CircuitPlaces(session)
    fed: list[str] = []
    for item in paths:
        source = item if isinstance(item, CalendarSource) else CalendarSource(Path(item))
        calendar = _read(source.path, skip_invalid, report)
        if calendar is None:
            continue
        name = source.series or series or calendar.name or source.path.stem
        series_row = _series_row(session, name[:200], report)
        _import_one(session, calendar, series_row, places, report, source)
        fed.append(series_row.name)
        if source.url is not None:
            remember_source(series_row, source)
    if places.created:
        report.created["circuit"] += len(places.created)
    report.warnings += places.warnings + places.closing_warnings()
    return fed


def remember_source(series: SeriesRow, source: CalendarSource) -> None:
    """Remember the URL a series follows, with the validators of the fetch."""
    if series.source_url != source.url:
        series.source_url = source.url
    if (series.etag, series.last_modified) != (source.etag, source.last_modified):
        series.etag, series.last_modified = source.etag, source.last_modified


def _import_one(
    session: Session,
    calendar: CalendarFile,
    series_row: SeriesRow,
    places: CircuitPlaces,
    report: ImportReport,
    source: CalendarSource,
) -> None:
    places.learn(calendar.events)
    for _ in range(MAX_PASSES):
        created = len(places.created)
        drafts = _drafts(calendar, places)
        if len(places.created) == created:
            break
    known = apply_meetings(session, series_row, drafts, places.rows, report)
    if source.follow:
        report_gone(known.meetings, known.used, known.seen_sessions, report,
                    source.cancel_missing)


def _drafts(calendar: CalendarFile, places: CircuitPlaces) -> list[MeetingDraft]:
    """The file's meetings, each event placed at a circuit (matched, else created)."""
    display = calendar.display_zone
    days = [places.place(e, calendar) for e in calendar.events if e.all_day]
    placed = days + [
        places.place(e, calendar, _host_circuit(e, days))
        for e in calendar.events
        if not e.all_day
    ]
    drafts = group_events(placed, display.tzinfo if display else None)
    for draft in drafts:
        if draft.circuit is None:
            utc = draft.zone is None and bool(draft.sessions) and display is not None
            draft.circuit = places.for_meeting(
                draft.name, draft.geo, display if utc else draft.zone
            )
    return drafts


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
            raise _refused(path, exc) from exc
        report.skipped.append(Problem(path.name, exc.line, None, exc.reason))
        return None
    except OSError as exc:
        raise PaddockError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if not calendar.events and not calendar.problems:
        report.warnings.append(f"{path.name}: the calendar holds no events")
    events, problems = expand_recurrences(calendar.events)
    found = sorted(calendar.problems + problems, key=lambda p: p.line)
    listed = [Problem(path.name, p.line, None, str(p)) for p in found]
    if listed and not skip_invalid:
        raise ImportRefusedError(listed, refusal_text(listed, SKIP_HINT))
    report.skipped += listed
    report.warnings += calendar.reading_warnings()
    calendar.events = distinct_uids(events)
    return calendar


def distinct_uids(events: list[EventRecord]) -> list[EventRecord]:
    """Events with a UID another event of the file has already taken get "UID#2", "#3"... in
    file order: sloppy feeds give every session one UID, and each is still its own row."""
    seen: Counter[str] = Counter()
    out = []
    for event in events:
        if event.uid:
            seen[event.uid] += 1
            if seen[event.uid] > 1:
                event = replace(event, uid=f"{event.uid}#{seen[event.uid]}")
        out.append(event)
    return out


def _refused(path: Path, error: CalendarRefusedError) -> ImportRefusedError:
    problem = Problem(path.name, error.line, None, error.reason)
    return ImportRefusedError([problem], refusal_text([problem]))


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
) -> _Known:
    """Create or update each drafted meeting of ``series``, matched by UID, else by start."""
    known = _Known(session, series)
    for draft in drafts:
        assert draft.circuit is not None
        circuit = circuits[draft.circuit.name]
        row = known.find(draft)
        if row is None:
            row = _new_meeting(session, series, draft, circuit, known.next_round(draft), report)
            known.add(row)
        else:
            _update_meeting(row, draft, circuit, report)
        for draft_session in draft.sessions:
            _apply_session(session, row, draft_session, known, report)
    return known


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
        self.seen_sessions: set[int] = set()
        self.new: set[int] = set()
        """The ``id()`` of the meetings this import creates."""
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
        self.rounds = {m.round for m in self.meetings}

    def next_round(self, draft: MeetingDraft) -> str:
        """The draft's own round when our export wrote it, else the next number."""
        own = exported_round(self.series_name, draft)
        if own is not None and own not in self.rounds:
            if own.isdigit():
                self._next = max(self._next, int(own) + 1)
            return own
        while str(self._next) in self.rounds:
            self._next += 1
        self._next += 1
        return str(self._next - 1)

    def add(self, row: MeetingRow) -> None:
        """A meeting this import creates."""
        self.meetings.append(row)
        self.new.add(id(row))
        self.rounds.add(row.round)
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
            free = id(row) not in self.used and not row.source_uid
            if same_start and row.name.casefold() == name and free:
                return row
        return None


def meeting_name(summary: str, series: str) -> str:
    """A meeting's name from its summary, without a leading "Series R3: " of the series."""
    match = re.match(rf"{re.escape(series)}(?:\s+\S+)?:\s+(.+)", summary, re.IGNORECASE)
    return (match[1] if match else summary).strip()[:300]


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
    off = 0 if draft.cancelled else sum(1 for s in draft.sessions if s.cancelled)
    also = f", {off} cancelled" if off else ""
    sessions = f" ({count} session{'s' if count != 1 else ''}{also})" if count else ""
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
        draft.name = exported_session_name(meeting, draft) or draft.name
        wanted = draft.name.casefold()
        row = next((s for s in meeting.sessions if s.name.casefold() == wanted), None)
        if row is not None and row.source_uid and draft.uid and row.source_uid != draft.uid:
            row = None
    others = {s.name.casefold() for s in meeting.sessions if s is not row}
    local = draft.local_start or draft.start
    if row is None:
        draft.name = free_name(draft.name, local, others)
    elif row.meeting is not meeting and row.name.casefold() in others:
        row.name = free_name(row.name, local, others)
    start, end = draft.start.astimezone(UTC), draft.end.astimezone(UTC)
    if row is not None:
        known.seen_sessions.add(id(row))
    cancelled = draft.cancelled and not meeting.cancelled  # else the meeting says it
    if cancelled and row is not None:
        cancelled_in_calendar(meeting, row, report)
        return
    if row is None:
        _new_session(session, meeting, draft, known, report, cancelled=cancelled)
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
    if not draft.cancelled and reinstated(meeting, row, report, raise_sequence=not changed):
        changed = True
    if draft.uid and draft.uid not in (row.source_uid, exported):
        row.source_uid, changed = draft.uid, True
    _count(report, "session", changed)


def _new_session(
    session: Session, meeting: MeetingRow, draft: SessionDraft, known: _Known,
    report: ImportReport, *, cancelled: bool,
) -> None:
    """A session the calendar has and the season lacks, created cancelled when the calendar
    says it is (kept, as every cancelled session is). A new meeting's line counts it."""
    start, end = draft.start.astimezone(UTC), draft.end.astimezone(UTC)
    row = SessionRow(
        name=draft.name[:200], start=start, end=end, sequence=0, source_uid=draft.uid,
        status=CANCELLED if cancelled else SCHEDULED,
    )
    meeting.sessions.append(row)
    session.add(row)
    known.seen_sessions.add(id(row))  # the calendar has it: not gone
    if draft.uid:
        known.sessions[draft.uid] = row
    report.created["session"] += 1
    if id(meeting) not in known.new:
        state = " (cancelled)" if cancelled or meeting.cancelled else ""
        report.changes.append(
            f"new: {_label(meeting)}, {row.name}, {_local(start, meeting)}{state}"
        )


def _count(report: ImportReport, kind: str, changed: bool) -> None:
    if changed:
        report.updated[kind] += 1
    else:
        report.unchanged[kind] += 1
