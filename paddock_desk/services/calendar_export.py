"""Exporting a calendar: a driver's, a team's, a series' or everything, as iCalendar bytes.

The command line and the desktop app's File > Export both call :func:`build_export` (or
:func:`export_calendar` for the bytes alone) with an :class:`ExportTarget`; publishing and feeds
build the same calendar through :func:`spec_of`. In a driver's calendar the DESCRIPTION of each
meeting and session begins with the sentences of :data:`NOTE_SOURCES` (the driver's clashes
there), one a line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from paddock_desk.domain.clashes import check_drivers
from paddock_desk.domain.commitments import Commitment
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.lineup_rules import LineupEngine
from paddock_desk.domain.model import Car, Driver, Meeting, Season, Session
from paddock_desk.interop.ics_export import (
    CalendarEvent,
    CalendarSpec,
    Place,
    event_uid,
    write_calendar,
    zone_ranges,
)
from paddock_desk.interop.names import closest, fold
from paddock_desk.store.database import Database
from paddock_desk.store.schema import MeetingRow, SessionRow
from paddock_desk.store.season_loader import load_season
from paddock_desk.store.transactions import read_snapshot

Only = Literal["meetings", "sessions"]
Kind = Literal["driver", "team", "series", "all"]


class ExportError(PaddockError):
    """An export that cannot be made as asked (an unknown name, no selection)."""


@dataclass(frozen=True, slots=True)
class ExportTarget:
    """Whose calendar (a driver's, a team's, a series' or every meeting) and what it holds.

    ``only`` keeps just the all-day meetings or just the timed sessions; ``alarm_minutes`` adds a
    reminder that long before each session (each meeting with ``only="meetings"``).
    """

    kind: Kind
    name: str | None = None
    only: Only | None = None
    alarm_minutes: int | None = None

    def __post_init__(self) -> None:
        if (self.kind == "all") != (self.name is None):
            raise ExportError("Name exactly one of: a driver, a series, a team, or all.")
        if self.alarm_minutes is not None and self.alarm_minutes < 0:
            raise ExportError("An alarm is given in minutes before the start: 0 or more.")

    @classmethod
    def chosen(
        cls,
        *,
        driver: str | None = None,
        team: str | None = None,
        series: str | None = None,
        everything: bool = False,
        only: Only | None = None,
        alarm_minutes: int | None = None,
    ) -> ExportTarget:
        """The target of the command line's ``--driver/--team/--series/--all`` (exactly one)."""
        given: tuple[tuple[Kind, str | None], ...] = (
            ("driver", driver), ("team", team), ("series", series)
        )
        named: list[tuple[Kind, str | None]] = [(k, v) for k, v in given if v is not None]
        if everything:
            named.append(("all", None))
        if len(named) != 1:
            raise ExportError("Name exactly one of: a driver, a series, a team, or all.")
        kind, name = named[0]
        return cls(kind, name, only, alarm_minutes)


@dataclass(frozen=True, slots=True)
class CalendarExport:
    """An exported calendar and what it holds, for messages."""

    data: bytes
    title: str
    meetings: int
    sessions: int
    zones: tuple[str, ...]

    def describe(self) -> str:
        """E.g. "Alexandre Imperatori (driver): 3 meetings, 0 sessions, 0 time zones"."""
        return (
            f"{self.title}: {_count(self.meetings, 'meeting')}, "
            f"{_count(self.sessions, 'session')}, {_count(len(self.zones), 'time zone')}"
        )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass(frozen=True, slots=True)
class _Selection:
    title: str
    description: str
    meetings: list[Meeting]
    entries: Callable[[Meeting], list[str]]
    notes: Mapping[int, list[str]] = field(default_factory=dict)
    """Sentences that open the DESCRIPTION of a meeting and its sessions, by meeting id."""


NoteSource = Callable[[Season, Driver], Mapping[int, list[str]]]
"""Sentences about one driver at each meeting (by meeting id), for that driver's calendar."""


def clash_sentences(season: Season, driver: Driver) -> dict[int, list[str]]:
    """The driver's clashes (and the engine's warnings) at each meeting, one sentence each."""
    found: dict[int, list[str]] = {}
    for clash in check_drivers(season, [driver.id]):
        parts = [clash.first, *clash.run]
        if isinstance(clash.second, Commitment):
            parts.append(clash.second)
        for meeting_id in dict.fromkeys(p.meeting.id for p in parts):
            found.setdefault(meeting_id, []).append(clash.message)
    return found


def finding_sentences(season: Season, driver: Driver) -> dict[int, list[str]]:
    """The line-up breaches of the cars the driver is entered in, then the driver's document
    findings, at each meeting, one sentence each."""
    engine = LineupEngine(season)
    found: dict[int, list[str]] = {}
    for breach in engine.check_all():
        if any(d.id == driver.id for d in breach.drivers):
            found.setdefault(breach.meeting.id, []).append(breach.message)
    for document in engine.check_documents([driver.id]):
        found.setdefault(document.meeting.id, []).append(document.message)
    return found


NOTE_SOURCES: tuple[NoteSource, ...] = (clash_sentences, finding_sentences)
"""What a driver's calendar says first at each meeting, in this order (clashes, then findings)."""


def driver_notes(season: Season, driver: Driver) -> dict[int, list[str]]:
    """Every note source's sentences about ``driver``, by meeting id, without repeats."""
    notes: dict[int, list[str]] = {}
    for source in NOTE_SOURCES:
        for meeting_id, sentences in source(season, driver).items():
            mine = notes.setdefault(meeting_id, [])
            mine.extend(s for s in sentences if s not in mine)
    return notes


def _resolve(kind: str, name: str, known: Iterable[str]) -> str:
    """The known name ``name`` stands for (exact, else ignoring case and accents), or an error."""
    names = list(known)
    if name in names:
        return name
    folded = [n for n in names if fold(n) == fold(name)]
    if len(folded) == 1:
        return folded[0]
    hint = closest(name, names)
    suggestion = f' Did you mean "{hint}"?' if hint else ""
    raise ExportError(f'No {kind} named "{name}".{suggestion}')


class _Roster:
    """Who drives which car at which meeting."""

    def __init__(self, season: Season) -> None:
        self.season = season
        self.by_car: dict[int, list[tuple[str, frozenset[str] | None]]] = {}
        for a in season.assignments.values():
            name = season.drivers[a.driver_id].name
            self.by_car.setdefault(a.car_id, []).append((name, a.rounds))

    def drivers(self, car: Car, meeting: Meeting) -> list[str]:
        """The drivers of ``car`` at ``meeting`` (none when the meeting is of another series)."""
        if car.series != meeting.series:
            return []
        return sorted(
            name for name, rounds in self.by_car.get(car.id, [])
            if rounds is None or meeting.round in rounds
        )

    def runs(self, car: Car, meeting: Meeting) -> bool:
        """A car runs at a meeting of its series when a line-up covers the round, or has none."""
        if car.series != meeting.series:
            return False
        return car.id not in self.by_car or bool(self.drivers(car, meeting))

    def entry_line(self, car: Car, meeting: Meeting) -> str:
        kind = f" ({car.car_class})" if car.car_class else ""
        crew = ", ".join(self.drivers(car, meeting)) or "no line-up yet"
        return f"Car #{car.number} {car.team}{kind}: {crew}"

    def entries(self, meeting: Meeting, keep: Callable[[Car], bool]) -> list[str]:
        cars = sorted(
            (c for c in self.season.cars.values() if keep(c) and self.runs(c, meeting)),
            key=lambda c: (c.team, c.number),
        )
        return [self.entry_line(c, meeting) for c in cars]


def _by_date(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.start_date, m.series, m.round, m.id))


def _select_driver(season: Season, roster: _Roster, name: str) -> _Selection:
    name = _resolve("driver", name, (d.name for d in season.drivers.values()))
    driver = season.driver_named(name)
    assert driver is not None
    cars = {
        a.car_id for a in season.assignments.values() if a.driver_id == driver.id
    }

    def mine(car: Car, meeting: Meeting) -> bool:
        return car.id in cars and name in roster.drivers(car, meeting)

    meetings = [
        m for m in season.meetings.values()
        if any(mine(season.cars[c], m) for c in cars)
    ]
    return _Selection(
        f"{name} (driver)",
        f"The meetings and sessions {name} is entered for.",
        _by_date(meetings),
        lambda m: roster.entries(m, lambda c: mine(c, m)),
        driver_notes(season, driver),
    )


def _select_team(season: Season, roster: _Roster, name: str) -> _Selection:
    name = _resolve("team", name, (t.name for t in season.teams.values()))
    cars = [c for c in season.cars.values() if c.team == name]
    meetings = [m for m in season.meetings.values() if any(roster.runs(c, m) for c in cars)]
    return _Selection(
        f"{name} (team)",
        f"The meetings and sessions where a car of {name} runs.",
        _by_date(meetings),
        lambda m: roster.entries(m, lambda c: c.team == name),
    )


def _select_series(season: Season, roster: _Roster, name: str) -> _Selection:
    name = _resolve("series", name, season.series)
    meetings = [m for m in season.meetings.values() if m.series == name]
    return _Selection(
        name,
        f"The calendar of {name}.",
        _by_date(meetings),
        lambda m: roster.entries(m, lambda c: True),
    )


def _select_all(season: Season, roster: _Roster) -> _Selection:
    return _Selection(
        "All series",
        "The calendars of every series.",
        _by_date(season.meetings.values()),
        lambda m: roster.entries(m, lambda c: True),
    )



def round_tag(label: str) -> str:
    """How a round shows in a summary: "R1" for numbers, the label otherwise, none for "-"."""
    label = label.strip()
    if label.isdigit():
        return f" R{label}"
    return "" if label in ("", "-") else f" {label}"


def session_title(name: str) -> str:
    """A stored session name for people ("fp1" -> "FP1", "sprintQualifying" -> "Sprint
    Qualifying", "qualifying2" -> "Qualifying 2"); names written with capitals or spaces stay.
    """
    if not name or " " in name or not name[0].islower():
        return name
    if re.fullmatch(r"(fp|gp)\d*", name):
        return name.upper()
    return " ".join(w.capitalize() for w in re.findall(r"[a-z]+|[A-Z][a-z]*|\d+", name))


def meeting_summary(meeting: Meeting) -> str:
    """E.g. "Blancpain GT Series Asia R1: Sepang (Races 1-2)"."""
    return f"{meeting.series}{round_tag(meeting.round)}: {meeting.name}"


@dataclass(frozen=True, slots=True)
class Sequences:
    """The stored SEQUENCE counters of meetings and sessions, by id."""

    meetings: dict[int, int]
    sessions: dict[int, int]


def load_for_export(db: Database) -> tuple[Season, Sequences]:
    """The season and its sequence counters, read in one transaction."""
    with read_snapshot(db.engine) as conn:
        season = load_season(conn)
        meetings = {i: s or 0 for i, s in conn.execute(select(MeetingRow.id, MeetingRow.sequence))}
        sessions = {i: s or 0 for i, s in conn.execute(select(SessionRow.id, SessionRow.sequence))}
    return season, Sequences(meetings, sessions)



def _meeting_event(
    meeting: Meeting, seq: Sequences, description: str, options: ExportTarget
) -> CalendarEvent:
    c = meeting.circuit
    alarm = options.alarm_minutes if options.only == "meetings" else None
    return CalendarEvent(
        uid=event_uid(meeting.series, meeting.start_date.year, meeting.round),
        sequence=seq.meetings.get(meeting.id, 0),
        summary=meeting_summary(meeting),
        place=Place(c.name, c.lat, c.lon, c.tz),
        category=meeting.series,
        cancelled=meeting.cancelled,
        description=description,
        days=(meeting.start_date, meeting.end_date),
        alarm_minutes=alarm,
    )


def _session_event(
    meeting: Meeting, session: Session, seq: Sequences, description: str, alarm: int | None
) -> CalendarEvent:
    c = meeting.circuit
    return CalendarEvent(
        uid=event_uid(meeting.series, meeting.start_date.year, meeting.round, session.name),
        sequence=seq.sessions.get(session.id, 0),
        summary=f"{meeting_summary(meeting)} - {session_title(session.name)}",
        place=Place(c.name, c.lat, c.lon, c.tz),
        category=meeting.series,
        cancelled=meeting.cancelled,
        description=description,
        times=(session.start, session.end),
        alarm_minutes=alarm,
    )


def _description(notes: list[str], entries: list[str]) -> str:
    """The notes first (one sentence a line), then a blank line, then the cars and drivers."""
    if not notes:
        return "\n".join(entries)
    return "\n".join([*notes, "", *entries]) if entries else "\n".join(notes)


def _events(
    season: Season, seq: Sequences, chosen: _Selection, options: ExportTarget
) -> list[CalendarEvent]:
    sessions: dict[int, list[Session]] = {}
    for s in season.sessions.values():
        sessions.setdefault(s.meeting_id, []).append(s)
    events: list[CalendarEvent] = []
    for meeting in chosen.meetings:
        description = _description(chosen.notes.get(meeting.id, []), chosen.entries(meeting))
        if options.only != "sessions":
            events.append(_meeting_event(meeting, seq, description, options))
        if options.only == "meetings":
            continue
        for s in sorted(sessions.get(meeting.id, []), key=lambda s: (s.start, s.name)):
            events.append(_session_event(meeting, s, seq, description, options.alarm_minutes))
    return events


def _choose(season: Season, target: ExportTarget) -> _Selection:
    roster = _Roster(season)
    name = target.name or ""
    if target.kind == "driver":
        return _select_driver(season, roster, name)
    if target.kind == "team":
        return _select_team(season, roster, name)
    if target.kind == "series":
        return _select_series(season, roster, name)
    return _select_all(season, roster)


def calendar_spec(
    db: Database, target: ExportTarget, *, now: datetime | None = None
) -> CalendarSpec:
    """The events of the calendar :func:`build_export` writes, not yet written."""
    season, seq = load_for_export(db)
    return spec_of(season, seq, target, now=now)


def spec_of(
    season: Season, seq: Sequences, target: ExportTarget, *, now: datetime | None = None
) -> CalendarSpec:
    """The calendar of ``target`` from a season already loaded (with its sequences)."""
    chosen = _choose(season, target)
    events = _events(season, seq, chosen, target)
    stamp = now or datetime.now(UTC)
    return CalendarSpec(chosen.title, events, stamp, chosen.description)


def export_of_spec(spec: CalendarSpec) -> CalendarExport:
    """The written calendar of ``spec`` and what it holds."""
    return CalendarExport(
        write_calendar(spec),
        spec.name,
        sum(1 for e in spec.events if e.days is not None),
        sum(1 for e in spec.events if e.times is not None),
        tuple(sorted(zone_ranges(spec.events))),
    )


def build_export(
    db: Database, target: ExportTarget, *, now: datetime | None = None
) -> CalendarExport:
    """The calendar of one driver, team or series, or of everything."""
    return export_of_spec(calendar_spec(db, target, now=now))


def export_calendar(db: Database, target: ExportTarget) -> bytes:
    """The iCalendar bytes of :func:`build_export`."""
    return build_export(db, target).data


def write_export(path: Path, export: CalendarExport) -> None:
    """Write ``export`` to ``path`` (through a temporary file, so a failure leaves no half file)."""
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(export.data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}") from exc
