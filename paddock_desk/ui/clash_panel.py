"""The clash panel: every clash and warning, sortable and filterable, with "Find substitute"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.clashes import Clash
from paddock_desk.ui.clash_filter import DEBOUNCE_MS
from paddock_desk.ui.clash_model import ClashModel, ClashRole, Column
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.substitutes_dialog import SubstitutesDialog, seats_of_clash

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet

HINT = ("Select a clash to read its explanation. Double-click it to show the meeting in the "
        "roster; Find substitute lists the drivers free to take the seat.")
SHOW_CHOICES = (("Clashes and warnings", None), ("Clashes only", "clash"),
                ("Warnings only", "warning"))


class ClashPanel(QWidget):
    """Every clash with its explanation; double-click jumps to the meeting."""

    meeting_activated = Signal(int)
    substitute_requested = Signal(object)
    """A Clash whose seat (the later commitment's car) needs another driver."""

    def __init__(self, document: SeasonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = ClashModel(document, self)
        """What the table shows (it filters and sorts itself)."""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filter)
        self._narrowed_to = ""
        self._build()
        document.changed.connect(self.on_changed)
        self.on_changed()

    def _build(self) -> None:
        self.filter_edit = QLineEdit(placeholderText="Filter by driver, series, circuit…")
        self.filter_edit.setAccessibleName("Filter clashes")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName("Show clashes or warnings")
        for label, value in SHOW_CHOICES:
            self.show_combo.addItem(label, value)
        self.show_combo.currentIndexChanged.connect(
            lambda _i: self._keeping_pick(
                lambda: self.model.set_severity(self.show_combo.currentData())))
        self.substitute_button = QPushButton("Find &substitute…")
        self.substitute_button.setAccessibleName("Find a substitute for the selected clash")
        self.substitute_button.setEnabled(False)
        self.substitute_button.clicked.connect(self.on_find_substitute)
        self.summary = QLabel()
        self.summary.setAccessibleName("Clash summary")
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.show_combo)
        bar.addWidget(self.substitute_button)
        self.table = self._build_table()
        self.detail = QLabel(HINT)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Explanation of the selected clash")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Clashes and warnings")
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.sortByColumn(Column.DATES, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(200)  # a sample of rows, fast at world scale
        for column, width in ((Column.SEVERITY, 70), (Column.DRIVER, 150), (Column.KIND, 90),
                              (Column.DATES, 110), (Column.FIRST, 230), (Column.SECOND, 230)):
            table.resizeColumnToContents(column)  # the commitments whole where they fit
            header.resizeSection(column, min(max(header.sectionSize(column), width), 380))
        table.doubleClicked.connect(self.on_double_clicked)
        table.activated.connect(self.on_double_clicked)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        return table

    # ---- reading -------------------------------------------------------------------------

    def visible_clashes(self) -> list[Clash]:
        """The clashes the panel lists now, in their shown order."""
        return self.model.visible()

    def selected_clash(self) -> Clash | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ClashRole.CLASH) if rows else None

    # ---- slots ---------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self._keeping_pick(lambda: self.model.set_filter(self.filter_edit.text()))

    def _keeping_pick(self, narrow: Callable[[], None]) -> None:
        """Narrow the list, keeping the picked clash picked while it is listed."""
        picked = self.selected_clash()
        narrow()
        if picked is not None:
            self.select_clash(picked)
        self.on_changed()  # the count listed; a reset lets the pick go without a word

    def select_clash(self, clash: Clash) -> bool:
        """Pick ``clash`` in the list (False when it is not listed)."""
        row = self.model.row_of(clash)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)  # a single row picked: the others let go
        self.table.scrollTo(index)
        return True

    def set_drivers(self, driver_ids: frozenset[int] | None, label: str = "") -> None:
        """List only these drivers' clashes; ``label`` names them in the summary."""
        self._narrowed_to = label if driver_ids is not None else ""
        self._keeping_pick(lambda: self.model.set_drivers(driver_ids))

    def on_changed(self, _change: ChangeSet | None = None) -> None:
        clashes, warnings = self.model.counts()
        text = (f"{clashes:,} clash{'es' if clashes != 1 else ''}, "
                f"{warnings:,} warning{'s' if warnings != 1 else ''}")
        shown = self.model.rowCount()
        if self._narrowed_to:
            text += f" in the season; {shown:,} listed for {self._narrowed_to}"
        elif shown != clashes + warnings:
            text += f" in the season; {shown:,} listed"
        elif not clashes and not warnings:
            text += ": every driver can keep every commitment"
        self.summary.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        clash = self.selected_clash()
        self.substitute_button.setEnabled(clash is not None and clash.severity == "clash")
        self.detail.setText(HINT if clash is None else clash.message)

    def on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.meeting_activated.emit(index.data(ClashRole.MEETING_ID))

    def on_find_substitute(self) -> None:
        clash = self.selected_clash()
        if clash is not None:
            self.substitute_requested.emit(clash)
            self.substitutes_dialog(clash).exec()

    def substitutes_dialog(self, clash: Clash) -> SubstitutesDialog:
        """The ranked substitutes for the seats of ``clash`` (not yet shown)."""
        dialog = SubstitutesDialog(self.document, seats_of_clash(clash), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog
