"""The clash rules of DESIGN.md applied to one driver's sorted commitments (a sweep).

- overlap (clash): two meetings at different circuits occupy intersecting intervals;
- travel (clash): they do not intersect, the circuits differ, and the gap between them is
  shorter than the travel time (:mod:`paddock_desk.domain.travel`);
- unavailable (clash): a meeting intersects an occurrence of an unavailability block;
- double_duty (warning): two series at one circuit on intersecting intervals; two rounds of one
  series at one circuit (a double-header) are neither;
- tight_turnaround and weekends_in_a_row (warnings): :mod:`paddock_desk.domain.warning_rules`.

Commitments are sorted by start, so only those starting before the end of a commitment plus the
longest possible trip and a day to recover (:data:`TURNAROUND_REACH`) need comparing with it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain
from typing import Final

from paddock_desk.domain.commitments import Block, Commitment
from paddock_desk.domain.model import Driver
from paddock_desk.domain.travel import MAX_TRAVEL_HOURS, TravelTable

OVERLAP: Final = "overlap"
TRAVEL: Final = "travel"
UNAVAILABLE: Final = "unavailable"
DOUBLE_DUTY: Final = "double_duty"
CLASH: Final = "clash"
WARNING: Final = "warning"

TIGHT_TURNAROUND: Final = "tight_turnaround"

MAX_TRAVEL_SECONDS = int(MAX_TRAVEL_HOURS * 3600) + 1

LONG_HAUL_KM: Final = 3000.0
"""Farther than this, a trip is a flight (the air leg of the travel time)."""
RECOVERY_SECONDS: Final = 24 * 3600
"""A day to land, sleep and adjust after a long-haul trip."""
TURNAROUND_REACH = MAX_TRAVEL_SECONDS + RECOVERY_SECONDS
"""No tight turnaround (nor travel clash) is farther apart than the longest trip plus a day."""


@dataclass(slots=True, eq=False)
class Clash:
    """Two commitments of a driver that cannot both be kept (or a warning about them).

    ``first`` is the commitment that starts first (the meeting, for unavailability); ``hours``
    is the overlap in hours (overlap, unavailable, double duty) or the gap between the two
    (travel, tight turnaround); ``needed`` and ``distance_km`` are the travel time and distance
    (travel, tight turnaround); ``weekends`` and ``run`` are the number of weekends in a row and
    the meetings that race them (weekends in a row only).
    Read-only (not frozen only because the engine builds many of them and must be fast).
    """

    driver: Driver
    kind: str
    severity: str
    first: Commitment
    second: Commitment | Block
    hours: float
    needed: float = 0.0
    distance_km: float = 0.0
    weekends: int = 0
    run: tuple[Commitment, ...] = ()

    @property
    def message(self) -> str:
        """One plain sentence: the driver, both commitments, their dates and the reason."""
        from paddock_desk.domain.explain import sentence

        return sentence(self)

    def key(self) -> tuple[int, str, str, int, object]:
        """What the clash is about, independent of order: driver, kind, severity, meetings."""
        other: object
        if isinstance(self.second, Block):
            other = ("block", self.second.unavailability.id, self.second.first_day)
            return (self.driver.id, self.kind, self.severity, self.first.meeting.id, other)
        low, high = sorted((self.first.meeting.id, self.second.meeting.id))
        return (self.driver.id, self.kind, self.severity, low, high)


@dataclass(slots=True, eq=False)
class DriverIndex:
    """A driver's commitments (sorted by start) and blocks, with the columns the sweep reads."""

    commitments: list[Commitment]
    blocks: list[Block]
    starts: list[int]
    ends: list[int]
    places: list[str]
    series: list[str]
    rounds: list[str]
    saturdays: list[tuple[int, ...]]
    raced: list[int]
    """The Saturdays of every weekend the driver races, sorted, each once."""
    longest: int


def driver_index(commitments: list[Commitment], blocks: list[Block]) -> DriverIndex:
    slots = [c.slot for c in commitments]
    saturdays = [s.saturdays for s in slots]
    return DriverIndex(
        commitments, blocks, [s.start for s in slots], [s.end for s in slots],
        [s.place for s in slots], [s.series for s in slots], [s.round for s in slots],
        saturdays, sorted(set(chain.from_iterable(saturdays))),
        max((s.end - s.start for s in slots), default=0),
    )


Ranked = tuple[int, int, str, str, str, str, int, int, Clash]
"""A finding with its place in the order: first start, second start, first series and round,
second series (or reason), kind, then positions that make every entry distinct."""


def _hours(seconds: float) -> float:
    return seconds / 3600.0


def pair_clashes(driver: Driver, index: DriverIndex, travel: TravelTable) -> list[Ranked]:
    """Overlap, travel, double-duty and tight-turnaround findings among the commitments.

    A tight turnaround (:mod:`paddock_desk.domain.warning_rules`) is looked for in the same
    sweep: ``between`` is the earliest end of a commitment starting at or after the end of
    commitment i, so a later one starting at or after it is not consecutive to i (travel clashes
    are looked for up to ``limit`` whether consecutive or not).
    """
    found: list[Ranked] = []
    commitments, starts, ends = index.commitments, index.starts, index.ends
    places, series, rounds = index.places, index.series, index.rounds
    count = len(commitments)
    trips = travel.known
    for i in range(count - 1):
        a_end = ends[i]
        limit = a_end + MAX_TRAVEL_SECONDS
        between = a_end + TURNAROUND_REACH
        place = places[i]
        for j in range(i + 1, count):
            b_start = starts[j]
            if b_start >= limit and b_start >= between:
                break
            if b_start < a_end:
                if place != places[j]:
                    kind, severity = OVERLAP, CLASH
                elif series[i] != series[j]:
                    kind, severity = DOUBLE_DUTY, WARNING
                else:
                    continue  # a double-header
                b_end = ends[j]
                hours = ((a_end if a_end < b_end else b_end) - b_start) / 3600.0
                clash = Clash(driver, kind, severity, commitments[i], commitments[j], hours)
            else:
                consecutive = b_start < between
                if ends[j] < between:
                    between = ends[j]
                if place == places[j]:
                    continue
                a, b = commitments[i], commitments[j]
                trip = trips.get((place, places[j]))
                if trip is None:
                    trip = travel.trip(a.slot.meeting.circuit, b.slot.meeting.circuit)
                needed, km = trip
                gap = b_start - a_end
                if gap < needed:
                    kind = TRAVEL
                    clash = Clash(driver, TRAVEL, CLASH, a, b, gap / 3600.0, needed / 3600.0, km)
                elif consecutive and km > LONG_HAUL_KM and gap < needed + RECOVERY_SECONDS:
                    kind = TIGHT_TURNAROUND
                    clash = Clash(driver, kind, WARNING, a, b, gap / 3600.0, needed / 3600.0, km)
                else:
                    continue
            found.append(
                (starts[i], b_start, series[i], rounds[i], series[j], clash.kind, i, j, clash)
            )
    return found


def block_clashes(driver: Driver, index: DriverIndex) -> list[Ranked]:
    """One unavailable clash per (meeting, block occurrence) whose intervals intersect."""
    commitments, starts, ends = index.commitments, index.starts, index.ends
    found: list[Ranked] = []
    for position, block in enumerate(index.blocks):
        low = bisect_left(starts, block.start - index.longest + 1)
        high = bisect_left(starts, block.end)
        for k in range(low, high):
            end = ends[k]
            if end > block.start:
                hours = _hours(min(end, block.end) - max(starts[k], block.start))
                clash = Clash(driver, UNAVAILABLE, CLASH, commitments[k], block, hours)
                reason = block.unavailability.reason
                found.append((starts[k], block.start, index.series[k], index.rounds[k], reason,
                              UNAVAILABLE, k, position, clash))
    return found


def driver_clashes(driver: Driver, index: DriverIndex, travel: TravelTable) -> list[Clash]:
    """Every finding for one driver, ordered by start, then the other's start, then series."""
    from paddock_desk.domain.warning_rules import weekend_warnings

    found = pair_clashes(driver, index, travel)
    if index.commitments:
        found.extend(weekend_warnings(driver, index))
    if index.blocks and index.commitments:
        found.extend(block_clashes(driver, index))
    if len(found) > 1:
        found.sort()
    return [entry[-1] for entry in found]
