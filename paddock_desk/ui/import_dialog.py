"""File > Import: CSV files and .ics calendars, previewed before anything is written.

The files are first imported as a dry run (nothing written). Bad rows are listed in a table
(file, line, column, message) and nothing is applied; otherwise the dialog shows what would
change (every new or changed meeting by name), with the clashes it would add or resolve, lets
the user rename the series a calendar feeds, and applies it only when the user confirms: as one
step of the undo history (Edit > Undo takes the whole import back). A busy progress dialog
covers long files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.import_report import ImportRefusedError, ImportReport, Problem
from paddock_desk.services.calendar_import import CalendarSource
from paddock_desk.services.import_edit import ImportEdit
from paddock_desk.services.import_preview import ImportPreview, preview_import
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.tasks import Runner, run_in_thread

FILE_FILTER = "Season files (*.csv *.ics);;CSV files (*.csv);;iCalendar files (*.ics);;All (*)"
COLUMNS = ("File", "Line", "Column", "Message")


def refusal_problems(error: PaddockError) -> list[Problem]:
    """The problems of a refused import: those it carries, else its message as one."""
    if isinstance(error, ImportRefusedError) and error.problems:
        return error.problems
    return [Problem("", None, None, str(error))]


class _SeriesField(QLineEdit):
    """The series name: Return previews the new name instead of importing at once."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class ImportDialog(QDialog):
    """Preview, errors and confirmation of one import."""

    def __init__(
        self, document: SeasonDocument, files: Sequence[Path | CalendarSource],
        parent: QWidget | None = None, runner: Runner = run_in_thread, title: str = "Import",
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.files: list[Path | CalendarSource] = [
            f if isinstance(f, CalendarSource) else Path(f) for f in files
        ]
        self.runner = runner
        self.report: ImportReport | None = None
        self.applied: ImportReport | None = None
        self.previewed_series: list[str] = []
        self.edit_text = ""
        """The name of the import in the Edit menu; "Import FILES" when empty."""
        self.gone_hint = ""
        """How the preview tells the user to cancel what a followed calendar dropped."""
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(760, 460)
        self._build()
        self.progress: QProgressDialog | None = None

    def _build(self) -> None:
        names = ", ".join(_name(f) for f in self.files)
        self.heading = QLabel(f"Reading {names}...")
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Import status")
        self.errors = QTableWidget(0, len(COLUMNS))
        self.errors.setHorizontalHeaderLabels(COLUMNS)
        self.errors.setAccessibleName("Import errors")
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.errors.verticalHeader().hide()
        self.errors.hide()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Changes the import would make")
        self.preview.hide()
        self.series_name = _SeriesField()
        self.series_name.setAccessibleName("Series name")
        self.series_name.setToolTip("The series the calendar feeds; rename it before importing")
        self.series_name.editingFinished.connect(self._series_renamed)
        self.series_row = QWidget()
        form = QFormLayout(self.series_row)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Series:", self.series_name)
        self.series_row.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("&Import")
        self.import_button.setAccessibleName("Import")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.hide()
        self.import_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.series_row, self.errors, self.preview, self.buttons):
            layout.addWidget(widget)

    # ---- steps -----------------------------------------------------------------------------
    def start(self) -> None:
        """Check the files (a dry run) and show the errors or the preview."""
        self._busy("Checking the files...")
        files, series, hint = list(self.files), self.chosen_series(), self.gone_hint
        db = self.document.db
        self.runner(
            lambda: preview_import(db, files, series=series, skip_invalid=True, gone_hint=hint),
            self._checked,
        )

    def chosen_series(self) -> str | None:
        """The series name the user typed over the calendar's own, None to keep that."""
        typed = " ".join(self.series_name.text().split())
        return typed if typed and typed not in self.previewed_series else None

    def _series_renamed(self) -> None:
        if self.series_row.isVisible() and self.chosen_series() is not None:
            self.start()

    def apply(self) -> None:
        """Write the import previewed as one undoable edit, then bring the views up to date."""
        self.import_button.setEnabled(False)
        self._busy("Importing...")
        names = ", ".join(_name(f) for f in self.files)
        text = self.edit_text or f"Import {names}"
        edit = ImportEdit(self.files, series=self.chosen_series(), text=text)
        db = self.document.db

        def run() -> ImportEdit:
            edit.run(db)
            return edit

        self.runner(run, self._applied)

    def _checked(self, result: Any) -> None:
        self._idle()
        if isinstance(result, PaddockError):
            self.show_problems(refusal_problems(result))
        elif isinstance(result, Exception):
            raise result
        elif result.report.skipped:
            self.report = result.report
            self.show_problems(result.report.skipped)
        else:
            self.report = result.report
            self.show_preview(result)

    def _applied(self, result: Any) -> None:
        self._idle()
        if isinstance(result, PaddockError):
            self.show_problems(refusal_problems(result))
            return
        if isinstance(result, Exception):
            raise result
        self.applied = result.report
        self.document.execute(result)  # already written: pushes it on the undo stack
        self.accept()

    # ---- showing ---------------------------------------------------------------------------
    def show_problems(self, problems: Sequence[Problem]) -> None:
        count = len(problems)
        self.heading.setText(
            f"<b>Nothing was imported.</b> {count} problem{'s' if count != 1 else ''} to fix in "
            "the files, then import them again:"
        )
        self.errors.setRowCount(count)
        for row, p in enumerate(problems):
            cells = (p.file, "" if p.line is None else str(p.line), p.column or "", p.message)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.errors.setItem(row, col, item)
        self.errors.resizeColumnsToContents()
        self.errors.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.errors.show()
        self.preview.hide()
        self.import_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def show_preview(self, preview: ImportPreview) -> None:
        report = preview.report
        if len(set(preview.series)) == 1:
            chosen = self.chosen_series()
            self.previewed_series = [] if chosen else list(preview.series)
            self.series_name.setText(chosen or preview.series[0])
            self.series_row.show()
        lines = report.summary().splitlines()
        lines = [ln for ln in lines if not ln.startswith("Dry run")]
        lines += [f"warning: {w}" for w in report.warnings]
        if report.changed:
            lines += ["", *preview.clash_lines()]
        self.preview.setPlainText("\n".join(lines))
        self.preview.show()
        self.errors.hide()
        if report.changed:
            self.heading.setText("The import would make these changes. Apply them?")
            self.import_button.show()
            self.import_button.setDefault(True)
            self.import_button.setFocus()
        else:
            self.heading.setText("Nothing to change: the season already holds these files.")
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")

    def problem_rows(self) -> list[tuple[str, str, str, str]]:
        """The error table as text (file, line, column, message)."""
        rows = []
        for r in range(self.errors.rowCount()):
            cells = [self.errors.item(r, c) for c in range(len(COLUMNS))]
            file, line, column, message = (c.text() if c is not None else "" for c in cells)
            rows.append((file, line, column, message))
        return rows

    def _busy(self, text: str) -> None:
        self.progress = QProgressDialog(text, "", 0, 0, self)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle("Import")
        self.progress.setMinimumDuration(400)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)

    def _idle(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None


def _name(item: Path | CalendarSource) -> str:
    """How a file or fetched calendar is named to the user."""
    return item.url or item.path.name if isinstance(item, CalendarSource) else item.name


def choose_files(parent: QWidget | None) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(parent, "Import season files", "", FILE_FILTER)
    return [Path(n) for n in names]


def open_import_dialog(
    document: SeasonDocument, parent: QWidget | None, files: Sequence[Path] | None = None
) -> ImportDialog | None:
    """Ask for files (unless given), check them and show the preview or the errors."""
    chosen = list(files) if files else choose_files(parent)
    if not chosen:
        return None
    dialog = ImportDialog(document, chosen, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.start()
    dialog.open()
    return dialog
