"""The roster's table: accepts dropped drivers, reports hovering drags, Delete removes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from paddock_desk.ui.driver_list import driver_from_mime


class RosterTable(QTableView):
    """The table: accepts dropped drivers and reports them with the cell they fell on."""

    driver_dropped = Signal(int, QModelIndex)
    driver_hovered = Signal(int, QModelIndex)
    """A dragged driver is over a cell (for a preview of what dropping would do)."""
    drag_left = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.remove_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if driver_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        driver_id = driver_from_mime(event.mimeData())
        if index.isValid() and driver_id is not None:
            event.acceptProposedAction()
            self.driver_hovered.emit(driver_id, index)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drag_left.emit()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        driver_id = driver_from_mime(event.mimeData())
        index = self.indexAt(event.position().toPoint())
        if driver_id is None or not index.isValid():
            event.ignore()
            return
        event.acceptProposedAction()
        self.drag_left.emit()
        self.driver_dropped.emit(driver_id, index)
