"""What a driver is committed to, as the clash engine sweeps it: meetings and unavailable days.

A driver's commitments are the meetings of the series of each car they are assigned to, for the
rounds the assignment covers, cancelled meetings excluded; two cars at one meeting make one
commitment (keeping both cars). Intervals are UTC seconds since the epoch, half-open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from paddock_desk.domain.model import Assignment, Car, Meeting, Season, Unavailability, zone
from paddock_desk.domain.model import local_midnight as _local_midnight
from paddock_desk.domain.recurrence import occurrences


@lru_cache(maxsize=1 << 16)
def midnight_seconds(day: date, tz: str | None) -> int:
    """UTC seconds of 00:00 of ``day`` in zone ``tz`` (UTC when None)."""
    return int(_local_midnight(day, tz).timestamp())


@dataclass(frozen=True, slots=True, eq=False)
class Slot:
    """A meeting as it occupies a driver: [start, end) in UTC seconds, arrival days included."""

    meeting: Meeting
    arrival_days: int
    start: int
    end: int
    place: str
    """The circuit's name (compared in the sweep)."""
    series: str
    round: str
    meeting_id: int
    saturdays: tuple[int, ...]
    """The weekends the meeting's local dates touch, each as the ordinal of its Saturday
    (:func:`weekends_touched`); empty when they touch none."""


@dataclass(slots=True, eq=False)
class Commitment:
    """One meeting a driver is entered for, with the car(s) that enter them (read-only)."""

    slot: Slot
    cars: tuple[Car, ...]

    @property
    def meeting(self) -> Meeting:
        return self.slot.meeting

    @property
    def start(self) -> int:
        return self.slot.start

    @property
    def end(self) -> int:
        return self.slot.end


@dataclass(slots=True, eq=False)
class Block:
    """One occurrence of an unavailability block: whole local days of the driver's home zone.

    Read-only, like :class:`Commitment` (not frozen only because building them must be fast).
    """

    unavailability: Unavailability
    first_day: date
    last_day: date
    tz: str | None
    start: int
    end: int


def weekends_touched(first: date, last: date) -> tuple[int, ...]:
    """The weekends (Saturday and Sunday) the local dates ``first``..``last`` touch.

    Each weekend is the ordinal of its Saturday, so consecutive weekends are 7 apart; empty when
    the dates hold no Saturday or Sunday.
    """
    start, end = first.toordinal(), last.toordinal()
    # date.weekday(): Monday 0 .. Saturday 5, Sunday 6.
    day = first.weekday()
    low = start - 1 if day == 6 else start + (5 - day)
    day = last.weekday()
    high = end if day == 5 else end - 1 if day == 6 else end - day - 2
    return tuple(range(low, high + 1, 7))


def meeting_slot(meeting: Meeting, arrival_days: int) -> Slot:
    first = meeting.start_date - timedelta(days=arrival_days)
    last = max(meeting.end_date, meeting.start_date)
    tz = meeting.circuit.tz
    return Slot(
        meeting, arrival_days, midnight_seconds(first, tz),
        midnight_seconds(last + timedelta(days=1), tz), meeting.circuit.name, meeting.series,
        meeting.round, meeting.id, weekends_touched(meeting.start_date, last),
    )


def season_slots(season: Season, meetings: Iterable[Meeting] | None = None) -> dict[int, Slot]:
    """The slot of every meeting that occupies drivers (cancelled ones left out)."""
    chosen = season.meetings.values() if meetings is None else meetings
    return {
        m.id: meeting_slot(m, season.arrival_days(m.series)) for m in chosen if not m.cancelled
    }


def last_day(slots: Iterable[Slot]) -> date | None:
    """The last day an unavailability block may start and still meet one of ``slots``.

    That is two days after the last local day of any meeting: local days of zones 26 hours
    apart (UTC-12 to UTC+14) differ by at most that. None when there are no slots.
    """
    last = max((s.meeting.end_date for s in slots), default=None)
    return None if last is None else last + timedelta(days=2)


def slot_order(slot: Slot) -> tuple[int, int, int]:
    """Commitments are sorted by start, then end, then meeting id."""
    return (slot.start, slot.end, slot.meeting_id)


def slots_by_series(slots: Iterable[Slot]) -> dict[str, list[Slot]]:
    """Each series' slots, in :func:`slot_order`."""
    by_series: dict[str, list[Slot]] = defaultdict(list)
    for slot in slots:
        by_series[slot.series].append(slot)
    for series_slots in by_series.values():
        series_slots.sort(key=slot_order)
    return by_series


def driver_commitments(
    assignments: Iterable[Assignment], cars: dict[int, Car], by_series: dict[str, list[Slot]]
) -> list[Commitment]:
    """The commitments the assignments make, in :func:`slot_order`."""
    found: dict[int, tuple[Slot, list[Car]]] = {}
    sources = 0
    for assignment in assignments:
        car = cars.get(assignment.car_id)
        if car is None:
            continue
        sources += 1
        rounds = assignment.rounds
        for slot in by_series.get(car.series, ()):
            if rounds is not None and slot.round not in rounds:
                continue
            entry = found.get(slot.meeting_id)
            if entry is None:
                found[slot.meeting_id] = (slot, [car])
            elif all(c.id != car.id for c in entry[1]):
                entry[1].append(car)
    commitments = [Commitment(slot, tuple(cs)) for slot, cs in found.values()]
    if sources > 1:  # one source lists its series' slots already in order
        commitments.sort(key=commitment_order)
    return commitments


def commitment_order(commitment: Commitment) -> tuple[int, int, int]:
    slot = commitment.slot
    return (slot.start, slot.end, slot.meeting_id)


def driver_blocks(
    blocks: Iterable[Unavailability], home_tz: str | None, until: date | None = None
) -> list[Block]:
    """Every occurrence of the driver's unavailability blocks (those starting by ``until``)."""
    tz = home_tz or None
    zone(tz)
    found: list[Block] = []
    for block in blocks:
        for first, last in occurrences(block, until):
            start = midnight_seconds(first, tz)
            end = midnight_seconds(last + timedelta(days=1), tz)
            found.append(Block(block, first, last, tz, start, end))
    found.sort(key=lambda b: (b.start, b.end, b.unavailability.id))
    return found
