"""Substitutes: the drivers free to take a seat (a car at a meeting), best first.

A driver is free when not entered at that meeting, taking the seat adds no clash of severity
"clash" (warnings such as double duty are named in the reason) and breaks no max rule of the car's
class (the drivers entered in the car at that meeting plus the candidate; with several cars, at
least one must take the driver). Ranking groups (DESIGN.md): drivers of the car's team (a line-up
with that team in any series), then drivers who have raced that series, then the rest. Within a
group (:mod:`~paddock_desk.domain.substitute_ranking`): those who would mend a min rule of the
class, then those who have raced that circuit or that series' car class, then by the shortest extra
travel from their adjacent commitments, then by full name as written.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.commitments import Commitment
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.explain import date_range, round_label
from paddock_desk.domain.lineup_rules import LineupEngine
from paddock_desk.domain.model import Car, Driver, Meeting, Season
from paddock_desk.domain.substitute_ranking import experience, extra_travel, rule_effect

TEAM, SERIES, OTHERS = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Seat:
    """A meeting and the car(s) whose seat is to fill (any seat of the meeting when several)."""

    meeting: Meeting
    cars: tuple[Car, ...]

    @property
    def teams(self) -> list[str]:
        return sorted({car.team for car in self.cars})


@dataclass(frozen=True, slots=True)
class Substitute:
    driver: str
    team: str | None
    reason: str
    group: int
    mends: bool = False
    """Would mend a min rule of the car's class."""
    experienced: bool = False
    """Has raced that circuit or that series' car class."""
    extra_km: float = 0.0

    def rank(self) -> tuple[int, str]:
        """DESIGN's order (the command line's): the group, then the full name as written."""
        return (self.group, self.driver)

    def desk_rank(self) -> tuple[int, bool, bool, int, str]:
        """The desk's order within DESIGN's groups: mends a min rule, has raced the circuit or
        the class, the shortest extra travel, then the name."""
        return (self.group, not self.mends, not self.experienced, round(self.extra_km), self.driver)


def best_first(found: list[Substitute]) -> list[Substitute]:
    """``found`` as the substitute dialog offers them (:meth:`Substitute.desk_rank`)."""
    return sorted(found, key=Substitute.desk_rank)


def _suggest(word: str, known: Iterable[str]) -> str:
    names = sorted(set(known))
    lowered = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(word.casefold(), list(lowered), n=3, cutoff=0.5)
    if close:
        return "; did you mean " + " or ".join(f'"{lowered[c]}"' for c in close) + "?"
    if names and len(names) <= 12:
        return "; known: " + ", ".join(names)
    return ""


def named(word: str, known: Iterable[str], what: str) -> str:
    """The known name ``word`` means (exact, else ignoring case), or an error suggesting one."""
    names = list(known)
    if word in names:
        return word
    folded = [n for n in names if n.casefold() == word.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise PaddockError(f'unknown {what} "{word}"{_suggest(word, names)}')


def find_seat(
    season: Season, series: str, round_text: str, team: str | None = None, car: str | None = None
) -> Seat:
    """The seat named on the command line, or an error that says what is known instead."""
    series = named(series, season.series, "series")
    meetings = [m for m in season.meetings.values() if m.series == series]
    found = [m for m in meetings if m.round == round_text]
    if not found:
        rounds = ", ".join(m.round for m in sorted(meetings, key=lambda m: m.start_date))
        raise PaddockError(f'{series} has no round "{round_text}"; its rounds: {rounds or "none"}')
    meeting = found[0]
    if meeting.cancelled:
        raise PaddockError(f"{round_label(series, meeting.round)} is cancelled: no seat to fill")
    cars = [c for c in season.cars.values() if c.series == series]
    if team is not None:
        known = {t.name for t in season.teams.values()} | {c.team for c in season.cars.values()}
        team = named(team, known, "team")
        cars = [c for c in cars if c.team == team]
        if not cars:
            raise PaddockError(f"{team} has no car in {series}")
    if car is None:
        return Seat(meeting, tuple(cars))
    return Seat(meeting, (_one_car(cars, car, series),))


def _one_car(cars: list[Car], number: str, series: str) -> Car:
    matching = [c for c in cars if c.number == number.lstrip("#")]
    if not matching:
        known = ", ".join(f"#{c.number} {c.team}" for c in sorted(cars, key=lambda c: c.number))
        raise PaddockError(f"no car {number} in {series}; its cars: {known or 'none'}")
    if len(matching) > 1:
        teams = ", ".join(sorted(c.team for c in matching))
        raise PaddockError(
            f"car {number} is entered by several teams in {series} ({teams}); name one with --team"
        )
    return matching[0]


def _teams_by_driver(
    season: Season,
) -> tuple[dict[int, dict[str, set[str]]], dict[int, dict[str, str]]]:
    """Each driver's teams (with the series of each) and their team in each series."""
    teams: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    in_series: dict[int, dict[str, str]] = defaultdict(dict)
    for assignment in season.assignments.values():
        car = season.cars.get(assignment.car_id)
        if car is None:
            continue
        teams[assignment.driver_id][car.team].add(car.series)
        current = in_series[assignment.driver_id].get(car.series)
        if current is None or car.team < current:
            in_series[assignment.driver_id][car.series] = car.team
    return teams, in_series


def _double_duties(gained: list[Clash], meeting_id: int) -> list[str]:
    """The other meetings of the double-duty warnings taking the seat would bring."""
    names: set[str] = set()
    for clash in gained:
        if clash.kind != "double_duty":  # a tight turnaround or a weekend run is no double duty
            continue
        for part in (clash.first, clash.second):
            if isinstance(part, Commitment) and part.meeting.id != meeting_id:
                names.add(round_label(part.meeting.series, part.meeting.round))
    return sorted(names)


def rank_substitutes(
    engine: ClashEngine, seat: Seat, lineups: LineupEngine | None = None
) -> list[Substitute]:
    """The drivers free for ``seat`` in DESIGN's order (``lineups``: the season's rule engine);
    :func:`best_first` orders them for the desk."""
    season = engine.season
    rules = lineups if lineups is not None else LineupEngine(season)
    teams, in_series = _teams_by_driver(season)
    found: list[Substitute] = []
    for driver in season.drivers.values():
        if engine.is_entered(driver.id, seat.meeting.id):
            continue
        gained = engine.clashes_if_entered(driver.id, seat.meeting.id)
        if any(c.severity == "clash" for c in gained):
            continue
        effects = [rule_effect(rules, car, seat.meeting, driver) for car in seat.cars]
        if effects and all(e.breaks_max for e in effects):
            continue
        mends = [m for e in effects if not e.breaks_max for m in e.mends]
        group, team, reason = _group(seat, driver, teams, in_series)
        found.append(_ranked(engine, seat, driver, group, team, reason, mends, gained))
    found.sort(key=Substitute.rank)
    return found


def _group(
    seat: Seat,
    driver: Driver,
    teams: dict[int, dict[str, set[str]]],
    in_series: dict[int, dict[str, str]],
) -> tuple[int, str | None, str]:
    own_teams = teams.get(driver.id, {})
    shared = [t for t in seat.teams if t in own_teams]
    series_team = in_series.get(driver.id, {}).get(seat.meeting.series)
    if shared:
        team = shared[0]
        return TEAM, team, f"drives for {team} in {', '.join(sorted(own_teams[team]))}"
    if series_team is not None:
        return SERIES, series_team, f"has raced {seat.meeting.series} with {series_team}"
    return OTHERS, None, "no line-up with this team or series"


def _ranked(
    engine: ClashEngine,
    seat: Seat,
    driver: Driver,
    group: int,
    team: str | None,
    reason: str,
    mends: list[str],
    gained: list[Clash],
) -> Substitute:
    meeting = seat.meeting
    raced = experience(engine, driver, meeting, seat.cars)
    travel = extra_travel(engine, driver.id, meeting)
    parts = [reason, *mends, *([raced] if raced else [])]
    parts.append(f"free on {date_range(meeting.start_date, meeting.end_date)}")
    parts.append(travel.words)
    text = "; ".join(parts)
    warnings = _double_duties(gained, meeting.id)
    if warnings:
        text += f" (double duty with {', '.join(warnings)})"
    return Substitute(driver.name, team, text, group, bool(mends), bool(raced), travel.km)
