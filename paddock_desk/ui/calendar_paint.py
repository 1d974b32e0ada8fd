"""Drawing a meeting bar the same way in the month grid and the season view."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QPolygonF

CLASH_RED = QColor("#e0301e")
WARNING_AMBER = QColor("#f0a202")


@dataclass(frozen=True)
class BarStyle:
    """How one bar looks: its fill, whether it is marked, picked or cancelled."""

    colour: str
    clash: bool = False
    warning: bool = False
    selected: bool = False
    cancelled: bool = False


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def text_colour_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    return QColor("#111111") if luminance(fill) > 0.22 else QColor("#ffffff")


@cache
def _colour(name: str) -> tuple[QColor, float]:
    colour = QColor(name)
    return colour, luminance(colour)


def draw_bar(painter: QPainter, rect: QRectF, text: str, style: BarStyle, pal: QPalette) -> None:
    """A rounded bar in the series colour; red outline and mark for a clash."""
    fill, lum = _colour(style.colour)
    if style.cancelled:
        fill = QColor(fill)
        fill.setAlpha(90)
    radius = min(4.0, rect.height() / 3, rect.width() / 2)
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, fill)
    base = pal.color(QPalette.ColorRole.Base)
    if abs(lum - luminance(base)) < 0.12:
        edge = QColor(pal.color(QPalette.ColorRole.Text))
        edge.setAlpha(170)
        painter.setPen(QPen(edge, 1))
        painter.drawPath(path)
    if style.selected:
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3))
        painter.drawPath(path)
    if style.clash or style.warning:
        painter.setPen(QPen(CLASH_RED if style.clash else WARNING_AMBER, 2))
        painter.drawPath(path)
    text_left = rect.left() + 4
    if style.clash or style.warning:
        text_left += draw_mark(painter, rect, style.clash)
    if text:
        ink = pal.color(QPalette.ColorRole.Text) if style.cancelled else text_colour_on(fill)
        _draw_bar_text(painter, rect, text_left, text, ink, style.cancelled)


def draw_mark(painter: QPainter, rect: QRectF, clash: bool) -> float:
    """A red (clash) or amber (warning) disc with '!' at the bar's start; returns its width."""
    size = max(8.0, min(rect.height() - 2, 16.0))
    disc = QRectF(rect.left() + 1, rect.center().y() - size / 2, size, size)
    painter.setPen(QPen(QColor("#ffffff"), 1))
    painter.setBrush(CLASH_RED if clash else WARNING_AMBER)
    painter.drawEllipse(disc)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(7, int(size * 0.75)))
    painter.save()
    painter.setFont(font)
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    return size + 2


def _draw_bar_text(
    painter: QPainter, rect: QRectF, left: float, text: str, ink: QColor, struck: bool
) -> None:
    room = QRectF(left, rect.top(), rect.right() - left - 3, rect.height())
    if room.width() < 12 or not text:
        return
    painter.setPen(ink)
    font = QFont(painter.font())
    font.setStrikeOut(struck)
    painter.save()
    painter.setFont(font)
    shown = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(room.width()))
    painter.drawText(room, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
    painter.restore()


def draw_clash_triangle(painter: QPainter, x: float, y: float, size: float) -> None:
    """A small red triangle pointing down at ``x`` (used above bars too narrow for a disc)."""
    poly = QPolygonF([QPointF(x - size / 2, y), QPointF(x + size / 2, y), QPointF(x, y + size)])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CLASH_RED)
    painter.drawPolygon(poly)
    painter.setBrush(Qt.BrushStyle.NoBrush)
