"""Keeping the user's place while other staff's changes arrive, and saying what changed.

When the document applies a commit made elsewhere, the views refresh as after an edit; this
module notes the roster's selected cell, the clash list's selected clash and the scroll bars
first, and puts them back afterwards, so a person reading the season is not thrown around. The
status bar then says what changed ("3 meetings changed by another user."), and while a database
opens it shows a busy progress bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QProgressBar

from paddock_desk.ui.clash_model import ClashRole
from paddock_desk.ui.roster_model import Role

if TYPE_CHECKING:
    from paddock_desk.ui.main_window import MainWindow

MESSAGE_MS = 10_000


@dataclass(frozen=True)
class Place:
    """Where the user is: the roster's current cell, the clash list's current clash, scrolls."""

    roster_cell: tuple[int, int] | None
    roster_scroll: tuple[int, int]
    clash: str | None
    clash_scroll: tuple[int, int]


def _scroll(view: QAbstractItemView) -> tuple[int, int]:
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def _set_scroll(view: QAbstractItemView, values: tuple[int, int]) -> None:
    view.horizontalScrollBar().setValue(values[0])
    view.verticalScrollBar().setValue(values[1])


def note_place(window: MainWindow) -> Place:
    roster = window.roster.table
    current = roster.currentIndex()
    cell = None
    if current.isValid():
        driver, meeting = current.data(Role.DRIVER_ID), current.data(Role.MEETING_ID)
        if driver is not None and meeting is not None:
            cell = (int(driver), int(meeting))
    clashes = window.clash_panel.table
    selected = clashes.currentIndex()
    clash = selected.siblingAtColumn(0).data(ClashRole.CLASH) if selected.isValid() else None
    return Place(cell, _scroll(roster), clash.message if clash is not None else None,
                 _scroll(clashes))


def restore_place(window: MainWindow, place: Place) -> None:
    roster = window.roster.table
    if place.roster_cell is not None:
        index = window.roster.cell(*place.roster_cell)
        if index.isValid():
            _select(roster, index)
    _set_scroll(roster, place.roster_scroll)
    clashes = window.clash_panel.table
    if place.clash is not None:
        model = clashes.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            found = index.data(ClashRole.CLASH)
            if found is not None and found.message == place.clash:
                _select(clashes, index)
                break
    _set_scroll(clashes, place.clash_scroll)


def _select(view: QAbstractItemView, index: QModelIndex) -> None:
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
        flags |= QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(index, flags)


class LiveView(QObject):
    """Connects one main window to its document's outside changes and loading messages.

    A child of the window: once the window is gone, the document's signals reach it no more.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._place: Place | None = None
        self._disabled: list[QAction] = []
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a season is being read
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Opening the season")
        self.progress.hide()
        self.database = QLabel()
        self.database.setAccessibleName("Open database")
        window.statusBar().addPermanentWidget(self.progress)
        window.statusBar().addPermanentWidget(self.database)
        document = window.document
        document.opened.connect(self.show_database)
        self.show_database()
        document.outside_changing.connect(self.on_changing)
        document.outside_changed.connect(self.on_changed)
        document.loading.connect(self.on_loading)

    def show_database(self) -> None:
        """Name the open database in the status bar (its full URL, no password, as the tip)."""
        document = self.window.document
        self.database.setText(f"Database: {document.name}" if document.name else "")
        self.database.setToolTip(document.url)

    def on_changing(self) -> None:
        self._place = note_place(self.window)

    def on_changed(self, sentence: str) -> None:
        if self._place is not None:
            restore_place(self.window, self._place)
            self._place = None
        self.window.statusBar().showMessage(sentence, MESSAGE_MS)

    def on_loading(self, message: str) -> None:
        self.progress.setVisible(bool(message))
        self.progress.setToolTip(message)
        self.show_database()
        if message:
            self.window.statusBar().showMessage(message)
        else:
            self.window.statusBar().clearMessage()
        if not self.window.document.is_open:
            self._wait_for_first_season(message)

    def _wait_for_first_season(self, message: str) -> None:
        """Nothing is open yet: say what is opening, and keep edits away until it is."""
        window = self.window
        busy = bool(message)
        if busy:
            for page in (window.month_page, window.season_page):
                page.details.setText(message)
            window.roster.empty_hint.setText(message)
            self._disabled = [a for a in self._season_actions() if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(not busy)
        window.tabs.setEnabled(not busy)
        window.side.setEnabled(not busy)

    def _season_actions(self) -> list[QAction]:
        """What needs an open season: import, export, reload and the Edit menu's entries."""
        acts = self.window.actions_by_name
        found = [acts[n] for n in ("import", "export", "reload") if n in acts]
        for top in self.window.menuBar().actions():
            menu = top.menu()
            if top.text() == "&Edit" and isinstance(menu, QMenu):
                found += [a for a in menu.actions()
                          if not a.isSeparator() and a not in (acts.get("undo"), acts.get("redo"))]
        return found


def attach(window: MainWindow) -> Any:
    """Give ``window`` its live view (kept on the window as ``live``)."""
    window.live = LiveView(window)  # type: ignore[attr-defined]
    return window.live  # type: ignore[attr-defined]
