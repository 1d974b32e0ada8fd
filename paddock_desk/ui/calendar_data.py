"""What the calendar views show: which meetings pass the filters, their marks and their words.

Plain Python over a domain :class:`Season`, so the month grid and the season view share it and
tests read it without a window.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from paddock_desk.domain.model import Meeting, Season, Session, zone
from paddock_desk.ui.clash_marks import MeetingMarks

FALLBACK_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
    "#edc948", "#ff9da7", "#9c755f", "#e15759", "#bab0ac",
)


@dataclass(frozen=True)
class CalendarFilter:
    """Series hidden in the legend, and the driver or team the views are narrowed to."""

    hidden_series: frozenset[str] = frozenset()
    driver_id: int | None = None
    team: str | None = None


def series_colour(season: Season, series_name: str) -> str:
    """The series' own colour, else a steady one picked from its name."""
    series = season.series.get(series_name)
    if series is not None and series.colour:
        return series.colour
    return FALLBACK_COLOURS[zlib.crc32(series_name.encode()) % len(FALLBACK_COLOURS)]


def entered_meetings(season: Season, *, driver_id: int | None, team: str | None) -> set[int]:
    """Ids of the meetings where the driver (and/or a car of the team) has someone entered."""
    result: set[int] = set()
    by_series: dict[str, list[Meeting]] = {}
    for meeting in season.meetings.values():
        by_series.setdefault(meeting.series, []).append(meeting)
    for assignment in season.assignments.values():
        if driver_id is not None and assignment.driver_id != driver_id:
            continue
        car = season.cars.get(assignment.car_id)
        if car is None or (team is not None and car.team != team):
            continue
        for meeting in by_series.get(car.series, []):
            if assignment.covers(meeting.round):
                result.add(meeting.id)
    return result


def visible_meetings(season: Season, flt: CalendarFilter) -> list[Meeting]:
    """Meetings of the shown series that pass the driver and team filters, by date."""
    allowed: set[int] | None = None
    if flt.driver_id is not None or flt.team is not None:
        allowed = entered_meetings(season, driver_id=flt.driver_id, team=flt.team)
    shown = [
        m
        for m in season.meetings.values()
        if m.series not in flt.hidden_series and (allowed is None or m.id in allowed)
    ]
    return sorted(shown, key=lambda m: (m.start_date, m.series, m.round))


def viewer_zone() -> tzinfo:
    """The zone of the person looking at the screen: the machine's, with its summer time rules."""
    from dateutil.tz import tzlocal

    return tzlocal()


def date_range_text(meeting: Meeting) -> str:
    """'14-15 Apr 2018', '30 Jun - 1 Jul 2018' or '29 Dec 2018 - 2 Jan 2019'."""
    a, b = meeting.start_date, meeting.end_date
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if a.year != b.year:
        return f"{a.day} {a:%b %Y} - {b.day} {b:%b %Y}"
    if a.month != b.month:
        return f"{a.day} {a:%b} - {b.day} {b:%b %Y}"
    return f"{a.day}-{b.day} {a:%b %Y}"


def session_line(session: Session, circuit_tz: str, viewer: tzinfo | None = None) -> str:
    """A session's times in the circuit's zone, and in the viewer's zone when it differs."""
    here = zone(circuit_tz)
    start, end = session.start.astimezone(here), session.end.astimezone(here)
    state = " (cancelled)" if session.cancelled else ""
    text = f"{session.name}{state}: {start:%a %d %b %H:%M}-{end:%H:%M} {start.tzname()}"
    if viewer is None:
        return text
    vs, ve = session.start.astimezone(viewer), session.end.astimezone(viewer)
    if vs.utcoffset() != start.utcoffset():
        text += f" (your time {vs:%a %H:%M}-{ve:%H:%M} {vs.tzname()})"
    return text


def session_label(name: str) -> str:
    """A stored session name for people ("fp1" -> "FP1"), as the exported calendars word it."""
    from paddock_desk.services.calendar_export import session_title  # loaded when first shown

    return session_title(name)


def sessions_of(season: Season, meeting_id: int) -> list[Session]:
    found = [s for s in season.sessions.values() if s.meeting_id == meeting_id]
    return sorted(found, key=lambda s: s.start)


def meeting_title(meeting: Meeting) -> str:
    label = f"R{meeting.round}" if meeting.round[:1].isdigit() else meeting.round
    return f"{label} {meeting.name}"


def meeting_tooltip(
    season: Season, meeting: Meeting, marks: MeetingMarks, viewer: tzinfo | None = None
) -> str:
    """Everything a hover should say: series, round, place, dates, sessions, clashes."""
    state = " (cancelled)" if meeting.cancelled else ""
    lines = [
        f"<b>{_html(meeting.name)}</b>{state}",
        f"{_html(meeting.series)}, round {_html(meeting.round)}",
        f"{_html(meeting.circuit.name)} ({_html(meeting.circuit.tz)})",
        date_range_text(meeting),
    ]
    lines += [_html(session_line(s, meeting.circuit.tz, viewer)) for s in sessions_of(
        season, meeting.id
    )]
    lines += [f"<span style='color:#e0301e'>Clash: {_html(m)}</span>"
              for m in marks.messages(meeting.id)]
    lines += [f"Warning: {_html(m)}" for m in marks.messages(meeting.id, "warning")]
    return "<br>".join(lines)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def busiest_year(season: Season, default: int) -> int:
    """The year with most meetings (where the season view opens)."""
    counts: dict[int, int] = {}
    for m in season.meetings.values():
        counts[m.start_date.year] = counts.get(m.start_date.year, 0) + 1
    if not counts:
        return default
    return max(counts, key=lambda y: (counts[y], y))


def first_month(season: Season, today: date) -> date:
    """The month the month grid opens on: this month when it has meetings, else the first one."""
    starts = sorted(m.start_date for m in season.meetings.values())
    if not starts or any(s.year == today.year and s.month == today.month for s in starts):
        return today.replace(day=1)
    upcoming = [s for s in starts if s >= today]
    pick = upcoming[0] if upcoming and upcoming[0].year == today.year else starts[0]
    return pick.replace(day=1)


def local_today() -> date:
    """Today's date where the viewer is."""
    return datetime.now(UTC).astimezone().date()
