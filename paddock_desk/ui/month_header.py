"""A horizontal header that groups meeting columns by month under a band naming the month."""

from __future__ import annotations

from bisect import bisect_right
from calendar import month_name

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHeaderView, QWidget


class MonthHeader(QHeaderView):
    """Section labels at the bottom, a band per month on top spanning the month's columns.

    The model gives the months as ``months``: (first column, last column, (year, month)).
    """

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
        months = getattr(self.model(), "months", None)
        if not months or self.count() == 0:
            return
        first = max(self.logicalIndexAt(event.rect().left()), 0)
        last = self.logicalIndexAt(event.rect().right())
        last = self.count() - 1 if last < 0 else last
        starts = [span[0] for span in months]
        painter = QPainter(self.viewport())
        for span in months[max(bisect_right(starts, first) - 1, 0):]:
            if span[0] > last:
                break
            self._paint_band(painter, *span)
        painter.end()

    def _paint_band(self, painter: QPainter, start: int, end: int, month: tuple[int, int]) -> None:
        left = self.sectionViewportPosition(start)
        right = self.sectionViewportPosition(end) + self.sectionSize(end)
        rect = QRect(left, 0, right - left, self.band_height())
        palette = self.palette()
        shade = QPalette.ColorRole.Mid if month[1] % 2 else QPalette.ColorRole.Midlight
        painter.fillRect(rect, palette.color(shade))
        painter.setPen(palette.color(QPalette.ColorRole.Dark))
        painter.drawLine(rect.topLeft(), rect.bottomLeft())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        visible = rect.intersected(self.viewport().rect())
        label = f"{month_name[month[1]]} {month[0]}"
        painter.drawText(visible.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, label)
