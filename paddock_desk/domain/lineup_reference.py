"""A brute-force checker of line-up rules and documents, the reference the engine is tested with.

It reads DESIGN.md's sentences one by one, with no index and no shortcut: for every rule, every
car of its series and class, every meeting of the series that is not cancelled, the drivers named
in that car by a line-up covering that round. No index kept, no shortcut (line-ups are only
grouped by car and driver so that it runs at world scale in the benchmark); never used by the
app.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from paddock_desk.domain.lineup_rules import (
    DocumentFinding,
    LineupBreach,
    number_key,
)
from paddock_desk.domain.model import Assignment, Driver, Meeting, Season


def _by(season: Season, attr: str) -> dict[int, list[Assignment]]:
    """The season's line-ups grouped by car or driver id (so the reference runs at world scale)."""
    found: dict[int, list[Assignment]] = defaultdict(list)
    for a in season.assignments.values():
        found[getattr(a, attr)].append(a)
    return found


def _entered(season: Season, own: list[Assignment], meeting: Meeting) -> list[Driver]:
    ids = {a.driver_id for a in own if a.covers(meeting.round)}
    return sorted((season.drivers[i] for i in ids), key=lambda d: (d.name, d.id))


def reference_breaches(season: Season) -> list[LineupBreach]:
    """Every breach, ordered by series, meeting start, team, car, then rule."""
    found: list[tuple[tuple[object, ...], LineupBreach]] = []
    of_car = _by(season, "car_id")
    for rule in season.lineup_rules.values():
        for car in season.cars.values():
            if car.series != rule.series or car.car_class != rule.car_class:
                continue
            for meeting in season.meetings.values():
                if meeting.series != car.series or meeting.cancelled:
                    continue
                drivers = _entered(season, of_car.get(car.id, []), meeting)
                if not drivers:
                    continue
                counted = tuple(d for d in drivers if d.category in rule.categories)
                low, high = rule.min_count, rule.max_count
                if (low is not None and len(counted) < low) or (
                    high is not None and len(counted) > high
                ):
                    key = (
                        car.series, meeting.occupied()[0], meeting.series, meeting.round,
                        car.team, number_key(car.number), car.id,
                        ";".join(sorted(rule.categories)),
                        -1 if low is None else low, -1 if high is None else high,
                    )
                    breach = LineupBreach(car, meeting, rule, tuple(drivers), counted)
                    found.append((key, breach))
    found.sort(key=lambda pair: pair[0])
    return [breach for _key, breach in found]


def reference_documents(season: Season) -> list[DocumentFinding]:
    """Every document finding, ordered by driver, meeting start, then document."""
    found: list[tuple[tuple[object, ...], DocumentFinding]] = []
    of_driver = _by(season, "driver_id")
    for document in season.documents.values():
        driver = season.drivers[document.driver_id]
        for meeting in season.meetings.values():
            if meeting.cancelled:
                continue
            entered = any(
                a.covers(meeting.round) and season.cars[a.car_id].series == meeting.series
                for a in of_driver.get(driver.id, [])
            )
            if not entered:
                continue
            severity = None
            if document.expires < meeting.end_date:
                severity = "clash"
            elif document.expires <= meeting.start_date + timedelta(days=30):
                severity = "warning"
            if severity is not None:
                key = (driver.name, meeting.occupied()[0], meeting.series, meeting.round,
                       document.name)
                found.append((key, DocumentFinding(driver, document, meeting, severity)))
    found.sort(key=lambda pair: pair[0])
    return [finding for _key, finding in found]
