"""The clash rules of DESIGN.md applied to one driver's sorted commitments (a sweep).

- overlap (clash): two meetings at different circuits occupy intersecting intervals;
- travel (clash): they do not intersect, the circuits differ, and the gap between them is
  shorter than the travel time (:mod:`paddock_desk.domain.travel`);
- unavailable (clash): a meeting intersects an occurrence of an unavailability block;
- double_duty (warning): two series at one circuit on intersecting intervals; two rounds of one
  series at one circuit (a double-header) are neither.

Commitments are sorted by start, so only those starting before the end of a commitment plus the
longest possible trip (:data:`MAX_TRAVEL_SECONDS`) need comparing with it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from paddock_desk.domain.commitments import Block, Commitment
from paddock_desk.domain.model import Driver
from paddock_desk.domain.travel import MAX_TRAVEL_HOURS, TravelTable, circuit_distance_km

OVERLAP: Final = "overlap"
TRAVEL: Final = "travel"
UNAVAILABLE: Final = "unavailable"
DOUBLE_DUTY: Final = "double_duty"
CLASH: Final = "clash"
WARNING: Final = "warning"

MAX_TRAVEL_SECONDS = int(MAX_TRAVEL_HOURS * 3600) + 1


@dataclass(slots=True, eq=False)
class Clash:
    """Two commitments of a driver that cannot both be kept (or a warning about them).

    ``first`` is the commitment that starts first (the meeting, for unavailability); ``hours``
    is the overlap in hours (overlap, unavailable, double duty) or the gap between the two
    (travel); ``needed`` and ``distance_km`` are the travel time and distance (travel only).
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


def sort_key(clash: Clash) -> tuple[int, int, str, str, str, str]:
    """Order within one driver: start, then the other's start, then series."""
    second = clash.second
    if isinstance(second, Block):
        second_name = second.unavailability.reason
    else:
        second_name = second.slot.series
    first = clash.first.slot
    return (first.start, second.start, first.series, first.meeting.round, second_name, clash.kind)


def _hours(seconds: float) -> float:
    return seconds / 3600.0


def pair_clashes(
    driver: Driver, commitments: Sequence[Commitment], travel: TravelTable
) -> list[Clash]:
    """Overlap, travel and double-duty findings among ``commitments`` (sorted by start)."""
    found: list[Clash] = []
    count = len(commitments)
    for i in range(count - 1):
        a = commitments[i]
        slot_a = a.slot
        a_end = slot_a.end
        limit = a_end + MAX_TRAVEL_SECONDS
        for j in range(i + 1, count):
            b = commitments[j]
            slot_b = b.slot
            b_start = slot_b.start
            if b_start >= limit:
                break
            if b_start < a_end:
                if slot_a.place != slot_b.place:
                    overlap = min(a_end, slot_b.end) - b_start
                    found.append(Clash(driver, OVERLAP, CLASH, a, b, _hours(overlap)))
                elif slot_a.series != slot_b.series:
                    overlap = min(a_end, slot_b.end) - b_start
                    found.append(Clash(driver, DOUBLE_DUTY, WARNING, a, b, _hours(overlap)))
            elif slot_a.place != slot_b.place:
                gap = b_start - a_end
                needed = travel.seconds(slot_a.meeting.circuit, slot_b.meeting.circuit)
                if gap < needed:
                    found.append(_travel_clash(driver, a, b, gap, needed))
    return found


def _travel_clash(
    driver: Driver, a: Commitment, b: Commitment, gap: int, needed: float
) -> Clash:
    km = circuit_distance_km(a.meeting.circuit, b.meeting.circuit)
    return Clash(driver, TRAVEL, CLASH, a, b, _hours(gap), _hours(needed), km)


def block_clashes(
    driver: Driver, commitments: Sequence[Commitment], blocks: Sequence[Block]
) -> list[Clash]:
    """One unavailable clash per (meeting, block occurrence) whose intervals intersect."""
    if not blocks or not commitments:
        return []
    starts = [c.slot.start for c in commitments]
    longest = max(c.slot.end - c.slot.start for c in commitments)
    found: list[Clash] = []
    for block in blocks:
        low = bisect_left(starts, block.start - longest + 1)
        high = bisect_left(starts, block.end)
        for k in range(low, high):
            commitment = commitments[k]
            end = commitment.slot.end
            if end > block.start:
                overlap = min(end, block.end) - max(commitment.slot.start, block.start)
                found.append(
                    Clash(driver, UNAVAILABLE, CLASH, commitment, block, _hours(overlap))
                )
    return found


def driver_clashes(
    driver: Driver,
    commitments: Sequence[Commitment],
    blocks: Sequence[Block],
    travel: TravelTable,
) -> list[Clash]:
    """Every finding for one driver, ordered by start, then the other's start, then series."""
    found = pair_clashes(driver, commitments, travel)
    if blocks:
        found.extend(block_clashes(driver, commitments, blocks))
    if len(found) > 1:
        found.sort(key=sort_key)
    return found
