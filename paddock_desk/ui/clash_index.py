"""The document's clashes: the engine (paddock_desk.domain.clashes) and its findings per driver.

After an edit only the drivers the change set names (or the engine says a changed meeting
touches) are checked again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.commitments import Block
from paddock_desk.domain.model import Season, Unavailability
from paddock_desk.domain.recurrence import occurrences as _occurrences

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet


class ClashIndex:
    """Every driver's clashes and warnings, kept up to date edit by edit."""

    def __init__(self, season: Season) -> None:
        self.engine = ClashEngine(season)
        self.by_driver: dict[int, list[Clash]] = {}
        self._ordered: list[Clash] | None = None
        self.recheck(season.drivers)

    @property
    def ordered(self) -> list[Clash]:
        """All clashes, by driver name then start."""
        if self._ordered is None:
            drivers = self.engine.season.drivers
            keys = sorted(
                (d for d in self.by_driver if d in drivers),
                key=lambda d: (drivers[d].name, d),
            )
            self._ordered = [c for d in keys for c in self.by_driver[d]]
        return self._ordered

    def recheck(self, driver_ids: Iterable[int]) -> None:
        for driver_id in set(driver_ids):
            found = self.engine.check_driver(driver_id)
            if found:
                self.by_driver[driver_id] = found
            else:
                self.by_driver.pop(driver_id, None)
        self._ordered = None

    def drivers_changed(self, season: Season, driver_ids: Iterable[int]) -> None:
        """The line-ups or unavailability of ``driver_ids`` changed in ``season`` (in place)."""
        ids = set(driver_ids)
        for driver_id in ids:
            self.engine.replace_assignments(
                driver_id, [a for a in season.assignments.values() if a.driver_id == driver_id]
            )
            self.engine.replace_unavailability(
                driver_id, [u for u in season.unavailability.values() if u.driver_id == driver_id]
            )
        self.recheck(ids)

    def season_changed(self, season: Season, change: ChangeSet) -> set[int]:
        """Anything else changed in ``season``; returns the drivers checked again."""
        from paddock_desk.services.editing import ChangeKind

        if change.all_drivers:
            touched = self.engine.update_season(season)
            self.by_driver.clear()
        else:
            # sessions never widen what a meeting occupies; a session edit names its meeting
            meetings = set(change.ids_of(ChangeKind.MEETINGS))
            touched = self.engine.update_season(season, change.driver_ids, meetings)
        gone = [d for d in self.by_driver if d not in season.drivers]
        for driver_id in gone:
            del self.by_driver[driver_id]
        self.recheck(touched & season.drivers.keys())
        return touched | set(gone)


def driver_id(clash: Clash) -> int:
    return clash.driver.id


def meeting_ids(clash: Clash) -> tuple[int, ...]:
    """The meetings a clash names (one for an unavailability clash)."""
    first = clash.first.meeting.id
    if isinstance(clash.second, Block):
        return (first,)
    return (first, clash.second.meeting.id)


def severity(clash: Clash) -> str:
    """"clash" or "warning"."""
    return clash.severity


def message(clash: Clash) -> str:
    return clash.message


def occurrences(block: Unavailability) -> Iterator[tuple[date, date]]:
    """The (first, last) days of each occurrence of an unavailability block."""
    yield from _occurrences(block)
