"""Every clash and warning of the season as a table, one row each, with its explanation."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from paddock_desk.domain.clashes import Clash
from paddock_desk.domain.commitments import Block, Commitment
from paddock_desk.services.editing import ChangeSet
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.roster_model import day_range

Index = QModelIndex | QPersistentModelIndex

KIND_LABELS = {
    "overlap": "Overlap",
    "travel": "Travel",
    "unavailable": "Unavailable",
    "double_duty": "Double duty",
}


class Column(IntEnum):
    SEVERITY = 0
    DRIVER = 1
    KIND = 2
    DATES = 3
    FIRST = 4
    SECOND = 5
    EXPLANATION = 6


HEADERS = {
    Column.SEVERITY: "Severity",
    Column.DRIVER: "Driver",
    Column.KIND: "Kind",
    Column.DATES: "Dates",
    Column.FIRST: "First commitment",
    Column.SECOND: "Second commitment",
    Column.EXPLANATION: "Explanation",
}


class ClashRole(IntEnum):
    CLASH = Qt.ItemDataRole.UserRole + 1
    """The Clash behind the row."""
    MEETING_ID = Qt.ItemDataRole.UserRole + 2
    """The first meeting the clash names (the one a double-click jumps to)."""
    SORT = Qt.ItemDataRole.UserRole + 3
    SEVERITY = Qt.ItemDataRole.UserRole + 4


def commitment_label(item: Commitment | Block) -> str:
    """"Blancpain GT Series Asia 1, Sepang (Races 1-2)" or "unavailable: holiday"."""
    if isinstance(item, Block):
        reason = item.unavailability.reason or "unavailable"
        return f"Unavailable ({reason}), {day_range(item.first_day, item.last_day)}"
    meeting = item.meeting
    return f"{meeting.series} {meeting.round}, {meeting.name}"


class ClashModel(QAbstractTableModel):
    """The document's clashes, refreshed whenever the document changes."""

    def __init__(self, document: SeasonDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._clashes: list[Clash] = list(document.clashes)
        document.changed.connect(self.on_changed)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clashes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def clash(self, row: int) -> Clash:
        return self._clashes[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clashes):
            return None
        clash = self._clashes[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(clash, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return clash.message
        if role == ClashRole.SORT:
            return self._sort_value(clash, column)
        if role == ClashRole.CLASH:
            return clash
        if role == ClashRole.MEETING_ID:
            return clash.first.meeting.id
        if role == ClashRole.SEVERITY:
            return clash.severity
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.SEVERITY:
            return QBrush(QColor("#c62828" if clash.severity == "clash" else "#b26a00"))
        return None

    @staticmethod
    def _text(clash: Clash, column: Column) -> str:
        if column == Column.SEVERITY:
            return "Clash" if clash.severity == "clash" else "Warning"
        if column == Column.DRIVER:
            return clash.driver.name
        if column == Column.KIND:
            return KIND_LABELS.get(clash.kind, clash.kind.replace("_", " ").capitalize())
        if column == Column.DATES:
            meeting = clash.first.meeting
            return f"{day_range(meeting.start_date, meeting.end_date)} {meeting.end_date.year}"
        if column == Column.FIRST:
            return commitment_label(clash.first)
        if column == Column.SECOND:
            return commitment_label(clash.second)
        return clash.message

    def _sort_value(self, clash: Clash, column: Column) -> Any:
        if column == Column.DATES:
            return clash.first.start
        if column == Column.SEVERITY:
            return 0 if clash.severity == "clash" else 1
        return self._text(clash, column).casefold()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[Column(section)]
        return None

    def on_changed(self, _change: ChangeSet) -> None:
        clashes = list(self._document.clashes)
        if clashes == self._clashes:
            return
        self.beginResetModel()
        self._clashes = clashes
        self.endResetModel()

    def counts(self) -> tuple[int, int]:
        """(clashes, warnings)."""
        clashes = sum(1 for c in self._clashes if c.severity == "clash")
        return clashes, len(self._clashes) - clashes
