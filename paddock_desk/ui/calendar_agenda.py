"""The agenda: every session of the meetings shown, day by day, with its time at the circuit and
at home side by side (the viewer's zone, or the filtered driver's home zone).

A meeting without sessions has one all-day row. Rows are the (meeting, session) pairs in date
order, built once per change; the texts are written when a row is painted (world-scale
seasons have tens of thousands of sessions).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from paddock_desk.domain.model import Meeting, Season, Session, zone
from paddock_desk.ui.calendar_data import (
    date_range_text,
    series_colour,
    session_label,
    viewer_zone,
)
from paddock_desk.ui.clash_marks import WARNING, MeetingMarks

Index = QModelIndex | QPersistentModelIndex
MEETING_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    DAY = 0
    LOCAL = 1
    HOME = 2
    SESSION = 3
    MEETING = 4
    CIRCUIT = 5
    CLASH = 6


@dataclass(frozen=True, slots=True)
class AgendaRow:
    meeting: Meeting
    session: Session | None
    day: date
    """The local day at the circuit."""
    start: datetime | None


def agenda_rows(season: Season, meetings: list[Meeting]) -> list[AgendaRow]:
    """Sessions of ``meetings`` (all-day rows for meetings without any), by local day, start."""
    by_meeting: dict[int, list[Session]] = {}
    wanted = {m.id for m in meetings}
    for s in season.sessions.values():
        if s.meeting_id in wanted:
            by_meeting.setdefault(s.meeting_id, []).append(s)
    rows: list[AgendaRow] = []
    for m in meetings:
        sessions = by_meeting.get(m.id)
        if not sessions:
            rows.append(AgendaRow(m, None, m.start_date, None))
            continue
        here = zone(m.circuit.tz)
        rows += [AgendaRow(m, s, s.start.astimezone(here).date(), s.start) for s in sessions]
    rows.sort(key=lambda r: (r.day, r.start or datetime.min.replace(tzinfo=zone("UTC")),
                             r.meeting.series))
    return rows


def _times(session: Session, tz: tzinfo) -> str:
    start, end = session.start.astimezone(tz), session.end.astimezone(tz)
    return f"{start:%a %d %b %H:%M}-{end:%H:%M} {start.tzname()}"


class AgendaModel(QAbstractTableModel):
    """The agenda's rows; the home zone is the second time column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._season = Season()
        self._rows: list[AgendaRow] = []
        self._marks = MeetingMarks()
        self._home: tzinfo = viewer_zone()
        self._home_label = "Your time"
        self._icons: dict[str, QIcon] = {}

    def set_rows(self, season: Season, meetings: list[Meeting], marks: MeetingMarks) -> None:
        self.beginResetModel()
        self._season, self._marks = season, marks
        self._rows = agenda_rows(season, meetings)
        self.endResetModel()

    def set_home(self, home: tzinfo, label: str) -> None:
        self._home, self._home_label = home, label
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, Column.HOME, Column.HOME)
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.HOME),
                                  self.index(len(self._rows) - 1, Column.HOME))

    def row_of_day(self, day: date) -> int:
        """The first row on or after ``day`` (the last row when none is)."""
        days = [r.day for r in self._rows]
        return min(bisect_left(days, day), max(len(self._rows) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return ("Day", "At the circuit", self._home_label, "Session", "Meeting", "Circuit",
                "Clash")[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == MEETING_ROLE:
            return row.meeting.id
        if role == Qt.ItemDataRole.DecorationRole and index.column() == Column.MEETING:
            return self._icon(series_colour(self._season, row.meeting.series))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == Column.CLASH:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.FontRole and row.session is not None:
            return _struck() if row.session.cancelled and index.column() != Column.DAY else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, Column(index.column()))
        return None

    def _text(self, row: AgendaRow, column: Column) -> str:
        m, s = row.meeting, row.session
        if column == Column.DAY:
            return f"{row.day:%a %d %b %Y}"
        if column == Column.LOCAL:
            return _times(s, zone(m.circuit.tz)) if s else f"all day, {date_range_text(m)}"
        if column == Column.HOME:
            return _times(s, self._home) if s else ""
        if column == Column.SESSION:
            if s is None:
                return "(no sessions yet)"
            return session_label(s.name) + (" (cancelled)" if s.cancelled else "")
        if column == Column.MEETING:
            return f"{m.series} {m.round}: {m.name}" + (" (cancelled)" if m.cancelled else "")
        if column == Column.CIRCUIT:
            return m.circuit.name
        clashes = self._marks.count_at(m.id)
        if clashes:
            return f"\u26a0 {clashes:,} clash{'es' if clashes != 1 else ''}"
        warnings = self._marks.count_at(m.id, WARNING)
        return f"{warnings:,} warning{'s' if warnings != 1 else ''}" if warnings else ""

    def _icon(self, colour: str) -> QIcon:
        found = self._icons.get(colour)
        if found is None:
            pixmap = QPixmap(10, 10)
            pixmap.fill(QColor(colour))
            found = self._icons[colour] = QIcon(pixmap)
        return found


def _struck() -> QFont:
    """The font of a cancelled session's cells: struck through."""
    font = QFont()
    font.setStrikeOut(True)
    return font


class AgendaView(QWidget):
    """The agenda as a table; Enter or a double-click opens the meeting."""

    meeting_selected = Signal(int)
    meeting_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AgendaModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Agenda: sessions by day")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((Column.DAY, 120), (Column.LOCAL, 200), (Column.HOME, 200),
                              (Column.SESSION, 130), (Column.MEETING, 300), (Column.CIRCUIT, 220)):
            header.resizeSection(column, width)
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.setFocusProxy(self.table)

    def showEvent(self, event: QShowEvent) -> None:
        """Bring the current row to the top once the table has its size."""
        super().showEvent(event)
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtTop)

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.meeting_selected.emit(current.data(MEETING_ROLE))

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.meeting_activated.emit(index.data(MEETING_ROLE))

    def go_to_day(self, day: date) -> None:
        row = self.model.row_of_day(day)
        if self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
            self.table.setCurrentIndex(index)

    def show_meeting(self, meeting_id: int) -> None:
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(MEETING_ROLE) == meeting_id:
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                self.table.setCurrentIndex(index)
                return
