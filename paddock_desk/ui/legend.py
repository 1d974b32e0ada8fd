"""The series legend: each series' colour, its meeting count, and a box to show or hide it.

Series are listed by name; dragging one (or Ctrl+Up / Ctrl+Down on the picked one) puts them
in the user's order, which the season view's lanes follow and each database remembers
(:mod:`paddock_desk.ui.view_state`). "Order by name" in its context menu puts them back.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from paddock_desk.domain.model import Season
from paddock_desk.ui.calendar_data import series_colour
from paddock_desk.ui.calendar_paint import bar_fill

SERIES_ROLE = Qt.ItemDataRole.UserRole + 1


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class SeriesLegend(QListWidget):
    """Series by name (or as dragged); unchecking one hides it in every view."""

    hidden_changed = Signal(frozenset)
    order_changed = Signal(list)
    """The series in the order the user put them in (by drag or Ctrl+Up/Down)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Series legend")
        self.setAccessibleDescription("Tick a series to show it in the views, untick to hide it")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self._hidden: frozenset[str] = frozenset()
        self._order: list[str] | None = None
        """The user's order of the series (None: by name)."""
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.itemChanged.connect(self._on_item_changed)
        self.model().rowsMoved.connect(self._on_moved)
        self.by_name_action = QAction("Order by &name", self)
        self.by_name_action.setToolTip("Put the series back in alphabetical order")
        self.by_name_action.triggered.connect(self.order_by_name)
        self.by_name_action.setEnabled(False)
        self.addAction(self.by_name_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def set_season(self, season: Season, hidden: frozenset[str]) -> None:
        """List the season's series; ``hidden`` ones start unticked."""
        counts = Counter(m.series for m in season.meetings.values())
        names = sorted(season.series, key=lambda n: (n.casefold(), n))
        if self._order is not None:
            rank = {name: i for i, name in enumerate(self._order)}
            names.sort(key=lambda n: rank.get(n, len(rank)))
        self._hidden = frozenset(hidden) & set(names)
        self.blockSignals(True)
        self.clear()
        for name in names:
            fill = bar_fill(series_colour(season, name), self.palette())
            item = QListWidgetItem(swatch(fill.name()), f"{name} ({counts[name]})")
            item.setData(SERIES_ROLE, name)
            item.setToolTip(f"{name}: {counts[name]} meetings")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            shown = name not in self._hidden
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def hidden(self) -> frozenset[str]:
        return self._hidden

    def user_order(self) -> list[str] | None:
        """The series as the user ordered them, or None while they are by name."""
        return list(self._order) if self._order is not None else None

    def set_user_order(self, order: list[str] | None) -> None:
        """Take the user's order of the series (None: by name), from the next set_season on."""
        self._order = list(order) if order else None
        self.by_name_action.setEnabled(self._order is not None)

    def order_by_name(self) -> None:
        """Put the series back in alphabetical order (the user's order forgotten)."""
        self.blockSignals(True)
        items = [self.takeItem(0) for _ in range(self.count())]
        items.sort(key=lambda item: (str(item.data(SERIES_ROLE)).casefold(),
                                     str(item.data(SERIES_ROLE))))
        for item in items:
            self.addItem(item)
        self.blockSignals(False)
        self.set_user_order(None)
        self.order_changed.emit(self.series_names())

    def move_current(self, step: int) -> None:
        """Move the picked series up (-1) or down (+1) one place."""
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        self.blockSignals(True)
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.blockSignals(False)
        self._on_moved()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)

    def _on_moved(self, *_args: QModelIndex | int) -> None:
        self.set_user_order(self.series_names())
        self.order_changed.emit(self.series_names())

    def series_names(self) -> list[str]:
        return [str(self.item(i).data(SERIES_ROLE)) for i in range(self.count())]

    def set_shown(self, name: str, shown: bool) -> None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(SERIES_ROLE) == name:
                item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)

    def show_all(self) -> None:
        for name in self.series_names():
            self.set_shown(name, True)

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        hidden = frozenset(
            str(self.item(i).data(SERIES_ROLE))
            for i in range(self.count())
            if self.item(i).checkState() != Qt.CheckState.Checked
        )
        if hidden != self._hidden:
            self._hidden = hidden
            self.hidden_changed.emit(hidden)
