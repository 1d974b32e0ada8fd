"""A horizontal header that groups meeting columns by month under a band naming the month."""

from __future__ import annotations

from calendar import month_name

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHeaderView, QWidget

from paddock_desk.ui.roster_model import Role


class MonthHeader(QHeaderView):
    """Section labels at the bottom, a band per month on top spanning the month's columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)

    def band_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        lines = self.fontMetrics().lineSpacing() * 2 + 8
        return QSize(hint.width(), self.band_height() + lines)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        band = self.band_height()
        super().paintSection(painter, rect.adjusted(0, band, 0, 0), logical)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or self.count() == 0:
            return
        painter = QPainter(self.viewport())
        first = max(self.visualIndexAt(event.rect().left()), 0)
        last = self.visualIndexAt(event.rect().right())
        last = self.count() - 1 if last < 0 else last
        start = self._month_start(first)
        while start <= last:
            end = self._month_end(start)
            self._paint_band(painter, start, end)
            start = end + 1
        painter.end()

    def _month(self, visual: int) -> tuple[int, int] | None:
        logical = self.logicalIndex(visual)
        value = self.model().headerData(logical, self.orientation(), Role.MONTH)
        return value if isinstance(value, tuple) else None

    def _month_start(self, visual: int) -> int:
        month = self._month(visual)
        while visual > 0 and self._month(visual - 1) == month:
            visual -= 1
        return visual

    def _month_end(self, visual: int) -> int:
        month = self._month(visual)
        while visual + 1 < self.count() and self._month(visual + 1) == month:
            visual += 1
        return visual

    def _paint_band(self, painter: QPainter, start: int, end: int) -> None:
        month = self._month(start)
        left = self.sectionViewportPosition(self.logicalIndex(start))
        right = self.sectionViewportPosition(self.logicalIndex(end)) + self.sectionSize(
            self.logicalIndex(end)
        )
        rect = QRect(left, 0, right - left, self.band_height())
        palette = self.palette()
        shade = QPalette.ColorRole.Mid if month and month[1] % 2 else QPalette.ColorRole.Midlight
        painter.fillRect(rect, palette.color(shade))
        painter.setPen(palette.color(QPalette.ColorRole.Dark))
        painter.drawLine(rect.topLeft(), rect.bottomLeft())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if month is None:
            return
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        visible = rect.intersected(self.viewport().rect())
        label = f"{month_name[month[1]]} {month[0]}"
        painter.drawText(visible.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, label)
