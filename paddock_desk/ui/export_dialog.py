"""File > Export iCalendar: whose calendar (a driver, a team, a series, everything) and what.

It calls the same service as ``paddock-desk export-ics``; a refusal is shown in the dialog and
nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.calendar_export import (
    CalendarExport,
    ExportTarget,
    build_export,
    write_export,
)
from paddock_desk.ui.document import SeasonDocument

WHOM = ("driver", "team", "series", "all")
WHAT = {"Meetings and sessions": None, "Meetings only": "meetings", "Sessions only": "sessions"}


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "calendar"


class ExportDialog(QDialog):
    """Pick whose calendar and what goes in it, and where the .ics file goes."""

    def __init__(self, document: SeasonDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.result_export: CalendarExport | None = None
        self.setWindowTitle("Export iCalendar")
        self.setAccessibleName("Export iCalendar")
        self._build()
        self._fill()
        self._on_whom_changed()

    def _build(self) -> None:
        self.whom = QButtonGroup(self)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for i, (kind, label) in enumerate(
            zip(WHOM, ("&Driver", "&Team", "&Series", "&Everything"), strict=True)
        ):
            radio = QRadioButton(label)
            radio.setAccessibleName(f"Export by {kind}")
            self.whom.addButton(radio, i)
            combo = QComboBox()
            combo.setAccessibleName(f"{kind.capitalize()} to export")
            self.combos[kind] = combo
            form.addRow(radio, combo if kind != "all" else QLabel("every meeting of every series"))
        self.whom.button(0).setChecked(True)
        self.whom.idToggled.connect(lambda _i, _on: self._on_whom_changed())
        self.what = QComboBox()
        self.what.addItems(list(WHAT))
        self.what.setAccessibleName("What to export")
        form.addRow("&What:", self.what)
        self.alarm = QSpinBox()
        self.alarm.setRange(0, 7 * 24 * 60)
        self.alarm.setSuffix(" min before")
        self.alarm.setSpecialValueText("no reminder")
        self.alarm.setAccessibleName("Reminder minutes before each session")
        form.addRow("&Reminder:", self.alarm)
        self.path = QLineEdit()
        self.path.setAccessibleName("File to write")
        browse = QPushButton("&Browse...")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Export message")
        self.message.setStyleSheet("color: #e0301e;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("E&xport", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _fill(self) -> None:
        season = self.document.season
        self.combos["driver"].addItems(sorted(d.name for d in season.drivers.values()))
        self.combos["team"].addItems(sorted(t.name for t in season.teams.values()))
        self.combos["series"].addItems(sorted(season.series))

    def whom_kind(self) -> str:
        return WHOM[max(self.whom.checkedId(), 0)]

    def select(self, kind: str, name: str = "") -> None:
        """Pick whose calendar (for the menu of a driver, or for tests)."""
        self.whom.button(WHOM.index(kind)).setChecked(True)
        if name and kind in self.combos:
            self.combos[kind].setCurrentText(name)
        self._on_whom_changed()

    def _on_whom_changed(self) -> None:
        kind = self.whom_kind()
        for name, combo in self.combos.items():
            combo.setEnabled(name == kind)
        name = self.combos[kind].currentText() if kind in self.combos else "all-meetings"
        folder = Path(self.path.text()).parent if self.path.text() else Path.home()
        self.path.setText(str(folder / f"{_slug(name)}.ics"))

    def _browse(self) -> None:
        name, _f = QFileDialog.getSaveFileName(self, "Export to", self.path.text(),
                                               "iCalendar (*.ics)")
        if name:
            self.path.setText(name if name.endswith(".ics") else name + ".ics")

    def export(self) -> None:
        """Write the file; on a refusal say why and stay open."""
        kind = self.whom_kind()
        name = self.combos[kind].currentText() if kind in self.combos else None
        if not self.path.text().strip():
            self.message.setText("Choose a file to write.")
            return
        try:
            target = ExportTarget(
                kind,  # type: ignore[arg-type]
                name,
                WHAT[self.what.currentText()],  # type: ignore[arg-type]
                self.alarm.value() or None,
            )
            export = build_export(self.document.db, target)
            write_export(Path(self.path.text()).expanduser(), export)
        except (PaddockError, OSError) as exc:
            self.message.setText(f"Not exported: {exc}")
            return
        self.result_export = export
        self.accept()


def open_export_dialog(document: SeasonDocument, parent: QWidget | None) -> ExportDialog:
    dialog = ExportDialog(document, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    status = getattr(parent, "statusBar", None)
    if status is not None:
        dialog.accepted.connect(
            lambda: status().showMessage(
                f"Exported {dialog.result_export.describe() if dialog.result_export else ''}",
                8000,
            )
        )
    dialog.open()
    return dialog
