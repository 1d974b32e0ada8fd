"""The roster as a table model: drivers in rows, meetings in columns in date order.

Cells are computed when asked for, from per-driver dictionaries built on first use and dropped
when an edit touches that driver; no matrix of items is ever built, so the world-scale season
(thousands of drivers, hundreds of meetings) scrolls as smoothly as the demo season.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from paddock_desk.domain.explain import MONTHS
from paddock_desk.domain.model import Car, Meeting
from paddock_desk.ui import clash_index
from paddock_desk.ui.document import SeasonDocument

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Custom roles for the objects behind a cell."""

    DRIVER_ID = Qt.ItemDataRole.UserRole + 1
    MEETING_ID = Qt.ItemDataRole.UserRole + 2
    CARS = Qt.ItemDataRole.UserRole + 3
    """The cars (domain Car values) that enter the driver at the meeting."""
    STATE = Qt.ItemDataRole.UserRole + 4
    """One of the CellState names: "clash", "warning", "unavailable", "entered", "free"."""
    MONTH = Qt.ItemDataRole.UserRole + 5
    """The (year, month) a meeting column falls in, for the header's month bands."""


CLASH_BRUSH = QBrush(QColor("#d32f2f"))
WARNING_BRUSH = QBrush(QColor("#f9a825"))
UNAVAILABLE_BRUSH = QBrush(QColor(128, 128, 128, 90), Qt.BrushStyle.BDiagPattern)
ENTERED_BRUSH = QBrush(QColor(46, 125, 50, 80))
WHITE = QBrush(QColor("#ffffff"))


@dataclass
class DriverRow:
    """What the roster shows of one driver, built on first use."""

    cars: dict[int, list[Car]] = field(default_factory=dict)
    clashes: dict[int, list[Any]] = field(default_factory=dict)
    warnings: dict[int, list[Any]] = field(default_factory=dict)
    unavailable: dict[int, str] = field(default_factory=dict)


ACRONYM_CLASS = re.compile(r"^([A-Z]{2,})\s+([A-Z]\w*)\s+(\d\w*)$")


def short_series(name: str) -> str:
    """A short label for a long series name: initials, keeping words with digits whole.

    "European Le Mans Series" -> "ELMS", "24h Nurburgring" -> "24h N", "Super GT" -> itself.
    """
    if len(name) <= 12:
        return name
    acronym = ACRONYM_CLASS.match(name)  # "FIA Formula 2" -> "FIA F2"
    if acronym:
        return f"{acronym[1]} {acronym[2][0]}{acronym[3]}"
    parts: list[str] = []
    for word in name.split():
        if any(ch.isdigit() for ch in word):
            parts.append(word)
        elif word[:1].isupper():
            if parts and not any(ch.isdigit() for ch in parts[-1]):
                parts[-1] += word[0]
            else:
                parts.append(word[0])
    return " ".join(parts) or name


CELL_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole, *Role,
))
"""The roles a cell answers; the others (asked for at every paint) return at once."""


def _seconds(span: tuple[datetime, datetime]) -> tuple[int, int]:
    return int(span[0].timestamp()), int(span[1].timestamp())


class RosterModel(QAbstractTableModel):
    """Drivers (rows, by name) against meetings (columns, by start date)."""

    def __init__(self, document: SeasonDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._rows: dict[int, DriverRow] = {}
        self._build_axes()
        document.changed.connect(self.on_changed)

    # ---- axes ----------------------------------------------------------------------------

    def _build_axes(self) -> None:
        season = self._document.season
        self.driver_ids: list[int] = sorted(
            season.drivers, key=lambda d: season.drivers[d].name.casefold()
        )
        self.meetings: list[Meeting] = sorted(
            season.meetings.values(), key=lambda m: (m.start_date, m.end_date, m.series, m.id)
        )
        self._row_of = {d: r for r, d in enumerate(self.driver_ids)}
        self._column_of = {m.id: c for c, m in enumerate(self.meetings)}
        self._by_series: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.meetings:
            self._by_series[meeting.series].append(meeting)
        self._meeting_spans = sorted(
            (*_seconds(m.occupied(season.arrival_days(m.series))), m.id) for m in self.meetings
        )
        self._meeting_starts = [span[0] for span in self._meeting_spans]
        self._longest_meeting = max((e - s for s, e, _m in self._meeting_spans), default=0)
        self.months = self.month_spans()
        self._rows.clear()
        self._index_driver_rows(None)

    def _index_driver_rows(self, driver_ids: frozenset[int] | None) -> None:
        """Index assignments by driver (all, or only ``driver_ids``)."""
        season = self._document.season
        if driver_ids is None:
            self._assignments: dict[int, list[Any]] = defaultdict(list)
        else:
            for driver_id in driver_ids:
                self._assignments.pop(driver_id, None)
        for assignment in season.assignments.values():
            if driver_ids is None or assignment.driver_id in driver_ids:
                self._assignments[assignment.driver_id].append(assignment)

    def row_of_driver(self, driver_id: int) -> int:
        return self._row_of.get(driver_id, -1)

    def column_of_meeting(self, meeting_id: int) -> int:
        return self._column_of.get(meeting_id, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.driver_ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.meetings)

    # ---- cells ---------------------------------------------------------------------------

    def driver_row(self, driver_id: int) -> DriverRow:
        row = self._rows.get(driver_id)
        if row is None:
            row = self._rows[driver_id] = self._build_row(driver_id)
        return row

    def _build_row(self, driver_id: int) -> DriverRow:
        season = self._document.season
        row = DriverRow()
        for assignment in self._assignments.get(driver_id, ()):
            car = season.cars.get(assignment.car_id)
            if car is None:
                continue
            for meeting in self._by_series.get(car.series, ()):
                if assignment.covers(meeting.round):
                    row.cars.setdefault(meeting.id, []).append(car)
        for clash in self._document.clashes_for_driver(driver_id):
            target = row.clashes if clash_index.severity(clash) == "clash" else row.warnings
            for meeting_id in clash_index.meeting_ids(clash):
                target.setdefault(meeting_id, []).append(clash)
        row.unavailable = self._unavailable(driver_id)
        return row

    def _unavailable(self, driver_id: int) -> dict[int, str]:
        """Meetings that fall on the driver's unavailable days, with the reason."""
        found: dict[int, str] = {}
        starts = self._meeting_starts
        for block in self._document.engine.blocks(driver_id):
            # meetings starting before the block ends, at most the longest meeting earlier
            low = bisect_left(starts, block.start - self._longest_meeting)
            for k in range(low, bisect_left(starts, block.end)):
                m_start, m_end, meeting_id = self._meeting_spans[k]
                if m_start < block.end and block.start < m_end and meeting_id not in found:
                    found[meeting_id] = block.unavailability.reason or "unavailable"
        return found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in CELL_ROLES or not index.isValid():
            return None
        driver_id = self.driver_ids[index.row()]
        meeting = self.meetings[index.column()]
        if role == Role.DRIVER_ID:
            return driver_id
        if role == Role.MEETING_ID:
            return meeting.id
        if role == Role.MONTH:
            return (meeting.start_date.year, meeting.start_date.month)
        row = self.driver_row(driver_id)
        if role == Qt.ItemDataRole.DisplayRole:
            cars = row.cars.get(meeting.id)
            return " / ".join(f"#{c.number} {c.team}" for c in cars) if cars else None
        if role == Role.CARS:
            return list(row.cars.get(meeting.id, ()))
        if role == Role.STATE:
            return self._state(row, meeting.id)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(self._state(row, meeting.id))
        if role == Qt.ItemDataRole.ForegroundRole:
            return WHITE if meeting.id in row.clashes else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(driver_id, meeting, row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(driver_id, meeting, row)
        return None

    def cell(self, row: int, column: int) -> tuple[str | None, str]:
        """(text, state) of a cell in one call: what the delegate paints."""
        meeting_id = self.meetings[column].id
        found = self.driver_row(self.driver_ids[row])
        cars = found.cars.get(meeting_id)
        text = " / ".join(f"#{c.number} {c.team}" for c in cars) if cars else None
        return text, self._state(found, meeting_id)

    def month_spans(self) -> list[tuple[int, int, tuple[int, int]]]:
        """(first column, last column, (year, month)) of each month, in column order."""
        spans: list[tuple[int, int, tuple[int, int]]] = []
        for column, meeting in enumerate(self.meetings):
            month = (meeting.start_date.year, meeting.start_date.month)
            if spans and spans[-1][2] == month:
                spans[-1] = (spans[-1][0], column, month)
            else:
                spans.append((column, column, month))
        return spans

    @staticmethod
    def _state(row: DriverRow, meeting_id: int) -> str:
        if meeting_id in row.clashes:
            return "clash"
        if meeting_id in row.warnings:
            return "warning"
        if meeting_id in row.unavailable:
            return "unavailable"
        return "entered" if meeting_id in row.cars else "free"

    @staticmethod
    def _background(state: str) -> QBrush | None:
        return {
            "clash": CLASH_BRUSH,
            "warning": WARNING_BRUSH,
            "unavailable": UNAVAILABLE_BRUSH,
            "entered": ENTERED_BRUSH,
        }.get(state)

    def _tooltip(self, driver_id: int, meeting: Meeting, row: DriverRow) -> str:
        driver = self._document.season.drivers[driver_id].name
        lines = [f"{driver} at {meeting_label(meeting)}"]
        cars = row.cars.get(meeting.id)
        lines.append(
            "Entered in " + ", ".join(f"{c.team} #{c.number}" for c in cars)
            if cars else "Not entered"
        )
        for clash in [*row.clashes.get(meeting.id, ()), *row.warnings.get(meeting.id, ())]:
            kind = clash_index.severity(clash).capitalize()
            lines.append(f"{kind}: {clash_index.message(clash)}")
        if meeting.id in row.unavailable:
            lines.append(f"Unavailable: {row.unavailable[meeting.id]}")
        return "\n".join(lines)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.driver_ids):
                return None
            driver = self._document.season.drivers[self.driver_ids[section]]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return driver.name
            if role == Role.DRIVER_ID:
                return driver.id
            return None
        if not 0 <= section < len(self.meetings):
            return None
        meeting = self.meetings[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{day_range(meeting.start_date, meeting.end_date)}\n" + (
                f"{short_series(meeting.series)} {meeting.round}"
            )
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return meeting_label(meeting)
        if role == Role.MEETING_ID:
            return meeting.id
        if role == Role.MONTH:
            return (meeting.start_date.year, meeting.start_date.month)
        return None

    # ---- refresh -------------------------------------------------------------------------

    def on_changed(self, change: ChangeSet) -> None:
        if change.assignments_only:
            self._refresh_drivers(change.driver_ids)
            return
        self.beginResetModel()
        self._build_axes()
        self.endResetModel()

    def _refresh_drivers(self, driver_ids: frozenset[int]) -> None:
        self._index_driver_rows(driver_ids)
        last = self.columnCount() - 1
        for driver_id in driver_ids:
            self._rows.pop(driver_id, None)
            row = self._row_of.get(driver_id)
            if row is not None and last >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))


def day_range(first: date, last: date) -> str:
    """"14-15 Apr", "30 Jun-1 Jul", "24 Mar"."""
    # English month names, as the sentences have them (strftime's %b follows the system locale,
    # and is ten times slower: the clash list writes this for every row)
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]}"
    if first.month == last.month:
        return f"{first.day}-{last.day} {MONTHS[last.month - 1]}"
    return f"{first.day} {MONTHS[first.month - 1]}-{last.day} {MONTHS[last.month - 1]}"


def meeting_label(meeting: Meeting) -> str:
    """"Blancpain GT Series Asia round 1, Sepang (Races 1-2), 14-15 Apr 2018"."""
    cancelled = " (cancelled)" if meeting.cancelled else ""
    return (
        f"{meeting.series} round {meeting.round}, {meeting.name}, "
        f"{day_range(meeting.start_date, meeting.end_date)} {meeting.end_date.year}{cancelled}"
    )
