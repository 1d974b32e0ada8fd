"""File > Print and Export PDF in the app: an itinerary, the season grid, the clash list.

Printed to real PDF files (QPrinter in PDF mode, as the system dialog's "print to file" does)
and read back with pdftotext.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication

from paddock_desk.ui.print_actions import PrintChoiceDialog, export_pdf
from paddock_desk.ui.print_render import PrintJob

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (poppler-utils) is not installed")
IMPERATORI = "Alexandre Imperatori"


def text_of(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True)
    return re.sub(r"\s+", " ", done.stdout)


def page_points(path: Path) -> tuple[float, float]:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", done.stdout)
    assert found is not None
    return float(found.group(1)), float(found.group(2))


def test_a_drivers_itinerary_as_pdf(window, tmp_path):
    out = tmp_path / "imperatori.pdf"
    pages = export_pdf(window, PrintJob("itinerary", "driver", IMPERATORI), out)
    assert pages >= 1
    text = text_of(out)
    assert "14-15 Apr 2018 Blancpain GT Series Asia round 1: Sepang (Races 1-2)" in text
    imperatori = window.document.season.driver_named(IMPERATORI)
    for clash in window.document.clashes_for_driver(imperatori.id):
        assert re.sub(r"\s+", " ", clash.message) in text
    assert f"Page 1 of {pages}" in text
    assert "Printed " in text
    width, height = page_points(out)
    assert width < height  # portrait
    assert str(out) in window.statusBar().currentMessage()


def test_the_season_grid_prints_on_landscape_pages(window, tmp_path):
    out = tmp_path / "grid.pdf"
    pages = export_pdf(window, PrintJob("grid"), out)
    width, height = page_points(out)
    assert width > height
    text = text_of(out)
    assert "Season 2018" in text
    for series in window.document.season.series:
        assert series in text
    assert f"Page {pages} of {pages}" in text


def test_the_clash_list_prints_what_the_panel_lists(window, tmp_path):
    out = tmp_path / "clashes.pdf"
    export_pdf(window, PrintJob("clashes"), out)
    text = text_of(out)
    listed = window.clash_panel.visible_clashes()
    assert listed
    for clash in listed:
        assert re.sub(r"\s+", " ", clash.message) in text
    assert "Clashes of the season" in text


def test_the_choice_dialog_is_keyboard_driven_and_follows_the_filter(qtbot, window):
    window.filters.set_season(window.document.season, IMPERATORI, "")
    from paddock_desk.ui.print_actions import current_whom

    dialog = PrintChoiceDialog(window.document.season, current_whom(window), "Print", window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.job() == PrintJob("itinerary", "driver", IMPERATORI)
    focused = dialog.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Down)
    assert dialog.job().kind == "grid"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.job().kind == "clashes"


def test_ctrl_p_prints_through_the_system_dialog(qtbot, window, tmp_path):
    out = tmp_path / "printed.pdf"
    seen: list[str] = []

    def on_chooser() -> None:
        chooser = QApplication.activeModalWidget()
        seen.append(type(chooser).__name__)
        assert isinstance(chooser, PrintChoiceDialog)
        qtbot.keyClick(chooser.focusWidget(), Qt.Key.Key_Down)  # the season grid
        QTimer.singleShot(50, on_print_dialog)
        qtbot.keyClick(chooser.focusWidget(), Qt.Key.Key_Return)

    def on_print_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        assert isinstance(dialog, QPrintDialog)
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        dialog.done(QPrintDialog.DialogCode.Accepted)

    QTimer.singleShot(50, on_chooser)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["PrintChoiceDialog", "QPrintDialog"]
    assert out.exists()
    width, height = page_points(out)
    assert width > height
    assert "Season 2018" in text_of(out)
    assert window.statusBar().currentMessage().startswith("Printed ")
