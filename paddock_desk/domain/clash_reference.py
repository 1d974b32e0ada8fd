"""A deliberately simple clash checker: every pair of every driver, straight from the rules.

It shares no code with the engine's sweep (only the domain model and the expansion of repeat
rules); tests and the benchmark compare the engine with it. Slow on purpose: all pairs, aware
datetimes, no caches.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from paddock_desk.domain.model import Assignment, Meeting, Season, Unavailability
from paddock_desk.domain.recurrence import occurrences

ReferenceKey = tuple[int, str, str, int, object]
"""(driver id, kind, severity, meeting id, other meeting id or ("block", id, first day))."""


def _km(a: Meeting, b: Meeting) -> float:
    lat1, lon1 = math.radians(a.circuit.lat), math.radians(a.circuit.lon)
    lat2, lon2 = math.radians(b.circuit.lat), math.radians(b.circuit.lon)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _interval(season: Season, m: Meeting) -> tuple[datetime, datetime]:
    return m.occupied(season.arrival_days(m.series))


def driver_meetings(
    season: Season, assignments: list[Assignment], by_series: dict[str, list[Meeting]]
) -> list[Meeting]:
    """The meetings a driver's assignments enter them for, by scanning the series' meetings."""
    found: dict[int, Meeting] = {}
    for assignment in assignments:
        if assignment.car_id not in season.cars:
            continue
        car = season.cars[assignment.car_id]
        for meeting in by_series.get(car.series, []):
            if not meeting.cancelled:
                if assignment.rounds is None or meeting.round in assignment.rounds:
                    found[meeting.id] = meeting
    return list(found.values())


def _pair(season: Season, driver_id: int, a: Meeting, b: Meeting) -> ReferenceKey | None:
    a_start, a_end = _interval(season, a)
    b_start, b_end = _interval(season, b)
    low, high = sorted((a.id, b.id))
    same_place = a.circuit.name == b.circuit.name
    if a_start < b_end and b_start < a_end:
        if not same_place:
            return (driver_id, "overlap", "clash", low, high)
        if a.series != b.series:
            return (driver_id, "double_duty", "warning", low, high)
        return None
    if same_place:
        return None
    gap = (b_start - a_end) if a_end <= b_start else (a_start - b_end)
    d = _km(a, b)
    hours = min(d / 80.0, 4.0 + d / 800.0)
    if gap.total_seconds() < hours * 3600.0:
        return (driver_id, "travel", "clash", low, high)
    return None


def _turnarounds(season: Season, driver_id: int, meetings: list[Meeting]) -> set[ReferenceKey]:
    """Tight turnarounds: every ordered pair with nothing wholly between, checked in full."""
    found: set[ReferenceKey] = set()
    spans = {m.id: _interval(season, m) for m in meetings}
    for a in meetings:
        for b in meetings:
            a_end, b_start = spans[a.id][1], spans[b.id][0]
            if a is b or b_start < a_end or a.circuit.name == b.circuit.name:
                continue
            if any(
                spans[c.id][0] >= a_end and spans[c.id][1] <= b_start
                for c in meetings
                if c is not a and c is not b
            ):
                continue
            d = _km(a, b)
            needed = min(d / 80.0, 4.0 + d / 800.0) * 3600.0
            if d > 3000.0 and needed <= (b_start - a_end).total_seconds() < needed + 86400.0:
                low, high = sorted((a.id, b.id))
                found.add((driver_id, "tight_turnaround", "warning", low, high))
    return found


def _weekends_in_a_row(
    season: Season, driver_id: int, meetings: list[Meeting]
) -> set[ReferenceKey]:
    """Runs of four or more weekends in a row, walking every local date of every meeting."""
    by_saturday: dict[date, list[Meeting]] = defaultdict(list)
    for m in meetings:
        day = m.start_date
        while day <= max(m.end_date, m.start_date):
            if day.weekday() == 5:
                by_saturday[day].append(m)
            elif day.weekday() == 6:
                by_saturday[day - timedelta(days=1)].append(m)
            day += timedelta(days=1)
    found: set[ReferenceKey] = set()
    run: list[date] = []
    for saturday in sorted(by_saturday) + [date.max]:
        if run and saturday - run[-1] == timedelta(days=7):
            run.append(saturday)
            continue
        if len(run) >= 4:
            members = {m.id: m for s in run for m in by_saturday[s]}.values()
            first = min(members, key=lambda m: (*_interval(season, m), m.id))
            last = max(members, key=lambda m: (_interval(season, m)[1], _interval(season, m)[0],
                                               m.id))
            low, high = sorted((first.id, last.id))
            found.add((driver_id, "weekends_in_a_row", "warning", low, high))
        run = [saturday]
    return found


def _local_day_start(day: date, tz: str | None) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(tz or "UTC")).astimezone(UTC)


def reference_clashes(season: Season) -> set[ReferenceKey]:
    """Every clash and warning of the season, as comparable keys."""
    found: set[ReferenceKey] = set()
    by_series: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in season.meetings.values():
        by_series[meeting.series].append(meeting)
    assignments: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in season.assignments.values():
        assignments[assignment.driver_id].append(assignment)
    blocks: dict[int, list[Unavailability]] = defaultdict(list)
    for block in season.unavailability.values():
        blocks[block.driver_id].append(block)
    for driver_id, driver in season.drivers.items():
        meetings = driver_meetings(season, assignments[driver_id], by_series)
        for a, b in combinations(meetings, 2):
            key = _pair(season, driver_id, a, b)
            if key is not None:
                found.add(key)
        found |= _turnarounds(season, driver_id, meetings)
        found |= _weekends_in_a_row(season, driver_id, meetings)
        for block in blocks[driver_id]:
            for first, last in occurrences(block):
                u_start = _local_day_start(first, driver.home_tz)
                u_end = _local_day_start(last + timedelta(days=1), driver.home_tz)
                for m in meetings:
                    m_start, m_end = _interval(season, m)
                    if m_start < u_end and u_start < m_end:
                        found.add(
                            (driver_id, "unavailable", "clash", m.id, ("block", block.id, first))
                        )
    return found
