"""Action icons drawn from the SVG files in resources/icons, sharp at any scale.

The files draw in ``currentColor``; each icon is rendered in the palette's text colour (so the
icons read in a dark palette too) by an icon engine that paints the SVG at the size and device
pixel ratio asked for, instead of scaling a bitmap.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

ICON_PACKAGE = "paddock_desk.resources.icons"
APP_ICON = "paddock-desk"


@cache
def svg_text(name: str) -> str:
    return (resources.files(ICON_PACKAGE) / f"{name}.svg").read_text(encoding="utf-8")


def has_icon(name: str) -> bool:
    return (resources.files(ICON_PACKAGE) / f"{name}.svg").is_file()


class SvgIconEngine(QIconEngine):
    """Paints one SVG, its ``currentColor`` in the palette colour of the icon's mode."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, colour: str) -> QSvgRenderer:
        if colour not in self._renderers:
            data = svg_text(self._name).replace("currentColor", colour)
            self._renderers[colour] = QSvgRenderer(QByteArray(data.encode("utf-8")))
        return self._renderers[colour]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, _state: QIcon.State) -> None:
        self._renderer(_mode_colour(mode)).render(painter, rect.toRectF())

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, QRect(0, 0, image.width(), image.height()), mode, state)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name)

    def key(self) -> str:
        return "paddock-svg"


def _mode_colour(mode: QIcon.Mode) -> str:
    app = QApplication.instance()
    palette = app.palette() if isinstance(app, QApplication) else QPalette()
    disabled = mode == QIcon.Mode.Disabled
    group = QPalette.ColorGroup.Disabled if disabled else QPalette.ColorGroup.Active
    colour: QColor = palette.color(group, QPalette.ColorRole.WindowText)
    return colour.name()


def icon(name: str) -> QIcon:
    """The action icon ``name`` (a file resources/icons/NAME.svg), or an empty icon."""
    if not has_icon(name):
        return QIcon()
    return QIcon(SvgIconEngine(name))


def app_icon() -> QIcon:
    """The application's own icon (its colours as drawn)."""
    if not has_icon(APP_ICON):
        return QIcon()
    with resources.as_file(resources.files(ICON_PACKAGE) / f"{APP_ICON}.svg") as path:
        return QIcon(str(path))
