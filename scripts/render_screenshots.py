"""Render the app's views of the demo season offscreen to docs/screenshots/*.png.

The README shows these pictures; rendering them from the real widgets keeps them true. The
week and agenda views show the real 2024 calendars (tests/data/real2024), imported beside the
demo, at the Monaco weekend (the demo season has no session times); printed.png is the first
page of Imperatori's printed itinerary (File > Export PDF), rendered by pdftoppm.

    .venv/bin/python scripts/render_screenshots.py [--out docs/screenshots] [--dark]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1440, 880)
IMPERATORI = "Alexandre Imperatori"
BGSA = "Blancpain GT Series Asia"


def dark_palette() -> object:
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2d30"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1f22"), (QPalette.ColorRole.AlternateBase, "#26282b"),
        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#34363a"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3d7be0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.Mid, "#4a4c50"),
        (QPalette.ColorRole.PlaceholderText, "#8a8c90"),
        (QPalette.ColorRole.ToolTipBase, "#34363a"), (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
    ):
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7c80"))
    return pal


def render(out: Path, dark: bool) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from paddock_desk.app import application
    from paddock_desk.services.demo import load_demo
    from paddock_desk.store.database import open_database
    from paddock_desk.ui.document import SeasonDocument
    from paddock_desk.ui.main_window import MainWindow

    app = application()
    app.setStyle("Fusion")
    if dark:
        app.setPalette(dark_palette())
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "season.db")
        load_demo(db)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(SeasonDocument(db), settings)
        window.resize(*SIZE)
        window.show()
        QApplication.processEvents()
        season = window.document.season
        sepang = next(m.id for m in season.meetings.values()
                      if m.series == BGSA and m.round == "1")
        suffix = "-dark" if dark else ""
        for view, name in (("calendar", "calendar"), ("season", "season"),
                           ("roster", "roster"), ("clashes", "clashes")):
            window.show_meeting(sepang)
            window.roster.table.clearSelection()  # let the red clash cells show
            window.show_view(view)
            if view == "clashes":  # the explanation under the list shows the first clash
                window.clash_panel.table.selectRow(0)
            QApplication.processEvents()
            path = out / f"{name}{suffix}.png"
            window.grab().save(str(path))
            written.append(path)
        _import_2024(Path(tmp) / "season.db")
        written += _week_and_agenda(window, out, suffix)
        if not dark:
            written += _printed_page(window, out, Path(tmp))
        window.close()
        db.close()
    return written


def _import_2024(path: Path) -> None:
    from paddock_desk.cli import main as cli

    files = sorted(str(p) for p in (ROOT / "tests" / "data" / "real2024").glob("*.csv"))
    if cli(["--db", str(path), "import", *files]) != 0:
        raise SystemExit("the 2024 calendars did not import")


def _week_and_agenda(window, out: Path, suffix: str) -> list[Path]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from paddock_desk.ui.view_actions import go_to_date

    window.document.reload()
    written = []
    for view in ("week", "agenda"):
        window.show_view(view)
        go_to_date(window, date(2024, 5, 24))
        QApplication.processEvents()
        path = out / f"{view}{suffix}.png"
        window.grab().save(str(path))
        written.append(path)
    return written


def _printed_page(window, out: Path, tmp: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    from paddock_desk.ui.print_actions import export_pdf
    from paddock_desk.ui.print_render import PrintJob

    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is missing: printed.png not rendered")
        return []
    pdf = tmp / "printed.pdf"
    export_pdf(window, PrintJob("itinerary", "driver", IMPERATORI), pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out / "printed")], check=True)
    return [out / "printed.png"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dark", action="store_true", help="also render in a dark palette")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    args.out.mkdir(parents=True, exist_ok=True)
    paths = render(args.out, dark=False)
    if args.dark:
        paths += render(args.out, dark=True)
    for path in paths:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
