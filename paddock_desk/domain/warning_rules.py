"""Warnings beyond double duty: what a team manager would flag, never a clash by itself.

Both have severity "warning", so they never hide or fake a clash, and substitutes ignore them.

- tight_turnaround: two consecutive commitments of a driver at circuits more than
  :data:`LONG_HAUL_KM` (3,000 km, a flight) apart that are not a travel clash, but leave less
  than the travel time plus :data:`RECOVERY_HOURS` (24 h: a day to land, sleep and adjust)
  between the end of the earlier and the start of the later (arrival days included, as in the
  clash rules). Consecutive: the later does not intersect the earlier, and no third commitment
  lies wholly between them (starting at or after the earlier's end and ending by the later's
  start). ``hours`` is the gap, ``needed`` the travel time, ``distance_km`` the distance.
- weekends_in_a_row: the driver's meetings (cancelled ones occupy no one) touch at least
  :data:`WEEKENDS_IN_A_ROW` (4) consecutive weekends. A weekend is the Saturday and Sunday local
  to each circuit (a Saturday at Pukekohe and a Saturday in Hawaii are the same weekend, though
  a day apart in UTC); a meeting touches a weekend when its own local dates (arrival days left
  out: they are travel, not racing) include that Saturday or Sunday. One warning per run of
  weekends: ``first`` is the run's meeting that starts first, ``second`` the one that ends
  last (the latest in start order among those ending together; the same meeting when one
  meeting makes the whole run), ``weekends`` the number of weekends and ``run`` every meeting
  of the run, in start order.
"""

from __future__ import annotations

from typing import Final

from paddock_desk.domain.clash_rules import WARNING, Clash, DriverIndex, Ranked
from paddock_desk.domain.model import Driver
from paddock_desk.domain.travel import MAX_TRAVEL_HOURS, TravelTable

TIGHT_TURNAROUND: Final = "tight_turnaround"
WEEKENDS: Final = "weekends_in_a_row"

LONG_HAUL_KM: Final = 3000.0
RECOVERY_HOURS: Final = 24.0
WEEKENDS_IN_A_ROW: Final = 4

RECOVERY_SECONDS = int(RECOVERY_HOURS * 3600)
TURNAROUND_REACH = int(MAX_TRAVEL_HOURS * 3600) + RECOVERY_SECONDS + 1
"""No tight turnaround is farther apart than the longest trip plus a day."""


def turnaround_warnings(driver: Driver, index: DriverIndex, travel: TravelTable) -> list[Ranked]:
    """The tight turnarounds between consecutive commitments of the driver."""
    found: list[Ranked] = []
    commitments, starts, ends, places = index.commitments, index.starts, index.ends, index.places
    count = len(commitments)
    for i in range(count - 1):
        a_end = ends[i]
        limit = a_end + TURNAROUND_REACH
        between = limit  # the earliest end of a commitment starting at or after a_end
        for j in range(i + 1, count):
            b_start = starts[j]
            if b_start >= limit or b_start >= between:
                break
            if b_start < a_end:
                continue
            if ends[j] < between:
                between = ends[j]
            if places[i] == places[j]:
                continue
            a, b = commitments[i], commitments[j]
            needed, km = travel.trip(a.slot.meeting.circuit, b.slot.meeting.circuit)
            gap = b_start - a_end
            if km <= LONG_HAUL_KM or gap < needed or gap >= needed + RECOVERY_SECONDS:
                continue
            clash = Clash(driver, TIGHT_TURNAROUND, WARNING, a, b, gap / 3600, needed / 3600, km)
            found.append((starts[i], b_start, index.series[i], index.rounds[i], index.series[j],
                          TIGHT_TURNAROUND, i, j, clash))
    return found


def weekend_runs(index: DriverIndex) -> list[tuple[int, int]]:
    """Runs of at least four consecutive weekends the driver races: (first, last) Saturdays."""
    saturdays: set[int] = set()
    for commitment in index.commitments:
        low, high = commitment.slot.weekends
        saturdays.update(range(low, high + 1, 7))
    if len(saturdays) < WEEKENDS_IN_A_ROW:
        return []
    runs: list[tuple[int, int]] = []
    ordered = sorted(saturdays)
    run_start = previous = ordered[0]
    for saturday in [*ordered[1:], None]:
        if saturday is not None and saturday == previous + 7:
            previous = saturday
            continue
        if (previous - run_start) // 7 + 1 >= WEEKENDS_IN_A_ROW:
            runs.append((run_start, previous))
        if saturday is not None:
            run_start = previous = saturday
    return runs


def weekend_warnings(driver: Driver, index: DriverIndex) -> list[Ranked]:
    """One weekends_in_a_row warning per run of four or more consecutive raced weekends."""
    found: list[Ranked] = []
    commitments = index.commitments
    for low, high in weekend_runs(index):
        members = [
            k for k, c in enumerate(commitments)
            if c.slot.weekends[0] <= high and c.slot.weekends[1] >= low
        ]
        first = members[0]
        last = max(members, key=lambda k: (index.ends[k], k))
        run = tuple(commitments[k] for k in members)
        clash = Clash(driver, WEEKENDS, WARNING, commitments[first], commitments[last], 0.0)
        clash.weekends = (high - low) // 7 + 1
        clash.run = run
        found.append((index.starts[first], index.starts[last], index.series[first],
                      index.rounds[first], index.series[last], WEEKENDS, first, last, clash))
    return found
