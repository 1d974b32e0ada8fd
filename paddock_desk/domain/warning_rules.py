"""Warnings beyond double duty: what a team manager would flag, never a clash by itself.

Both have severity "warning", so they never hide or fake a clash, and substitutes ignore them.

- tight_turnaround: two consecutive commitments of a driver at circuits more than
  :data:`LONG_HAUL_KM` (3,000 km, a flight) apart that are not a travel clash, but leave less
  than the travel time plus :data:`RECOVERY_HOURS` (24 h: a day to land, sleep and adjust)
  between the end of the earlier and the start of the later (arrival days included, as in the
  clash rules; exactly the travel time plus 24 h is enough). Consecutive: the later does not
  intersect the earlier, and no third commitment lies wholly between them (starting at or
  after the earlier's end and ending by the later's start). ``hours`` is the gap, ``needed``
  the travel time, ``distance_km`` the distance.
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


def weekend_runs(days: list[int]) -> list[tuple[int, int]]:
    """Runs of at least four consecutive weekends among ``days`` (sorted Saturdays)."""
    count = len(days)
    if count < WEEKENDS_IN_A_ROW:
        return []
    if days[-1] - days[0] == 7 * (count - 1):
        return [(days[0], days[-1])]  # every weekend raced from the first to the last
    breaks = [k for k in range(1, count) if days[k] - days[k - 1] != 7]
    runs: list[tuple[int, int]] = []
    for low, high in zip([0, *breaks], [*breaks, count], strict=True):
        if high - low >= WEEKENDS_IN_A_ROW:
            runs.append((days[low], days[high - 1]))
    return runs


def weekend_warnings(driver: Driver, index: DriverIndex) -> list[Ranked]:
    """One weekends_in_a_row warning per run of four or more consecutive raced weekends."""
    raced = index.raced
    runs = weekend_runs(raced)
    if not runs:
        return []
    saturdays = index.saturdays
    if len(runs) == 1:
        low, high = runs[0]
        if low == raced[0] and high == raced[-1]:
            groups = [[k for k, days in enumerate(saturdays) if days]]  # one run of them all
        else:
            groups = [[k for k, days in enumerate(saturdays) if days and low <= days[0] <= high]]
    else:
        run_of = {day: r for r, (low, high) in enumerate(runs) for day in range(low, high + 1, 7)}
        groups = [[] for _ in runs]
        for k, days in enumerate(saturdays):  # a meeting's weekends are consecutive: one run
            if days and (r := run_of.get(days[0])) is not None:
                groups[r].append(k)
    found: list[Ranked] = []
    commitments, starts, ends, series = index.commitments, index.starts, index.ends, index.series
    for (low, high), group in zip(runs, groups):  # noqa: B905 (as many groups as runs)
        first = group[0]
        last = max(reversed(group), key=ends.__getitem__)  # ends last; the latest of a tie
        clash = Clash(
            driver, WEEKENDS, WARNING, commitments[first], commitments[last], 0.0, 0.0, 0.0,
            (high - low) // 7 + 1, tuple(map(commitments.__getitem__, group)),
        )
        found.append((starts[first], starts[last], series[first], index.rounds[first],
                      series[last], WEEKENDS, first, last, clash))
    return found
