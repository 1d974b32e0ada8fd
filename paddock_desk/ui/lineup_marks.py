"""Roster cells of cars that break a line-up rule: a violet corner and band, the sentence as tip.

The mark is a shape as well as a colour, apart from the clash colours: a violet triangle in the
cell's top-right corner and a violet band along its bottom edge, drawn over whatever the cell's
state paints (a clash stays red, with the corner on top). Hovering the cell shows the roster's
tooltip followed by each breach's sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPolygon
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QToolTip

from paddock_desk.domain.lineup_rules import LineupBreach
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.lineup_watch import LineupWatch, lineup_watch
from paddock_desk.ui.roster_delegate import RosterDelegate
from paddock_desk.ui.roster_model import RosterModel

RULE_VIOLET = QColor("#6a1b9a")
RULE_EDGE = QColor("#ffffff")
CORNER = 13
"""Side of the corner triangle, in pixels."""
BAND = 3


def cell_breaches(model: RosterModel, watch: LineupWatch, row: int, column: int
                  ) -> list[LineupBreach]:
    """The breaches of the cars that enter the row's driver at the column's meeting."""
    meeting = model.meetings[column]
    cars = model.driver_row(model.driver_ids[row]).cars.get(meeting.id)
    if not cars:
        return []
    return [b for car in cars for b in watch.breaches_at(car.id, meeting.id)]


class RuleMarkDelegate(RosterDelegate):
    """The roster's delegate, marking cells whose car breaks a line-up rule."""

    def __init__(self, model: RosterModel, document: SeasonDocument,
                 view: QAbstractItemView) -> None:
        super().__init__(model, view)
        self._roster = model
        self.watch = lineup_watch(document)
        self.watch.changed.connect(view.viewport().update)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if cell_breaches(self._roster, self.watch, index.row(), index.column()):
            paint_mark(painter, option.rect)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView,
                  option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():
            found = cell_breaches(self._roster, self.watch, index.row(), index.column())
            if found:
                QToolTip.showText(event.globalPos(), cell_tooltip(self._roster, index, found),
                                  view)
                return True
        return super().helpEvent(event, view, option, index)


def cell_tooltip(model: RosterModel, index: QModelIndex | QPersistentModelIndex,
                 found: list[LineupBreach]) -> str:
    base = str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
    lines = [f"Line-up rule: {b.message}" for b in found]
    return "\n".join([base, *lines]) if base else "\n".join(lines)


def paint_mark(painter: QPainter, rect: QRect) -> None:
    """The violet corner and bottom band (with a thin white edge, readable on any colour)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    right, top = rect.right(), rect.top()
    corner = QPolygon([QPoint(right - CORNER, top), QPoint(right, top),
                       QPoint(right, top + CORNER)])
    painter.setPen(RULE_EDGE)
    painter.setBrush(RULE_VIOLET)
    painter.drawPolygon(corner)
    painter.fillRect(rect.left(), rect.bottom() - BAND + 1, rect.width(), BAND, RULE_VIOLET)
    painter.restore()


def install(view: QAbstractItemView, model: RosterModel, document: SeasonDocument
            ) -> RuleMarkDelegate:
    """Give the roster's table the marking delegate."""
    delegate = RuleMarkDelegate(model, document, view)
    view.setItemDelegate(delegate)
    return delegate

