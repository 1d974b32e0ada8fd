"""The clash engine: every driver's clashes, checked in full or one driver at a time.

Usage (the UI keeps one engine per open season)::

    engine = ClashEngine(season)          # indexes the season once
    engine.check_all()                    # every Clash, by driver name, then start
    engine.check_driver(driver_id)        # one driver's clashes (fast: for every edit)

After an edit, tell the engine what changed, then re-check only the drivers it touched:

    engine.replace_assignments(driver_id, assignments)   # a drag in the line-up grid
    engine.replace_unavailability(driver_id, blocks)     # the driver's unavailable days
    touched = engine.update_season(new_season, changed_driver_ids={3},
                                   changed_meeting_ids={12})  # any other edit
    for driver_id in touched: engine.check_driver(driver_id)

``update_season`` returns the ids of the drivers whose clashes may have changed (those named,
plus every driver entered in the series of a changed meeting, or everyone when a meeting moved
past the season's last day: repeating unavailability is expanded only up to it). Call it with
neither argument after circuits or series arrival days changed: it re-indexes everything.
For a one-off look, ``check_drivers(season, driver_ids)`` indexes only those drivers and returns
their clashes in the same order as ``check_all``.
``clashes_if_entered(driver_id, meeting_id)`` tells which clashes a driver would gain by taking a
seat at a meeting (substitutes, drag previews) without changing the engine.

Each :class:`~paddock_desk.domain.clash_rules.Clash` carries the driver, kind ("overlap",
"travel", "unavailable": severity "clash"; "double_duty", "tight_turnaround",
"weekends_in_a_row": severity "warning", see :mod:`~paddock_desk.domain.warning_rules`), both
commitments (their ``slot`` holds the meeting and its UTC interval in seconds) and ``message``,
one sentence. A run of weekends in a row counts as gained by a seat at any of its meetings.
The engine keeps ``engine.season`` (the Season it was given; ``replace_*`` update it in place).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from paddock_desk.domain.clash_rules import (
    Clash,
    DriverIndex,
    driver_clashes,
    driver_index,
)
from paddock_desk.domain.commitments import (
    Block,
    Commitment,
    Slot,
    commitment_order,
    driver_blocks,
    driver_commitments,
    last_day,
    season_slots,
    slots_by_series,
)
from paddock_desk.domain.model import Assignment, Driver, Season, Unavailability
from paddock_desk.domain.travel import TravelTable

__all__ = ["Clash", "ClashEngine", "check_drivers"]


def check_drivers(season: Season, driver_ids: Iterable[int]) -> list[Clash]:
    """The clashes of the named drivers only, by driver name, then start (no full index)."""
    ids = set(driver_ids)
    engine = ClashEngine(season, only_drivers=ids)
    found: list[Clash] = []
    for driver in sorted(
        (season.drivers[d] for d in ids if d in season.drivers), key=lambda d: (d.name, d.id)
    ):
        found.extend(engine.check_driver(driver.id))
    return found


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while building many small acyclic objects.

    The engine's indexes and findings hold no reference cycles; collecting while tens of
    thousands of them are made only costs time (a third of a world-scale index build).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _by_name(driver: Driver) -> tuple[str, int]:
    return (driver.name, driver.id)


class ClashEngine:
    """Clashes of a :class:`Season`, with per-driver indexes for fast re-checks."""

    def __init__(self, season: Season, *, only_drivers: Iterable[int] | None = None) -> None:
        """Index ``season`` (only the drivers ``only_drivers`` when given)."""
        self.season = season
        self._only = None if only_drivers is None else set(only_drivers)
        self._travel = TravelTable()
        self._slots: dict[int, Slot] = {}
        self._by_series: dict[str, list[Slot]] = {}
        self._index: dict[int, DriverIndex] = {}
        self._assignments: dict[int, list[Assignment]] = {}
        self._unavailability: dict[int, list[Unavailability]] = {}
        self._until: date | None = None
        self._reindex()

    # -- checking ------------------------------------------------------------------------

    def check_all(self) -> list[Clash]:
        """Every clash and warning of the season, by driver name, then start."""
        found: list[Clash] = []
        with paused_gc():
            for driver in sorted(self.season.drivers.values(), key=_by_name):
                if driver.id in self._index:
                    found.extend(self.check_driver(driver.id))
        return found

    def check_driver(self, driver_id: int) -> list[Clash]:
        """The clashes and warnings of one driver, by start (empty for an unknown driver)."""
        driver = self.season.drivers.get(driver_id)
        index = self._index.get(driver_id)
        if driver is None or index is None:
            return []
        return driver_clashes(driver, index, self._travel)

    def clashes_if_entered(self, driver_id: int, meeting_id: int) -> list[Clash]:
        """The clashes and warnings the driver would gain by racing at the meeting too."""
        driver = self.season.drivers.get(driver_id)
        slot = self._slots.get(meeting_id)
        if driver is None or slot is None or self.is_entered(driver_id, meeting_id):
            return []
        seat = Commitment(slot, ())
        commitments = [*self.commitments(driver_id), seat]
        commitments.sort(key=commitment_order)
        found = [
            clash
            for clash in driver_clashes(
                driver, driver_index(commitments, self.blocks(driver_id)), self._travel
            )
            if clash.first is seat or clash.second is seat or seat in clash.run
        ]
        return found

    # -- what the engine knows -------------------------------------------------------------

    def commitments(self, driver_id: int) -> list[Commitment]:
        """The driver's commitments, sorted by start."""
        index = self._index.get(driver_id)
        return list(index.commitments) if index else []

    def blocks(self, driver_id: int) -> list[Block]:
        """Every occurrence of the driver's unavailability, sorted by start."""
        index = self._index.get(driver_id)
        return list(index.blocks) if index else []

    def slot(self, meeting_id: int) -> Slot | None:
        """The interval a meeting occupies (None for a cancelled or unknown meeting)."""
        return self._slots.get(meeting_id)

    def is_entered(self, driver_id: int, meeting_id: int) -> bool:
        return any(c.slot.meeting.id == meeting_id for c in self.commitments(driver_id))

    # -- updates -------------------------------------------------------------------------

    def replace_assignments(self, driver_id: int, assignments: Iterable[Assignment]) -> None:
        """Make ``assignments`` the driver's whole line-up (in ``self.season`` too)."""
        table = self.season.assignments
        for old in self._assignments.pop(driver_id, []):
            table.pop(old.id, None)
        own = list(assignments)
        for assignment in own:
            table[assignment.id] = assignment
        if own:
            self._assignments[driver_id] = own
        self._index_driver(driver_id)

    def replace_unavailability(self, driver_id: int, blocks: Iterable[Unavailability]) -> None:
        """Make ``blocks`` the driver's whole unavailability (in ``self.season`` too)."""
        table = self.season.unavailability
        for old in self._unavailability.pop(driver_id, []):
            table.pop(old.id, None)
        own = list(blocks)
        for block in own:
            table[block.id] = block
        if own:
            self._unavailability[driver_id] = own
        self._index_driver(driver_id)

    def update_season(
        self,
        season: Season,
        changed_driver_ids: Iterable[int] | None = None,
        changed_meeting_ids: Iterable[int] | None = None,
    ) -> set[int]:
        """Take ``season`` as the new state; returns the drivers whose clashes may differ."""
        self.season = season
        if changed_driver_ids is None and changed_meeting_ids is None:
            self._only = None
            self._reindex()
            return set(season.drivers)
        self._group_sources()
        touched = set(changed_driver_ids or ())
        meeting_ids = set(changed_meeting_ids or ())
        if meeting_ids:
            touched |= self._refresh_meetings(meeting_ids)
        for driver_id in touched:
            self._index_driver(driver_id)
        return touched

    # -- indexing ------------------------------------------------------------------------

    def _group_sources(self) -> None:
        season = self.season
        assignments: dict[int, list[Assignment]] = defaultdict(list)
        for assignment in season.assignments.values():
            assignments[assignment.driver_id].append(assignment)
        blocks: dict[int, list[Unavailability]] = defaultdict(list)
        for block in season.unavailability.values():
            blocks[block.driver_id].append(block)
        self._assignments = dict(assignments)
        self._unavailability = dict(blocks)

    def _reindex(self) -> None:
        season = self.season
        self._travel.clear()
        self._slots = season_slots(season)
        self._by_series = slots_by_series(self._slots.values())
        self._until = last_day(self._slots.values())
        self._group_sources()
        self._index = {}
        with paused_gc():
            for driver_id in season.drivers:
                if self._only is None or driver_id in self._only:
                    self._index_driver(driver_id)

    def _index_driver(self, driver_id: int) -> None:
        season = self.season
        driver = season.drivers.get(driver_id)
        self._index.pop(driver_id, None)
        if driver is None:
            return
        own = self._assignments.get(driver_id)
        commitments = driver_commitments(own, season.cars, self._by_series) if own else []
        own_blocks = self._unavailability.get(driver_id)
        blocks: list[Block] = []
        if own_blocks and self._until is not None:
            blocks = driver_blocks(own_blocks, driver.home_tz, self._until)
        if commitments or blocks:
            self._index[driver_id] = driver_index(commitments, blocks)

    def _refresh_meetings(self, meeting_ids: set[int]) -> set[int]:
        season = self.season
        series = {self._slots[mid].meeting.series for mid in meeting_ids if mid in self._slots}
        for mid in meeting_ids:
            self._slots.pop(mid, None)
            meeting = season.meetings.get(mid)
            if meeting is not None:
                series.add(meeting.series)
                self._slots.update(season_slots(season, [meeting]))
        self._by_series = slots_by_series(self._slots.values())
        until = last_day(self._slots.values())
        if until is not None and (self._until is None or until > self._until):
            self._reindex()  # occurrences of repeating blocks are expanded up to the last day
            return set(season.drivers)
        return {
            a.driver_id
            for a in season.assignments.values()
            if (car := season.cars.get(a.car_id)) is not None and car.series in series
        }
