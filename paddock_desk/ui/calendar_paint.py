"""Drawing a meeting bar the same way in the month grid, the week view and the season view.

A clash never rests on colour alone: a clashing bar gets a thick outline in the palette's
contrast colour (black on a light palette, white on a dark one) with a thin line of the other
inside it, a hatched band along its bottom, and a warning triangle at its start; a warning gets
a dashed outline. Series colours are checked against the marks and the text (WCAG contrast of
at least 3:1) and made lighter or darker when too close, so no series colour can hide a mark
(a red clash mark on the red of F1 or Blancpain was invisible).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

CLASH_RED = QColor("#e0301e")
"""The clash colour of text (tab titles, counts): always beside words, never alone."""
WARNING_AMBER = QColor("#f0a202")
MIN_CONTRAST = 3.0
"""WCAG's least contrast for graphical marks."""


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


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def text_colour_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill``."""
    return QColor("#111111") if luminance(fill) > 0.22 else QColor("#ffffff")


def is_dark(pal: QPalette) -> bool:
    return luminance(pal.color(QPalette.ColorRole.Base)) < 0.25


def mark_colour(pal: QPalette) -> QColor:
    """The palette's contrast colour for clash marks: black on light, white on dark."""
    return QColor("#ffffff") if is_dark(pal) else QColor("#000000")


@cache
def _adjusted(name: str, mark: str) -> tuple[QColor, float]:
    return readable_fill(QColor(name), QColor(mark))


_DEUTERANOPIA = ((0.367322, 0.860646, -0.227968),
                 (0.280085, 0.672501, 0.047413),
                 (-0.011820, 0.042940, 0.968881))
"""Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB."""


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def as_deuteranope_sees(colour: QColor) -> QColor:
    """``colour`` as someone without green cones sees it (simulated)."""
    rgb = [_linear(colour.redF()), _linear(colour.greenF()), _linear(colour.blueF())]
    out = [_gamma(sum(m * v for m, v in zip(row, rgb, strict=True))) for row in _DEUTERANOPIA]
    return QColor.fromRgbF(out[0], out[1], out[2])


def mark_contrast(fill: QColor, mark: QColor) -> float:
    """The contrast of a mark on ``fill`` for normal sight and for deuteranopia (the lower)."""
    return min(contrast(fill, mark),
               contrast(as_deuteranope_sees(fill), as_deuteranope_sees(mark)))


def readable_fill(colour: QColor, mark: QColor) -> tuple[QColor, float]:
    """``colour`` made lighter (for a black mark) or darker (white) until the clash mark
    stands out against it at least :data:`MIN_CONTRAST` to 1, for normal sight and for
    deuteranopia (with a little to spare for antialiasing); with its luminance."""
    fill = QColor(colour)
    toward_light = luminance(mark) < 0.5
    for _ in range(40):
        if mark_contrast(fill, mark) >= MIN_CONTRAST + 0.15:
            break
        h, s, lightness, a = fill.getHslF()
        step = 0.03 if toward_light else -0.03
        fill = QColor.fromHslF(h, s, min(max(lightness + step, 0.0), 1.0), a)
    return fill, luminance(fill)


def bar_fill(colour: str, pal: QPalette) -> QColor:
    """The fill a series colour gets on ``pal`` (checked against the clash mark)."""
    return _adjusted(colour, mark_colour(pal).name())[0]


def draw_bar(painter: QPainter, rect: QRectF, text: str, style: BarStyle, pal: QPalette) -> None:
    """A rounded bar in the series colour; shape and pattern, not colour, mark a clash."""
    mark = mark_colour(pal)
    fill, lum = _adjusted(style.colour, mark.name())
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
    roomy = rect.width() >= 16
    if style.clash and roomy:
        _hatch_band(painter, path, rect, mark)
    if style.selected:
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 3))
        painter.drawPath(path)
    if style.clash:
        _clash_outline(painter, rect, radius, mark, 2.5 if roomy else 1.2)
    elif style.warning:
        pen = QPen(mark, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path)
    text_left = rect.left() + 4
    if (style.clash or style.warning) and rect.width() >= 24:
        text_left += draw_mark(painter, rect, style.clash, mark)
    if text:
        ink = pal.color(QPalette.ColorRole.Text) if style.cancelled else text_colour_on(fill)
        _draw_bar_text(painter, rect, text_left, text, ink, style.cancelled)


def _opposite(mark: QColor) -> QColor:
    return QColor("#ffffff") if luminance(mark) < 0.5 else QColor("#000000")


def _clash_outline(painter: QPainter, rect: QRectF, radius: float, mark: QColor,
                   width: float) -> None:
    """A thick outline in the contrast colour with a thin line of the other inside it (a bar a
    few pixels wide gets a thin one: its triangle above marks it)."""
    outer = QPainterPath()
    inset = width / 2
    outer.addRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
    painter.setPen(QPen(mark, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(outer)
    if rect.height() > 9 and rect.width() >= 16:
        inner = QPainterPath()
        inner.addRoundedRect(rect.adjusted(3, 3, -3, -3), max(radius - 2, 0), max(radius - 2, 0))
        painter.setPen(QPen(_opposite(mark), 1))
        painter.drawPath(inner)


def _hatch_band(painter: QPainter, bar: QPainterPath, rect: QRectF, mark: QColor) -> None:
    """Diagonal hatching along the bottom third of the bar."""
    band = QRectF(rect.left(), rect.bottom() - max(rect.height() * 0.34, 3.0), rect.width(),
                  max(rect.height() * 0.34, 3.0))
    clip = QPainterPath()
    clip.addRect(band)
    painter.save()
    painter.setClipPath(bar.intersected(clip))
    painter.fillRect(band, QBrush(mark, Qt.BrushStyle.BDiagPattern))
    painter.restore()


def draw_mark(painter: QPainter, rect: QRectF, clash: bool, mark: QColor | None = None) -> float:
    """A warning triangle at the bar's start: filled for a clash, hollow for a warning.

    Returns the room it takes.
    """
    ink = mark if mark is not None else QColor("#000000")
    size = max(8.0, min(rect.height() - 4, 15.0))
    left, mid = rect.left() + 4, rect.center().y()
    triangle = QPolygonF([QPointF(left + size / 2, mid - size / 2),
                          QPointF(left + size, mid + size / 2),
                          QPointF(left, mid + size / 2)])
    other = _opposite(ink)
    painter.save()
    painter.setPen(QPen(other, 1.2))
    painter.setBrush(ink if clash else other)
    painter.drawPolygon(triangle)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(6, int(size * 0.7)))
    painter.setFont(font)
    painter.setPen(other if clash else ink)
    glyph = QRectF(left, mid - size / 2 + size * 0.2, size, size * 0.8)
    painter.drawText(glyph, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()
    return size + 4


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


def draw_clash_triangle(painter: QPainter, x: float, y: float, size: float,
                        pal: QPalette | None = None) -> None:
    """A warning triangle pointing down at ``x``, in the contrast colour with a rim of the
    other (above bars too narrow for marks of their own)."""
    ink = mark_colour(pal) if pal is not None else QColor("#000000")
    poly = QPolygonF([QPointF(x - size / 2, y - size / 2), QPointF(x + size / 2, y - size / 2),
                      QPointF(x, y + size / 2)])
    painter.save()
    painter.setPen(QPen(_opposite(ink), 1.2))
    painter.setBrush(ink)
    painter.drawPolygon(poly)
    painter.restore()
