"""What ranks a free driver within a group of substitutes, and the words of the reason.

Within each of DESIGN.md's groups (the car's team, then drivers who have raced the series, then the
rest) a driver comes first who would mend a min rule of the car's class (the rule is broken by the
crew without them and kept with them), then one who has raced that circuit (at a meeting that
ended before this one) or that series' car class, then the one with the shortest extra travel
from their adjacent commitments, then by full name.

Extra travel uses the travel model of the clash rules (great-circle km between circuits): the
commitments adjacent to the seat are the driver's last meeting ending within a week before it and
first meeting starting within a week after it. With both, the extra is the detour
prev -> seat -> next less prev -> next; with one, the trip to or from it; with none, 0 km ("free
that week"). A meeting overlapping the seat (double duty at the same circuit) is 0 km away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from paddock_desk.domain.clashes import ClashEngine
from paddock_desk.domain.commitments import Commitment, Slot
from paddock_desk.domain.lineup_rules import LineupEngine, categories_text, counts
from paddock_desk.domain.model import Car, Circuit, Driver, Meeting
from paddock_desk.domain.travel import circuit_distance_km

ADJACENT_SECONDS = 7 * 24 * 3600
"""A commitment ending or starting within a week of the seat is the one the driver travels from
or to."""


@dataclass(frozen=True, slots=True)
class RuleEffect:
    """What entering a driver in a car does to the rules of its class."""

    breaks_max: bool
    mends: tuple[str, ...]
    """Sentences of the min rules the driver would mend."""


def rule_effect(lineups: LineupEngine, car: Car, meeting: Meeting, driver: Driver) -> RuleEffect:
    """Whether the crew with the driver breaks a max rule of the car's class (DESIGN.md: the
    drivers entered in the car at that meeting plus the candidate), and which min rules the
    driver's entry would mend (broken without them, kept with them)."""
    entered = lineups.entered(car.id, meeting) - {driver.id}
    drivers = [lineups.season.drivers[i] for i in entered if i in lineups.season.drivers]
    breaks_max = False
    mends: list[str] = []
    for rule in lineups.rules_of(car):
        before = sum(1 for d in drivers if counts(rule, d))
        after = before + (1 if counts(rule, driver) else 0)
        if rule.max_count is not None and after > rule.max_count:
            breaks_max = True
        if rule.min_count is not None and before < rule.min_count <= after:
            which = categories_text(rule.categories)
            mends.append(
                f"would bring the {which} drivers of #{car.number} to {after} "
                f"({car.car_class} needs at least {rule.min_count})"
            )
    return RuleEffect(breaks_max, tuple(mends))


def experience(engine: ClashEngine, driver: Driver, meeting: Meeting, cars: Iterable[Car]) -> str:
    """ "raced Sepang in 2017 and 2018", "raced Pro-Am in GT Asia", both, or ""."""
    season = engine.season
    years = sorted(
        {
            c.meeting.start_date.year
            for c in engine.commitments(driver.id)
            if c.meeting.circuit.name == meeting.circuit.name
            and c.meeting.id != meeting.id
            and c.meeting.end_date < meeting.start_date
        }
    )
    parts = []
    if years:
        listed = str(years[-1])
        if len(years) > 1:
            listed = f"{', '.join(map(str, years[:-1]))} and {listed}"
        parts.append(f"raced {meeting.circuit.name} in {listed}")
    classes = {c.car_class for c in cars if c.car_class}
    raced = {
        car.car_class
        for a in season.assignments.values()
        if a.driver_id == driver.id
        and (car := season.cars.get(a.car_id)) is not None
        and car.series == meeting.series
        and car.car_class in classes
    }
    if raced:
        parts.append(f"raced {' and '.join(sorted(c for c in raced if c))} in {meeting.series}")
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Travel:
    km: float
    words: str


def extra_travel(engine: ClashEngine, driver_id: int, meeting: Meeting) -> Travel:
    """The extra km taking the seat costs, from the driver's adjacent commitments."""
    seat = engine.slot(meeting.id)
    if seat is None:
        return Travel(0.0, "0 km extra: free that week")
    before, after = _adjacent(engine.commitments(driver_id), seat)
    here = meeting.circuit
    if before is None and after is None:
        return Travel(0.0, "0 km extra: free that week")
    if before is not None and after is not None:
        there, then = before.meeting.circuit, after.meeting.circuit
        km = max(0.0, _km(there, here) + _km(here, then) - _km(there, then))
        words = f"from {there.name} the week before and on to {then.name} after"
    elif before is not None:
        km, words = _km(before.meeting.circuit, here), _from(before, seat)
    else:
        assert after is not None
        km, words = _km(here, after.meeting.circuit), f"on to {after.meeting.circuit.name} after"
    return Travel(km, f"{km:,.0f} km extra: {words}")


def _from(before: Commitment, seat: Slot) -> str:
    if before.slot.end > seat.start:
        return f"already at {before.meeting.circuit.name} that weekend"
    return f"from {before.meeting.circuit.name} the week before"


def _km(a: Circuit, b: Circuit) -> float:
    return 0.0 if a.name == b.name else circuit_distance_km(a, b)


def _adjacent(
    commitments: list[Commitment], seat: Slot
) -> tuple[Commitment | None, Commitment | None]:
    """The last commitment ending (or overlapping) before the seat and the first one after it,
    within a week."""
    before: Commitment | None = None
    after: Commitment | None = None
    for c in commitments:
        if c.slot.meeting.id == seat.meeting.id:
            continue
        if c.slot.start < seat.end and c.slot.end > seat.start:
            before = c  # overlapping: the driver is there already
        elif c.slot.end <= seat.start and seat.start - c.slot.end <= ADJACENT_SECONDS:
            if before is None or before.slot.end <= c.slot.end:
                before = c
        elif c.slot.start >= seat.end and c.slot.start - seat.end <= ADJACENT_SECONDS:
            if after is None or c.slot.start < after.slot.start:
                after = c
    return before, after
