"""A horizontal header that groups meeting columns by month under a band naming the month."""

from __future__ import annotations

from bisect import bisect_right
from calendar import month_name

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
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
        shown = [c for c in range(start, end + 1) if not self.isSectionHidden(c)]
        if not shown:
            return
        left = self.sectionViewportPosition(shown[0])
        right = self.sectionViewportPosition(shown[-1]) + self.sectionSize(shown[-1])
        rect = QRect(left, 0, right - left, self.band_height())
        fill, text, line = band_colours(self.palette(), odd=bool(month[1] % 2))
        painter.fillRect(rect, fill)
        painter.setPen(line)
        painter.drawLine(rect.topLeft(), rect.bottomLeft())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(text)
        visible = rect.intersected(self.viewport().rect())
        label = f"{month_name[month[1]]} {month[0]}"
        painter.drawText(visible.adjusted(6, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, label)


def band_colours(palette: QPalette, *, odd: bool) -> tuple[QColor, QColor, QColor]:
    """(fill, text, line) of a month band, from the button colours so that dark themes work.

    Months alternate between the button colour and a shade of it a step away from the text
    (darker in a light palette, lighter in a dark one); the text keeps the palette's own colour
    unless it would be hard to read on the fill.
    """
    button = palette.color(QPalette.ColorRole.Button)
    dark_theme = button.lightnessF() < 0.5
    step = button.lighter(150) if dark_theme else button.darker(112)
    fill = step if odd else button
    text = palette.color(QPalette.ColorRole.ButtonText)
    if abs(text.lightnessF() - fill.lightnessF()) < 0.4:
        text = QColor("#ffffff") if dark_theme else QColor("#000000")
    line = fill.lighter(160) if dark_theme else fill.darker(140)
    return fill, text, line
