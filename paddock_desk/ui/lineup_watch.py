"""The open season's line-up breaches and document findings, kept up to date like its clashes.

One :class:`LineupWatch` per :class:`SeasonDocument` (:func:`lineup_watch` makes it on first
use). After a line-up edit it re-checks only the cars of the drivers the edit touched; after any
other edit (meetings, cars, drivers, rules, documents) it indexes the season again. Views read
``breaches_at(car_id, meeting_id)`` while painting and listen to ``changed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from PySide6.QtCore import QObject, Signal

from paddock_desk.domain.lineup_rules import DocumentFinding, LineupBreach, LineupEngine
from paddock_desk.domain.model import Car, Meeting
from paddock_desk.ui.document import SeasonDocument

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet

_WATCHES: WeakKeyDictionary[SeasonDocument, LineupWatch] = WeakKeyDictionary()
RULE_NOTE = "Breaks a line-up rule: "


def lineup_watch(document: SeasonDocument) -> LineupWatch:
    """The watch of ``document``, made on first use."""
    watch = _WATCHES.get(document)
    if watch is None:
        watch = _WATCHES[document] = LineupWatch(document)
    return watch


class LineupWatch(QObject):
    """Line-up breaches by car and meeting, and document findings, of the open season."""

    changed = Signal()

    def __init__(self, document: SeasonDocument) -> None:
        super().__init__(document)
        self.document = document
        self.engine = LineupEngine(document.season)
        self._by_car: dict[int, dict[int, list[LineupBreach]]] = {}
        self.documents: list[DocumentFinding] = []
        self._check_everything()
        document.changed.connect(self.on_changed)

    # ---- reading ------------------------------------------------------------------------

    def breaches_at(self, car_id: int, meeting_id: int) -> list[LineupBreach]:
        return self._by_car.get(car_id, {}).get(meeting_id, [])

    def breaches(self) -> list[LineupBreach]:
        """Every breach, in DESIGN.md's order."""
        return self.engine.check_all()

    def count(self) -> int:
        return sum(len(b) for per_car in self._by_car.values() for b in per_car.values())

    def preview(self, driver_id: int, meeting: Meeting, cars: list[Car]) -> str:
        """What entering the driver in the car(s) at the meeting would break, or ""."""
        found: list[str] = []
        for car in cars:
            crew = self.engine.entered(car.id, meeting) | {driver_id}
            before = {id(b.rule) for b in self.breaches_at(car.id, meeting.id)}
            found += [b.message for b in self.engine.breaches_with(car.id, meeting.id, crew)
                      if id(b.rule) not in before]
        return RULE_NOTE + "; ".join(found) + "." if found else ""

    # ---- refreshing ---------------------------------------------------------------------

    def on_changed(self, change: ChangeSet) -> None:
        season = self.document.season
        if change.assignments_only:
            if change.lineups:
                for car_id in self.engine.update_season(season, drivers=change.driver_ids):
                    self._check_car(car_id)
                self.documents = self.engine.check_documents()
        else:
            self.engine = LineupEngine(season)
            self._check_everything()
        self.changed.emit()

    def _check_everything(self) -> None:
        self._by_car = {}
        for car_id in self.document.season.cars:
            self._check_car(car_id)
        self.documents = self.engine.check_documents()

    def _check_car(self, car_id: int) -> None:
        per_meeting: dict[int, list[LineupBreach]] = {}
        for breach in self.engine.check_car(car_id):
            per_meeting.setdefault(breach.meeting.id, []).append(breach)
        if per_meeting:
            self._by_car[car_id] = per_meeting
        else:
            self._by_car.pop(car_id, None)
