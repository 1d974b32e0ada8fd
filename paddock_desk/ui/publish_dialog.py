"""File > Publish to a calendar server: push a calendar to CalDAV after showing what changes.

"Check" asks the server what a publish would do (nothing is written) and shows the change report
in words, with a warning when a change touches a session within 24 hours; "Publish" writes it.
Targets (address, user, whose calendar) are remembered in the settings; passwords never are:
they come from the system keyring, or are typed and, if the person asks, kept there.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.calendar_export import ExportTarget
from paddock_desk.services.publish import (
    PublishResult,
    find_password,
    publish,
    store_password,
)
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.settings import Setting
from paddock_desk.ui.tasks import Runner, run_in_thread

TARGETS = Setting("publish/targets", str, "[]")
"""The remembered publish targets, newest first, as JSON (never a password)."""
KINDS = {"Driver": "driver", "Team": "team", "Series": "series", "Everything": "all"}
WHAT = {"Meetings and sessions": None, "Meetings only": "meetings", "Sessions only": "sessions"}
SOON_WARNING = (
    "Some changes fall within 24 hours of a session: subscribers on Google may not see this in "
    "time; tell them directly."
)


W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """``widget`` with its accessible name (what a screen reader says, what tests find)."""
    widget.setAccessibleName(name)
    return widget


@dataclass(frozen=True)
class SavedTarget:
    url: str
    user: str
    kind: str
    name: str
    only: str | None = None
    alarm: int = 0


def saved_targets(store: QSettings) -> list[SavedTarget]:
    try:
        rows = json.loads(TARGETS.read(store))
        return [SavedTarget(**row) for row in rows if isinstance(row, dict)]
    except (TypeError, ValueError):
        return []


def remember(store: QSettings, target: SavedTarget) -> None:
    kept = [t for t in saved_targets(store) if (t.url, t.kind, t.name) != (
        target.url, target.kind, target.name)]
    TARGETS.write(store, json.dumps([asdict(t) for t in [target, *kept][:10]]))


class PublishDialog(QDialog):
    """The target calendar, whose calendar, then Check (a dry run) and Publish."""

    def __init__(
        self, document: SeasonDocument, settings: QSettings, parent: QWidget | None = None,
        runner: Runner = run_in_thread,
    ) -> None:
        super().__init__(parent)
        self.document, self.settings, self.runner = document, settings, runner
        self.checked: PublishResult | None = None
        self.published: PublishResult | None = None
        self.setWindowTitle("Publish to a calendar server")
        self.resize(640, 520)
        self._build()
        self._fill_names()
        self._load_targets()

    def _build(self) -> None:
        self.url = named(QComboBox(editable=True), "Calendar address")
        self.url.setPlaceholderText("https://cloud.example/dav/calendars/USER/season/")
        self.url.activated.connect(self._on_target_picked)
        self.user = named(QLineEdit(), "User name")
        self.password = named(QLineEdit(placeholderText="from the keyring"), "Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox("Keep the password in the system keyring")
        self.kind = named(QComboBox(), "Whose calendar")
        self.kind.addItems(list(KINDS))
        self.kind.currentTextChanged.connect(lambda _t: self._fill_names())
        self.name = named(QComboBox(), "Name")
        self.what = named(QComboBox(), "What goes in")
        self.what.addItems(list(WHAT))
        self.alarm = named(QSpinBox(maximum=10080, suffix=" min"), "Reminder minutes")
        self.alarm.setSpecialValueText("no reminder")
        whose = QHBoxLayout()
        whose.addWidget(self.kind)
        whose.addWidget(self.name, 1)
        form = QFormLayout()
        form.addRow("Calendar:", self.url)
        form.addRow("User:", self.user)
        form.addRow("Password:", self.password)
        form.addRow("", self.keep)
        form.addRow("Whose:", whose)
        form.addRow("What:", self.what)
        form.addRow("Reminder:", self.alarm)
        self.report = named(QPlainTextEdit(readOnly=True), "What will change")
        self.report.setPlaceholderText("Check shows what a publish would change.")
        self.warning = QLabel(wordWrap=True)
        self.warning.setStyleSheet("color: #b71c1c; font-weight: 600;")
        self.warning.hide()
        self.message = QLabel(wordWrap=True)
        self.check_button = QPushButton("&Check")
        self.publish_button = QPushButton("&Publish")
        self.publish_button.setEnabled(False)
        self.publish_button.setAutoDefault(False)
        self.check_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.publish_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.check_button.clicked.connect(self.check)
        self.publish_button.clicked.connect(self.write)
        for edit in (self.user, self.password):
            edit.textEdited.connect(lambda _t: self._stale())
        for combo in (self.kind, self.name, self.what):
            combo.currentIndexChanged.connect(lambda _i: self._stale())
        self.url.editTextChanged.connect(lambda _t: self._stale())
        self.alarm.valueChanged.connect(lambda _v: self._stale())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _fill_names(self) -> None:
        season = self.document.season
        kind = KINDS[self.kind.currentText()]
        names = {
            "driver": sorted(d.name for d in season.drivers.values()),
            "team": sorted(t.name for t in season.teams.values()),
            "series": sorted(season.series),
            "all": [],
        }[kind]
        self.name.clear()
        self.name.addItems(names)
        self.name.setEnabled(kind != "all")

    def _load_targets(self) -> None:
        self.targets = saved_targets(self.settings)
        for t in self.targets:
            self.url.addItem(t.url)
        if self.targets:
            self._on_target_picked(0)

    def _on_target_picked(self, index: int) -> None:
        if not 0 <= index < len(self.targets):
            return
        t = self.targets[index]
        self.url.setCurrentText(t.url)
        self.user.setText(t.user)
        label = next((k for k, v in KINDS.items() if v == t.kind), "Driver")
        self.kind.setCurrentText(label)
        self.name.setCurrentText(t.name)
        self.what.setCurrentText(next((k for k, v in WHAT.items() if v == t.only), ""))
        self.alarm.setValue(t.alarm)

    def target(self) -> ExportTarget:
        kind = KINDS[self.kind.currentText()]
        return ExportTarget(
            kind,  # type: ignore[arg-type]
            None if kind == "all" else self.name.currentText(),
            WHAT[self.what.currentText()],  # type: ignore[arg-type]
            self.alarm.value() or None,
        )

    def _password(self, url: str) -> str | None:
        return self.password.text() or find_password(url, self.user.text().strip() or None)

    def _stale(self) -> None:
        self.checked = None
        self.publish_button.setEnabled(False)

    def _run(self, dry_run: bool, done: Any) -> None:
        url = self.url.currentText().strip()
        if not url.lower().startswith(("http://", "https://")):
            self.message.setText("Give the calendar's http:// or https:// address.")
            return
        try:
            target = self.target()
        except PaddockError as exc:
            self.message.setText(str(exc))
            return
        user, password, db = self.user.text().strip() or None, self._password(url), self.document.db
        self.message.setText("Asking the calendar server..." if dry_run else "Publishing...")
        self.check_button.setEnabled(False)
        self.runner(lambda: publish(db, url, target, user=user, password=password,
                                    dry_run=dry_run), done)

    def check(self) -> None:
        """Ask the server what a publish would change; write nothing."""
        self._stale()
        self._run(True, self._checked)

    def _checked(self, result: object) -> None:
        self.check_button.setEnabled(True)
        if isinstance(result, Exception):
            self._failed(result)
            return
        assert isinstance(result, PublishResult)
        self.checked = result
        self.report.setPlainText(_report_text(result))
        self.warning.setText(SOON_WARNING + "\n" + "\n".join(result.soon))
        self.warning.setVisible(bool(result.soon))
        self.message.setText("Nothing to write." if not result.plan.writes else "")
        self.publish_button.setEnabled(bool(result.plan.writes))

    def write(self) -> None:
        if self.checked is None:
            return
        self._run(False, self._written)

    def _written(self, result: object) -> None:
        self.check_button.setEnabled(True)
        if isinstance(result, Exception):
            self._failed(result)
            return
        assert isinstance(result, PublishResult)
        self.published = result
        self._remember()
        self.message.setText(result.describe().splitlines()[0])
        self.publish_button.setEnabled(False)
        self.accept()

    def _remember(self) -> None:
        url, user = self.url.currentText().strip(), self.user.text().strip()
        t = self.target()
        remember(self.settings, SavedTarget(url, user, t.kind, t.name or "", t.only,
                                            t.alarm_minutes or 0))
        if self.keep.isChecked() and user and self.password.text():
            try:
                store_password(url, user, self.password.text())
            except PaddockError as exc:
                self.message.setText(str(exc))

    def _failed(self, exc: Exception) -> None:
        shown = str(exc) if isinstance(exc, PaddockError) else f"Could not publish: {exc}"
        self.message.setText(shown)
        self.report.setPlainText("")


def _report_text(result: PublishResult) -> str:
    lines = [result.describe().splitlines()[0], ""]
    lines += [f"\u2022 {c}" for c in result.changes] or ["No meeting or session changed."]
    return "\n".join(lines)


def open_publish_dialog(window: Any) -> PublishDialog:
    dialog = PublishDialog(window.document, window.settings, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
