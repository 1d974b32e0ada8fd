"""Which drivers and meetings the roster and the clash list show for the side panel's filters.

The calendars show the meetings a driver (or a team's cars) race; the roster and the clash list
show people: the chosen driver, or every driver of the chosen team, with all their meetings, so
that both sides of a clash stay in sight even when the other side is with another team.
"""

from __future__ import annotations

from dataclasses import dataclass

from paddock_desk.domain.model import Season
from paddock_desk.ui.calendar_data import CalendarFilter


@dataclass(frozen=True)
class Scope:
    """Driver ids and meeting ids to show; None means all of them."""

    driver_ids: frozenset[int] | None = None
    meeting_ids: frozenset[int] | None = None


def team_drivers(season: Season, team: str) -> set[int]:
    """Drivers with a line-up in one of the team's cars (any series)."""
    cars = {c.id for c in season.cars.values() if c.team == team}
    return {a.driver_id for a in season.assignments.values() if a.car_id in cars}


def drivers_meetings(season: Season, driver_ids: set[int]) -> set[int]:
    """Ids of the meetings where any of ``driver_ids`` is entered."""
    rounds_of: dict[str, list[tuple[str, int]]] = {}
    for meeting in season.meetings.values():
        rounds_of.setdefault(meeting.series, []).append((meeting.round, meeting.id))
    found: set[int] = set()
    for assignment in season.assignments.values():
        car = season.cars.get(assignment.car_id)
        if assignment.driver_id not in driver_ids or car is None:
            continue
        found.update(mid for rnd, mid in rounds_of.get(car.series, ()) if assignment.covers(rnd))
    return found


def scope_of(season: Season, flt: CalendarFilter) -> Scope:
    """What the roster and clash list show under ``flt`` (hidden series drop their columns)."""
    drivers: set[int] | None = None
    if flt.team:
        drivers = team_drivers(season, flt.team)
    if flt.driver_id is not None:
        drivers = {flt.driver_id} if drivers is None else drivers & {flt.driver_id}
    meetings: set[int] | None = None
    if drivers is not None:
        meetings = drivers_meetings(season, drivers)
    if flt.hidden_series:
        pool = season.meetings.keys() if meetings is None else meetings
        meetings = {m for m in pool if season.meetings[m].series not in flt.hidden_series}
    return Scope(
        None if drivers is None else frozenset(drivers),
        None if meetings is None else frozenset(meetings),
    )
