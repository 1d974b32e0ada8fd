"""Warnings beyond double duty: what a team manager would flag, never a clash by itself.

Both have severity "warning", so they never hide or fake a clash, and substitutes ignore them.

- tight_turnaround: two consecutive commitments of a driver at circuits more than
  :data:`LONG_HAUL_KM` (3,000 km, a flight) apart that are not a travel clash, but leave less
  than the travel time plus :data:`RECOVERY_HOURS` (24 h: a day to land, sleep and adjust)
  between the end of the earlier and the start of the later (arrival days included, as in the
  clash rules). Consecutive: the later does not intersect the earlier, and no third commitment
  lies wholly between them (starting at or after the earlier's end and ending by the later's
  start). ``hours`` is the gap, ``needed`` the travel time, ``distance_km`` the distance.
  Found in the clash sweep itself (:func:`~paddock_desk.domain.clash_rules.pair_clashes`).
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

from paddock_desk.domain.clash_rules import (
    LONG_HAUL_KM,
    RECOVERY_SECONDS,
    TIGHT_TURNAROUND,
    TURNAROUND_REACH,
    WARNING,
    Clash,
    DriverIndex,
    Ranked,
)
from paddock_desk.domain.model import Driver

WEEKENDS: Final = "weekends_in_a_row"
WEEKENDS_IN_A_ROW: Final = 4
RECOVERY_HOURS: Final = RECOVERY_SECONDS / 3600

__all__ = [
    "LONG_HAUL_KM", "RECOVERY_HOURS", "TIGHT_TURNAROUND", "TURNAROUND_REACH", "WEEKENDS",
    "WEEKENDS_IN_A_ROW", "weekend_runs", "weekend_warnings",
]

SPAN = 7 * (WEEKENDS_IN_A_ROW - 1)
"""Days from the first Saturday of a run long enough to warn about to its last."""


def weekend_runs(index: DriverIndex) -> list[tuple[int, int]]:
    """Runs of at least four consecutive weekends the driver races: (first, last) Saturdays."""
    saturdays = sorted(set().union(*[c.slot.saturdays for c in index.commitments]))
    if len(saturdays) < WEEKENDS_IN_A_ROW:
        return []
    runs: list[tuple[int, int]] = []
    run_start = previous = saturdays[0]
    for saturday in saturdays[1:]:
        if saturday != previous + 7:
            if previous - run_start >= SPAN:
                runs.append((run_start, previous))
            run_start = saturday
        previous = saturday
    if previous - run_start >= SPAN:
        runs.append((run_start, previous))
    return runs


def weekend_warnings(driver: Driver, index: DriverIndex) -> list[Ranked]:
    """One weekends_in_a_row warning per run of four or more consecutive raced weekends."""
    runs = weekend_runs(index)
    if not runs:
        return []
    run_of = {day: r for r, (low, high) in enumerate(runs) for day in range(low, high + 1, 7)}
    members: list[list[int]] = [[] for _ in runs]
    commitments, ends = index.commitments, index.ends
    for k, commitment in enumerate(commitments):
        days = commitment.slot.saturdays  # a meeting's weekends are consecutive: one run
        if days and (r := run_of.get(days[0])) is not None:
            members[r].append(k)
    found: list[Ranked] = []
    for (low, high), run in zip(runs, members, strict=True):
        first = run[0]
        last = max(reversed(run), key=ends.__getitem__)  # ends last; the latest of a tie
        clash = Clash(driver, WEEKENDS, WARNING, commitments[first], commitments[last], 0.0)
        clash.weekends = (high - low) // 7 + 1
        clash.run = tuple(commitments[k] for k in run)
        found.append((index.starts[first], index.starts[last], index.series[first],
                      index.rounds[first], index.series[last], WEEKENDS, first, last, clash))
    return found
