"""The Line-ups tab: every line-up rule breach and document finding, one sentence each.

Breaches come first (by series, meeting, team, car), then documents (by driver, meeting), as
``paddock-desk lineups`` lists them. Double-click a row to show its meeting in the roster; the
buttons open the rules and documents lists to edit them.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.explain import round_label
from paddock_desk.domain.lineup_rules import DocumentFinding, LineupBreach
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.lineup_marks import RULE_VIOLET
from paddock_desk.ui.lineup_watch import LineupWatch, lineup_watch

Index = QModelIndex | QPersistentModelIndex
Finding = LineupBreach | DocumentFinding
MEETING_ROLE = Qt.ItemDataRole.UserRole + 1
HINT = ("Cars whose drivers break a rule of their class at a meeting (marked violet in the "
        "roster), then documents that expire before a meeting or within 30 days of it. "
        "Double-click a row to show the meeting in the roster.")
WARNING_BRUSH = QBrush(QColor("#f9a825"))


class Column(IntEnum):
    SEVERITY = 0
    WHO = 1
    MEETING = 2
    MESSAGE = 3


HEADERS = ("Severity", "Car or driver", "Meeting", "Finding")


class LineupFindingsModel(QAbstractTableModel):
    """The watch's findings as rows (read when the watch changes)."""

    def __init__(self, watch: LineupWatch, parent: Any = None) -> None:
        super().__init__(parent)
        self._watch = watch
        self.findings: list[Finding] = []
        self.driver_id: int | None = None
        self.reload()
        watch.changed.connect(self.reload)

    def set_driver(self, driver_id: int | None) -> None:
        """Show only the findings of one driver (their cars' breaches, their documents)."""
        self.driver_id = driver_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        found: list[Finding] = [*self._watch.breaches(), *self._watch.documents]
        if self.driver_id is not None:
            found = [f for f in found if self.driver_id in _driver_ids(f)]
        self.findings = found
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        finding = self.findings[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell_text(finding, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole:
            return finding.message
        if role == MEETING_ROLE:
            return finding.meeting.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == Column.SEVERITY:
            return QBrush(RULE_VIOLET) if isinstance(finding, LineupBreach) else None
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == Column.SEVERITY:
            return WARNING_BRUSH if finding.severity == "warning" else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None


def _driver_ids(finding: Finding) -> set[int]:
    if isinstance(finding, LineupBreach):
        return {d.id for d in finding.drivers}
    return {finding.driver.id}


def cell_text(finding: Finding, column: Column) -> str:
    meeting = finding.meeting
    if column == Column.SEVERITY:
        what = "line-up" if isinstance(finding, LineupBreach) else finding.document.name
        return f"{finding.severity} ({what})"
    if column == Column.WHO:
        if isinstance(finding, LineupBreach):
            return f"{finding.car.team} #{finding.car.number} ({finding.car.car_class})"
        return finding.driver.name
    if column == Column.MEETING:
        return f"{round_label(meeting.series, meeting.round)}, {meeting.start_date:%d %b %Y}"
    return finding.message


class LineupPanel(QWidget):
    """Every finding; double-click jumps to its meeting."""

    meeting_activated = Signal(int)

    def __init__(self, document: SeasonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tabs: QTabWidget | None = None
        """The tab widget holding this panel (:func:`install_tab`), titled with its count."""
        self.tab_index = -1
        self.watch = lineup_watch(document)
        self.model = LineupFindingsModel(self.watch, self)
        self.table = QTableView()
        self.table.setAccessibleName("Line-up breaches and document findings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activated)
        self.summary = QLabel()
        self.summary.setAccessibleName("Line-up findings count")
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        self.rules_button = QPushButton("Line-up &rules…")
        self.rules_button.clicked.connect(lambda: self._open_list("lineup_rules"))
        self.documents_button = QPushButton("Driver &documents…")
        self.documents_button.clicked.connect(lambda: self._open_list("documents"))
        self.driver_combo = QComboBox()
        self.driver_combo.setAccessibleName("Show the findings of one driver")
        self.driver_combo.currentIndexChanged.connect(
            lambda _i: self.model.set_driver(self.driver_combo.currentData())
        )
        self._fill_drivers()
        document.changed.connect(self._on_document_changed)  # a method: gone with the panel
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(QLabel("&Driver:", buddy=self.driver_combo))
        buttons.addWidget(self.driver_combo)
        buttons.addWidget(self.rules_button)
        buttons.addWidget(self.documents_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        self.watch.changed.connect(self._update_summary)
        self._update_summary()

    def _on_document_changed(self, _change: object) -> None:
        self._fill_drivers()

    def _fill_drivers(self) -> None:
        """Every driver, by name, after "All drivers" (keeping the one chosen)."""
        chosen = self.driver_combo.currentData()
        self.driver_combo.blockSignals(True)
        self.driver_combo.clear()
        self.driver_combo.addItem("All drivers", None)
        for driver in sorted(self.document.season.drivers.values(), key=lambda d: d.name):
            self.driver_combo.addItem(driver.name, driver.id)
        self.driver_combo.setCurrentIndex(max(self.driver_combo.findData(chosen), 0))
        self.driver_combo.blockSignals(False)

    def _update_summary(self) -> None:
        breaches = self.watch.count()
        clashes = sum(1 for d in self.watch.documents if d.severity == "clash")
        warnings = len(self.watch.documents) - clashes
        self.summary.setText(
            f"{breaches} line-up breach{'es' if breaches != 1 else ''}, "
            f"{clashes} expired document{'s' if clashes != 1 else ''}, "
            f"{warnings} expiring soon"
        )

    def retitle_tab(self) -> None:
        """The tab says how many findings there are ("Line-ups (3)")."""
        if self.tabs is None:
            return
        found = self.watch.count() + len(self.watch.documents)
        self.tabs.setTabText(self.tab_index, f"Line-&ups ({found})" if found else "Line-&ups")

    def _activated(self, index: QModelIndex) -> None:
        meeting_id = index.data(MEETING_ROLE)
        if meeting_id is not None:
            self.meeting_activated.emit(meeting_id)

    def _open_list(self, kind: str) -> None:
        from paddock_desk.ui.edit_actions import open_entity_list

        open_entity_list(self.document, kind, self)


def install_tab(tabs: QTabWidget, document: SeasonDocument) -> LineupPanel:
    """Add the Line-ups tab (after the others) and return its panel."""
    panel = LineupPanel(document)
    panel.tab_index = tabs.addTab(panel, "Line-&ups")
    panel.tabs = tabs
    panel.watch.changed.connect(panel.retitle_tab)  # a method: gone with the panel
    panel.retitle_tab()
    return panel
