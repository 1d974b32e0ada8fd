"""Render the application icon's PNG sizes from its SVG source (run at build time).

Usage: python packaging/render_icons.py OUTPUT_DIR [SIZE...]

Writes OUTPUT_DIR/hicolor/NxN/apps/<app id>.png for each size and copies the SVG to
OUTPUT_DIR/hicolor/scalable/apps/<app id>.svg: the layout of an XDG icon theme, ready to copy
into ~/.local/share/icons or /usr/share/icons. The PNGs are build products, never committed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "paddock-desk.svg"
APP_ID = "io.github.paddockdesk.PaddockDesk"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, target: Path) -> None:
    """Draw ``svg`` into a transparent size x size PNG at ``target``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):  # PNG, from the file name
        raise SystemExit(f"render_icons: cannot write {target}")


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    out = Path(argv[0])
    sizes = [int(s) for s in argv[1:]] or list(SIZES)
    for size in sizes:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render(SVG, size, target)
        print(target)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    print(scalable)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
