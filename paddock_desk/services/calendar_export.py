"""Exporting a calendar: a driver's, a team's, a series' or everything, as iCalendar bytes.

The command line and the desktop app's File > Export both call :func:`build_export` (or
:func:`export_calendar` for the bytes alone) with an :class:`ExportTarget`; publishing and feeds
build the same calendar through :func:`spec_of`. In a driver's calendar the DESCRIPTION of each
meeting and session begins with the sentences of :data:`NOTE_SOURCES` (the driver's clashes,
then line-up and document findings there), one a line; :func:`scope_notes` gives the same notes
to the feed pages and the printout (for a team or series: those of its drivers at each meeting).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from paddock_desk.domain.clashes import check_drivers
from paddock_desk.domain.commitments import Commitment
from paddock_desk.domain.errors import PaddockError
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
from paddock_desk.services.lineups import drivers_findings
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
    crew: Callable[[Meeting], set[int]]
    """Ids of the drivers whose notes belong at a meeting (on a page or paper)."""
    noted: bool = False
    """Whether the notes open each DESCRIPTION (a driver's calendar)."""


@dataclass(frozen=True, slots=True)
class Note:
    """One sentence about a driver at a meeting: a clash (or the engine's warning), a line-up
    breach of a car the driver is entered in there, or the driver's document finding there."""

    driver_id: int
    meeting_id: int
    text: str
    kind: str
    """ "clash", "lineup" or "document"."""
    severity: str
    """ "clash" or "warning"."""


NoteSource = Callable[[Season, Collection[int]], Iterable[Note]]
"""The notes about some drivers (by id) at their meetings, for calendars, pages and paper."""


def clash_notes(season: Season, driver_ids: Collection[int]) -> Iterator[Note]:
    """The drivers' clashes (and the engine's warnings), once at each meeting they concern."""
    for clash in check_drivers(season, list(driver_ids)):
        parts = [clash.first, *clash.run]
        if isinstance(clash.second, Commitment):
            parts.append(clash.second)
        message = clash.message
        for meeting_id in dict.fromkeys(p.meeting.id for p in parts):
            yield Note(clash.driver.id, meeting_id, message, "clash", clash.severity)


def finding_notes(season: Season, driver_ids: Collection[int]) -> Iterator[Note]:
    """The drivers' line-up and document findings, at the meeting of each."""
    for driver_id, found in drivers_findings(season, driver_ids):
        yield Note(driver_id, found.meeting.id, found.message, found.kind, found.severity)


NOTE_SOURCES: tuple[NoteSource, ...] = (clash_notes, finding_notes)
"""What a driver's calendar says first at each meeting, in this order (clashes, then findings)."""


def meeting_notes(season: Season, crews: Mapping[int, Collection[int]]) -> dict[int, list[Note]]:
    """The notes of each meeting's drivers (``crews``: meeting id -> driver ids) there, source
    by source, each sentence once."""
    wanted = {d for crew in crews.values() for d in crew}
    notes: dict[int, dict[str, Note]] = {}
    if not wanted:
        return {}
    for source in NOTE_SOURCES:
        for note in source(season, wanted):
            if note.driver_id in crews.get(note.meeting_id, ()):
                notes.setdefault(note.meeting_id, {}).setdefault(note.text, note)
    return {meeting_id: list(found.values()) for meeting_id, found in notes.items()}


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
        self.by_car: dict[int, list[tuple[Driver, frozenset[str] | None]]] = {}
        for a in season.assignments.values():
            self.by_car.setdefault(a.car_id, []).append((season.drivers[a.driver_id], a.rounds))
        self.of_series: dict[str, list[Car]] = {}
        for car in season.cars.values():
            self.of_series.setdefault(car.series, []).append(car)

    def crew(self, car: Car, meeting: Meeting) -> list[Driver]:
        """The drivers of ``car`` at ``meeting`` (none when the meeting is of another series)."""
        if car.series != meeting.series:
            return []
        return [
            d for d, rounds in self.by_car.get(car.id, [])
            if rounds is None or meeting.round in rounds
        ]

    def drivers(self, car: Car, meeting: Meeting) -> list[str]:
        """The names of :meth:`crew`, sorted."""
        return sorted(d.name for d in self.crew(car, meeting))

    def crews(self, meeting: Meeting, keep: Callable[[Car], bool]) -> set[int]:
        """Ids of the drivers of the kept cars at ``meeting``."""
        cars = self.of_series.get(meeting.series, [])
        return {d.id for c in cars if keep(c) for d in self.crew(c, meeting)}

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
        lambda _m: {driver.id},
        noted=True,
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
        lambda m: roster.crews(m, lambda c: c.team == name),
    )


def _select_series(season: Season, roster: _Roster, name: str) -> _Selection:
    name = _resolve("series", name, season.series)
    meetings = [m for m in season.meetings.values() if m.series == name]
    return _Selection(
        name,
        f"The calendar of {name}.",
        _by_date(meetings),
        lambda m: roster.entries(m, lambda c: True),
        lambda m: roster.crews(m, lambda c: True),
    )


def _select_all(season: Season, roster: _Roster) -> _Selection:
    return _Selection(
        "All series",
        "The calendars of every series.",
        _by_date(season.meetings.values()),
        lambda m: roster.entries(m, lambda c: True),
        lambda m: roster.crews(m, lambda c: True),
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
        cancelled=meeting.cancelled or session.cancelled,
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
    notes = _notes(season, chosen) if chosen.noted else {}
    events: list[CalendarEvent] = []
    for meeting in chosen.meetings:
        sentences = [n.text for n in notes.get(meeting.id, [])]
        description = _description(sentences, chosen.entries(meeting))
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


def _notes(season: Season, chosen: _Selection) -> dict[int, list[Note]]:
    return meeting_notes(season, {m.id: chosen.crew(m) for m in chosen.meetings})


def scope_notes(season: Season, target: ExportTarget) -> dict[int, list[Note]]:
    """The notes a page or printout of ``target`` shows at each of its meetings (by id): those
    of the driver; of the drivers of the team's cars there; of every driver entered there."""
    return _notes(season, _choose(season, target))


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
