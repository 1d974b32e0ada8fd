"""File > Print (Ctrl+P) and File > Export PDF: pick what to print, then the system dialog or
a file.

What is printed comes from :mod:`paddock_desk.ui.print_render`; this module holds the actions,
the small "what to print" dialog, and the window's current state as a print source.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence, QPageLayout
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.model import Season
from paddock_desk.ui.calendar_data import visible_meetings
from paddock_desk.ui.icons import icon

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from paddock_desk.ui.main_window import MainWindow
    from paddock_desk.ui.print_render import PrintJob, PrintSource

KINDS = ("itinerary", "grid", "clashes")
KIND_LABELS = {
    "itinerary": "Itinerary: meetings, sessions in local and home time, clashes",
    "grid": "Season grid: a year per landscape page, one lane per series",
    "clashes": "Clash list: every clash and warning in a sentence",
}


def whom_choices(season: Season) -> list[tuple[str, str, str]]:
    """(label, whom, name) of every itinerary one can print: all, each driver, team, series."""
    rows = [("The whole season (all series)", "all", "")]
    rows += [(f"Driver: {n}", "driver", n) for n in sorted(d.name for d in
                                                            season.drivers.values())]
    rows += [(f"Team: {n}", "team", n) for n in sorted(t.name for t in season.teams.values())]
    rows += [(f"Series: {n}", "series", n) for n in sorted(season.series)]
    return rows


class PrintChoiceDialog(QDialog):
    """What to print: an itinerary (whose), the season grid or the clash list."""

    def __init__(self, season: Season, whom: tuple[str, str], verb: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{verb.replace('&', '').rstrip('.…')}: what to print")
        self.setAccessibleName("What to print")
        self.kinds = QListWidget()
        self.kinds.setAccessibleName("What to print")
        self.kinds.addItems([KIND_LABELS[k] for k in KINDS])
        self.kinds.setCurrentRow(0)
        rows = self.kinds.sizeHintForRow(0) * len(KINDS) + 2 * self.kinds.frameWidth() + 4
        self.kinds.setFixedHeight(rows)
        what = QLabel("W&hat to print:")
        what.setBuddy(self.kinds)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.kinds)
        self.whom = QComboBox()
        self.whom.setAccessibleName("Whose itinerary")
        self._choices = whom_choices(season)
        for label, _w, _n in self._choices:
            self.whom.addItem(label)
        wanted = next((i for i, (_l, w, n) in enumerate(self._choices) if (w, n) == whom), 0)
        self.whom.setCurrentIndex(wanted)
        whose = QLabel("&Whose itinerary:")
        whose.setBuddy(self.whom)
        layout.addWidget(whose)
        layout.addWidget(self.whom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(verb)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kinds.currentRowChanged.connect(lambda _r: self._update())
        self.kinds.setFocus()
        self.resize(560, self.sizeHint().height())

    def _update(self) -> None:
        self.whom.setEnabled(self.kinds.currentRow() == 0)

    def choose(self, kind: str, whom: str = "all", name: str = "") -> None:
        self.kinds.setCurrentRow(KINDS.index(kind))
        index = next(i for i, (_l, w, n) in enumerate(self._choices) if (w, n) == (whom, name))
        self.whom.setCurrentIndex(index)

    def job(self) -> PrintJob:
        from paddock_desk.ui.print_render import PrintJob

        kind = KINDS[max(self.kinds.currentRow(), 0)]
        _label, whom, name = self._choices[self.whom.currentIndex()]
        return PrintJob(kind, whom, name)


def current_whom(window: MainWindow) -> tuple[str, str]:
    """The itinerary the window's filters point at: the driver's, the team's, else all."""
    driver, team = window.filters.current()
    if driver:
        return ("driver", driver)
    if team:
        return ("team", team)
    return ("all", "")


def source_of(window: MainWindow) -> PrintSource:
    """The season as the window shows it now (filters, clash list as listed)."""
    from paddock_desk.ui.print_render import PrintSource

    season = window.document.season
    driver, team = window.filters.current()
    narrowed = driver or (f"the drivers of {team}" if team else "")
    return PrintSource(
        engine=window.document.engine,
        meetings=visible_meetings(season, window.current_filter()),
        marks=window.marks,
        clashes=window.clash_panel.visible_clashes(),
        clash_title=f"Clashes of {narrowed}" if narrowed else "Clashes of the season",
    )


def print_job(window: MainWindow, job: PrintJob, printer: QPrinter) -> int:
    """Print ``job`` on ``printer`` as set up in the print dialog."""
    from paddock_desk.ui.print_render import render

    pages = render(job, source_of(window), printer, None)
    window.statusBar().showMessage(f"Printed {pages} page{'s' if pages != 1 else ''}.", 8000)
    return pages


def export_pdf(window: MainWindow, job: PrintJob, path: Path) -> int:
    """Write ``job`` as a PDF file at ``path``; returns the number of pages."""
    from PySide6.QtPrintSupport import QPrinter

    from paddock_desk.printing.pdf import system_paper
    from paddock_desk.ui.print_render import render

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(path.stem)
    pages = render(job, source_of(window), printer, system_paper())
    window.statusBar().showMessage(f"Wrote {path} ({pages} page{'s' if pages != 1 else ''}).",
                                   8000)
    return pages


def choose_job(window: MainWindow, verb: str) -> PrintJob | None:
    dialog = PrintChoiceDialog(window.document.season, current_whom(window), verb, window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    job = dialog.job() if accepted else None
    dialog.deleteLater()
    return job


def on_print(window: MainWindow) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    job = choose_job(window, "&Print…")
    if job is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if job.landscape()
                               else QPageLayout.Orientation.Portrait)
    dialog = QPrintDialog(printer, window)
    dialog.setWindowTitle("Print")
    if dialog.exec() == QDialog.DialogCode.Accepted:
        print_job(window, job, printer)
    dialog.deleteLater()


def on_export_pdf(window: MainWindow) -> None:
    job = choose_job(window, "E&xport PDF…")
    if job is None:
        return
    default = Path.home() / f"{job.kind}.pdf"
    name, _f = QFileDialog.getSaveFileName(window, "Export PDF", str(default), "PDF (*.pdf)")
    if name:
        export_pdf(window, job, Path(name if name.lower().endswith(".pdf") else name + ".pdf"))


def print_actions(window: MainWindow) -> dict[str, QAction]:
    """File > Print (Ctrl+P) and File > Export PDF (Ctrl+Shift+P)."""
    printing = QAction(icon("print"), "&Print…", window)
    printing.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    printing.setStatusTip("Print an itinerary, the season grid or the clash list")
    printing.triggered.connect(lambda _c=False: on_print(window))
    pdf = QAction(icon("export"), "Export P&DF…", window)
    pdf.setShortcut(QKeySequence("Ctrl+Shift+P"))
    pdf.setStatusTip("Write an itinerary, the season grid or the clash list as a PDF file")
    pdf.triggered.connect(lambda _c=False: on_export_pdf(window))
    for action in (printing, pdf):
        window.addAction(action)
    return {"print": printing, "export_pdf": pdf}
