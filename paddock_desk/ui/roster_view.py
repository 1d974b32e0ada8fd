"""The roster: a driver list to drag from, and the drivers x meetings table to drop onto.

Drop a driver on a cell to enter them in that cell's car for that meeting's round (in an empty
cell: in a car of that series, chosen from a menu when there are several). The context menu
enters and removes; Delete removes the row's driver from the selected cells in one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.clashes import Clash
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Car, Meeting
from paddock_desk.ui import clash_index, lineup_marks
from paddock_desk.ui import roster_actions as actions
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.driver_list import DRIVER_ID_ROLE, DriverListModel
from paddock_desk.ui.lineup_watch import lineup_watch
from paddock_desk.ui.month_header import MonthHeader
from paddock_desk.ui.roster_model import Role, RosterModel
from paddock_desk.ui.roster_table import RosterTable
from paddock_desk.ui.substitutes_dialog import SeatChoice, SubstitutesDialog

if TYPE_CHECKING:
    from paddock_desk.services.editing import Edit

CELL_WIDTH = 104
NO_MEETINGS = ("No meetings yet. Import a series' calendar with File > Import (Ctrl+I), or add "
               "meetings with Edit > Meetings (Ctrl+Shift+M).")
NO_DRIVERS = ("No drivers yet. Add them with Edit > Drivers (Ctrl+Shift+D) or import a drivers "
              "or roster CSV with File > Import (Ctrl+I); then drag them onto the meetings "
              "they race.")
ROW_HEIGHT = 22


class RosterView(QWidget):
    """Drivers against meetings, with a driver list to drag from."""

    meeting_activated = Signal(int)
    substitute_requested = Signal(int, int)
    """(meeting id, car id): the user asked for a substitute for that seat."""

    def __init__(self, document: SeasonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = RosterModel(document, self)
        self.drivers = DriverListModel(document, self)
        self._filter: tuple[set[int] | None, set[int] | None] = (None, None)
        self._build()
        self.model.modelReset.connect(self._apply_filter)
        self.model.modelReset.connect(self._update_empty_hint)
        self._update_empty_hint()

    # ---- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.driver_filter = QLineEdit(placeholderText="Find a driver…")
        self.driver_filter.setAccessibleName("Find a driver to drag")
        self.driver_filter.setClearButtonEnabled(True)
        self.driver_proxy = QSortFilterProxyModel(self)
        self.driver_proxy.setSourceModel(self.drivers)
        self.driver_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.driver_filter.textChanged.connect(self.driver_proxy.setFilterFixedString)
        self.driver_list = QListView()
        self.driver_list.setModel(self.driver_proxy)
        self.driver_list.setDragEnabled(True)
        self.driver_list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.driver_list.setAccessibleName("Drivers (drag onto a roster cell to enter them)")
        self.driver_list.setUniformItemSizes(True)
        hint = QLabel("Drag a driver onto a roster cell to enter them in that car.")
        hint.setWordWrap(True)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.driver_filter, self.driver_list, hint):
            column.addWidget(widget)
        self.preview = QLabel()
        self.preview.setAccessibleName("What dropping the driver here would do")
        self.preview.setWordWrap(True)
        self.preview.hide()
        self.table = self._build_table()
        self.message = QLabel()
        self.message.setAccessibleName("Roster message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.empty_hint = QLabel()
        self.empty_hint.setAccessibleName("How to fill the roster")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setMargin(8)
        right = QWidget()
        stack = QVBoxLayout(right)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addWidget(self.empty_hint)
        stack.addWidget(self.message)
        stack.addWidget(self.preview)
        stack.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _build_table(self) -> RosterTable:
        table = RosterTable()
        table.setAccessibleName("Roster: drivers in rows, meetings in columns")
        table.setHorizontalHeader(MonthHeader(table))
        table.setModel(self.model)
        lineup_marks.install(table, self.model, self.document)
        table.setWordWrap(False)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        table.verticalHeader().setMinimumWidth(170)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.on_context_menu)
        table.driver_dropped.connect(self.drop_driver)
        table.driver_hovered.connect(self.preview_drop)
        table.drag_left.connect(self.preview.hide)
        table.horizontalHeader().sectionDoubleClicked.connect(
            lambda column: self.edit_entry("meetings", self.model.meetings[column].id)
        )
        table.verticalHeader().sectionDoubleClicked.connect(
            lambda row: self.edit_entry("drivers", self.model.driver_ids[row])
        )
        table.doubleClicked.connect(self.on_double_clicked)
        table.remove_requested.connect(self.remove_selected)
        return table

    def _update_empty_hint(self) -> None:
        """Say how to start when the season has no drivers or no meetings to show."""
        text = ""
        if not self.model.meetings:
            text = NO_MEETINGS
        elif not self.model.driver_ids:
            text = NO_DRIVERS
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(bool(text))

    # ---- cells ---------------------------------------------------------------------------

    def cell(self, driver_id: int, meeting_id: int) -> QModelIndex:
        """The table index of a driver at a meeting (invalid when either is unknown)."""
        row = self.model.row_of_driver(driver_id)
        column = self.model.column_of_meeting(meeting_id)
        return self.model.index(row, column) if row >= 0 and column >= 0 else QModelIndex()

    def show_meeting(self, meeting_id: int) -> None:
        """Scroll to a meeting's column and select the cell of a driver clashing there.

        Without a clash there, the current driver's row is kept (the first row when none).
        """
        column = self.model.column_of_meeting(meeting_id)
        if column < 0:
            return
        clashes = [c for c in self.document.clashes_for_meeting(meeting_id)
                   if not self.table.isRowHidden(self.model.row_of_driver(c.driver.id))]
        rows = [self.model.row_of_driver(c.driver.id) for c in clashes]
        row = min(rows) if rows else max(self.table.currentIndex().row(), 0)
        index = self.model.index(row, column)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._bring_into_view(row, [c for c in clashes
                                    if self.model.row_of_driver(c.driver.id) == row])
        self.table.setCurrentIndex(index)

    def _bring_into_view(self, row: int, clashes: list[Clash]) -> None:
        """Scroll so that the other side of each clash shows too, where the width allows."""
        columns = sorted({self.model.column_of_meeting(m) for c in clashes
                          for m in clash_index.meeting_ids(c)} - {-1})
        if len(columns) < 2:
            return
        ensure = QAbstractItemView.ScrollHint.EnsureVisible
        self.table.scrollTo(self.model.index(row, columns[-1]), ensure)
        self.table.scrollTo(self.model.index(row, columns[0]), ensure)

    def set_filter(
        self, driver_ids: set[int] | None = None, meeting_ids: set[int] | None = None
    ) -> None:
        """Show only these drivers' rows and these meetings' columns (None: all of them)."""
        self._filter = (driver_ids, meeting_ids)
        self._apply_filter()

    def _apply_filter(self) -> None:
        driver_ids, meeting_ids = self._filter
        for row, driver_id in enumerate(self.model.driver_ids):
            self.table.setRowHidden(row, driver_ids is not None and driver_id not in driver_ids)
        for column, meeting in enumerate(self.model.meetings):
            hide = meeting_ids is not None and meeting.id not in meeting_ids
            self.table.setColumnHidden(column, hide)

    def _meeting(self, index: QModelIndex) -> Meeting:
        return self.document.season.meetings[index.data(Role.MEETING_ID)]

    # ---- editing -------------------------------------------------------------------------

    def execute(self, edit: Edit) -> bool:
        """Run an edit; a refusal is shown above the table instead of raised."""
        try:
            self.document.execute(edit)
        except PaddockError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return False
        self.message.hide()
        return True

    def drop_driver(self, driver_id: int, index: QModelIndex) -> None:
        """Enter the dropped driver in the cell's car (or a car of the series) for that round."""
        meeting = self._meeting(index)
        cars: list[Car] = index.data(Role.CARS) or actions.series_cars(
            self.document, meeting.series
        )
        if not cars:
            self.message.setText(f"{meeting.series} has no cars yet: add one first.")
            self.message.show()
            return
        car = cars[0] if len(cars) == 1 else self._choose_car(cars)
        if car is not None:
            self.execute(actions.enter_edit(self.document, driver_id, car, meeting))

    def preview_drop(self, driver_id: int, index: QModelIndex) -> None:
        """Say, while dragging, what dropping here would do and whether it adds a clash."""
        meeting, cars = self._meeting(index), index.data(Role.CARS) or []
        rules = lineup_watch(self.document).preview(driver_id, meeting, cars)
        self.preview.setText(" ".join(
            t for t in (drop_preview(self.document, driver_id, meeting, cars), rules) if t))
        self.preview.show()

    def edit_entry(self, kind: str, row_id: int) -> None:
        """Open the edit dialog of a meeting (column header) or driver (row header)."""
        from paddock_desk.ui.dialogs.entity_dialog import EntityDialog

        dialog = EntityDialog(self.document, kind, row_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _choose_car(self, cars: list[Car]) -> Car | None:
        menu = QMenu(self)
        for car in cars:
            menu.addAction(actions.car_label(car)).setData(car.id)
        chosen = menu.exec(self.cursor().pos())
        if chosen is None:
            return None
        return self.document.season.cars.get(chosen.data())

    def remove_selected(self) -> None:
        """Take each selected cell's driver out of that cell's cars for that round."""
        by_driver: dict[int, list[tuple[Car, Meeting]]] = {}
        for index in self.table.selectionModel().selectedIndexes():
            for car in index.data(Role.CARS) or ():
                by_driver.setdefault(index.data(Role.DRIVER_ID), []).append(
                    (car, self._meeting(index))
                )
        if not by_driver:
            return
        from paddock_desk.services.editing import EditGroup

        edits = [actions.remove_edit(self.document, d, cells) for d, cells in by_driver.items()]
        edit = edits[0] if len(edits) == 1 else EditGroup(edits, text="Remove from rounds")
        self.execute(edit)

    def on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.meeting_activated.emit(index.data(Role.MEETING_ID))

    # ---- context menu --------------------------------------------------------------------

    def on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():  # the menu key: the current cell
            index = self.table.currentIndex()
            pos = self.table.visualRect(index).center()
        if index.isValid():
            self.context_menu(index).exec(self.table.viewport().mapToGlobal(pos))

    def listed_driver(self) -> int | None:
        """The driver chosen in the driver list (to enter from the keyboard), if any."""
        index = self.driver_list.currentIndex()
        return index.data(DRIVER_ID_ROLE) if index.isValid() else None

    def context_menu(self, index: QModelIndex) -> QMenu:
        """The menu of a cell: remove from its cars, enter in another car, find a substitute."""
        menu = QMenu(self)
        driver_id: int = index.data(Role.DRIVER_ID)
        meeting = self._meeting(index)
        name = self.document.season.drivers[driver_id].name
        entered: list[Car] = index.data(Role.CARS) or []
        for car in entered:
            self._add(menu, f"Remove {name} from {actions.car_label(car)} for round "
                      f"{meeting.round}", lambda c=car: self.execute(
                          actions.remove_edit(self.document, driver_id, [(c, meeting)])))
            self._add(menu, f"Remove {name} from {actions.car_label(car)} for every round",
                      lambda c=car: self.execute(
                          actions.remove_everywhere_edit(self.document, driver_id, c)))
        listed = self.listed_driver()
        if listed is not None and listed != driver_id and entered:
            other = self.document.season.drivers[listed].name
            for car in entered:
                self._add(menu, f"Enter {other} in {actions.car_label(car)} for round "
                          f"{meeting.round}", lambda c=car: self.execute(
                              actions.enter_edit(self.document, listed, c, meeting)))
        others = [c for c in actions.series_cars(self.document, meeting.series)
                  if c not in entered]
        if others:
            enter = menu.addMenu(f"Enter {name} for {meeting.series} round {meeting.round} in")
            for car in others:
                self._add(enter, actions.car_label(car), lambda c=car: self.execute(
                    actions.enter_edit(self.document, driver_id, c, meeting)))
        if entered and index.data(Role.STATE) == "clash":
            menu.addSeparator()
            for car in entered:
                self._add(menu, f"Find a substitute for {actions.car_label(car)}…",
                          lambda c=car: self.find_substitute(driver_id, meeting, c))
        return menu

    def find_substitute(self, driver_id: int, meeting: Meeting, car: Car) -> None:
        self.substitute_requested.emit(meeting.id, car.id)
        self.substitutes_dialog(driver_id, meeting, car).exec()

    def substitutes_dialog(self, driver_id: int, meeting: Meeting, car: Car) -> SubstitutesDialog:
        """The ranked substitutes for ``driver_id``'s seat in ``car`` at ``meeting``."""
        dialog = SubstitutesDialog(self.document, [SeatChoice(meeting, car, driver_id)], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    @staticmethod
    def _add(menu: QMenu, text: str, slot: Any) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action


def drop_preview(document: SeasonDocument, driver_id: int, meeting: Meeting,
                 cars: list[Car]) -> str:
    """"Drop to enter X in #18 KCMG for Blancpain GT Series Asia round 1: free." (or clashes)."""
    name = document.season.drivers[driver_id].name
    where = (actions.car_label(cars[0]) if len(cars) == 1
             else "a car of " + meeting.series)
    head = f"Drop to enter {name} in {where} for {meeting.series} round {meeting.round}"
    if document.engine.is_entered(driver_id, meeting.id):
        return f"{head}: already entered at this meeting."
    gained = document.engine.clashes_if_entered(driver_id, meeting.id)
    clashes = [c for c in gained if c.severity == "clash"]
    if clashes:
        return f"{head}: would clash. " + " ".join(c.message for c in clashes)
    if gained:
        return f"{head}: free (warning: {gained[0].message})"
    return f"{head}: free, no clash."

