"""Painting roster cells in one call each: background by state, text elided, selection, focus.

The default delegate asks the model for a dozen roles per cell; at world scale a full viewport
holds hundreds of cells, so this one asks the model once per cell (RosterModel.cell).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from paddock_desk.ui.roster_model import (
    CLASH_BRUSH,
    ENTERED_BRUSH,
    UNAVAILABLE_BRUSH,
    WARNING_BRUSH,
    RosterModel,
)

BRUSHES = {
    "clash": CLASH_BRUSH,
    "warning": WARNING_BRUSH,
    "unavailable": UNAVAILABLE_BRUSH,
    "entered": ENTERED_BRUSH,
}
ON_CLASH = QColor("#ffffff")
ON_WARNING = QColor("#000000")
ALIGN = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
SELECTED = QStyle.StateFlag.State_Selected.value
HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
FRAME = 3
"""Width of the frame a selected coloured cell gets, in pixels."""


class RosterDelegate(QStyledItemDelegate):
    """Paints a roster cell from RosterModel.cell(row, column)."""

    def __init__(self, model: RosterModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text, state = self._model.cell(index.row(), index.column())
        rect = option.rect
        palette = option.palette
        state_flags = option.state.value  # plain ints: enum arithmetic is slow per cell
        selected = bool(state_flags & SELECTED)
        brush = BRUSHES.get(state)
        if brush is not None:
            painter.fillRect(rect, brush)
        marked = selected and brush is not None
        if marked:  # keep the state's colour (a selected clash stays red) inside a frame
            highlight = palette.color(QPalette.ColorRole.Highlight)
            for inset in range(FRAME):
                painter.setPen(highlight)
                painter.drawRect(rect.adjusted(inset, inset, -1 - inset, -1 - inset))
        elif selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        if text:
            painter.setPen(self._ink(state, selected and not marked, palette))
            inner = rect.adjusted(4, 0, -3, 0)
            elided = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(inner, ALIGN, elided)
        if state_flags & HAS_FOCUS:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))

    @staticmethod
    def _ink(state: str, selected: bool, palette: QPalette) -> QColor:
        if selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        if state == "clash":
            return ON_CLASH
        if state == "warning":
            return ON_WARNING
        return palette.color(QPalette.ColorRole.Text)
