"""The dialog that creates or edits one entry, with a message under each field it refuses."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services import edits_forms as forms
from paddock_desk.services.editing import StaleEditError
from paddock_desk.services.edits_rows import CreateRow, UpdateRow, overwrite
from paddock_desk.ui.dialogs.editors import ChoiceEditor, Editor, make_editor
from paddock_desk.ui.dialogs.specs import SPECS, TITLES
from paddock_desk.ui.dialogs.stale_dialog import StaleDialog, as_text
from paddock_desk.ui.document import SeasonDocument

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #1f5fa8;"
FIELD_WIDTH = 300
"""Wide enough for a field's refusal message on two lines (the dialog grows to fit them)."""


class EntityDialog(QDialog):
    """New or changed values of one row of ``kind``; saved as one undoable edit on OK."""

    def __init__(
        self,
        document: SeasonDocument,
        kind: str,
        row_id: int | None = None,
        parent: QWidget | None = None,
        defaults: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.kind = kind
        self.row_id = row_id
        word = TITLES[kind][1]
        self.setWindowTitle(f"Edit {word}" if row_id is not None else f"New {word}")
        self.editors: dict[str, Editor] = {}
        self.messages: dict[str, QLabel] = {}
        self._before: dict[str, Any] = {}
        self.version: int | None = None
        self.stale_dialog: StaleDialog | None = None
        """The version of the row this dialog opened (or last reloaded); its save names it."""
        self._build()
        self._load(defaults or {})
        self.validate()

    def _build(self) -> None:
        form = QFormLayout()
        db = self.document.db
        for field in SPECS[self.kind]:
            options = forms.choices(db, field.ref) if field.ref else []
            editor = make_editor(field, options, self._zone)
            editor.widget.setMinimumWidth(FIELD_WIDTH)
            message = QLabel()
            message.setStyleSheet(ERROR_STYLE)
            message.setWordWrap(True)
            message.setAccessibleName(f"{field.label.replace('&', '')} problem")
            message.hide()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor.widget)
            box.addWidget(message)
            label = "" if field.kind == "bool" else field.label
            form.addRow(label, box)
            self.editors[field.key] = editor
            self.messages[field.key] = message
            editor.on_change(self.validate)
        self.banner = QLabel()
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Why the entry was not saved")
        self.banner.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with messages
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self._link_labels(form)

    def _link_labels(self, form: QFormLayout) -> None:
        """Each label's mnemonic (Alt+letter) moves to its field."""
        for row, field in enumerate(SPECS[self.kind]):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setBuddy(self.editors[field.key].widget)

    def _zone(self) -> str:
        editor = self.editors.get("meeting_id")
        meeting = editor.value() if editor is not None else None
        return forms.meeting_zone(self.document.db, meeting) if meeting else "UTC"

    def _new_defaults(self) -> dict[str, Any]:
        """Dates of a new entry start at today; session times at 09:00 on the meeting's day."""
        today = datetime.now(UTC).date()
        values: dict[str, Any] = {"start_date": today, "end_date": today}
        meeting_id = self.editors["meeting_id"].value() if "meeting_id" in self.editors else None
        db = self.document.db
        meeting = forms.read_values(db, "meetings", meeting_id) if meeting_id else None
        if meeting is not None:
            zone = ZoneInfo(self._zone())
            day = meeting["start_date"]
            values["start"] = datetime.combine(day, time(9), tzinfo=zone)
            values["end"] = datetime.combine(day, time(10), tzinfo=zone)
        return values

    def _load(self, defaults: dict[str, Any]) -> None:
        values = {**self._new_defaults(), **defaults} if self.row_id is None else {}
        if self.row_id is not None:
            values = forms.read_values(self.document.db, self.kind, self.row_id) or {}
        for key, editor in self.editors.items():
            if key in values:
                editor.set_value(values[key])
        self._before = {key: values.get(key) for key in self.editors}
        self.version = values.get("version")

    def values(self) -> dict[str, Any]:
        return {key: editor.value() for key, editor in self.editors.items()}

    def validate(self) -> bool:
        """Show a message under each refused field; Save is enabled only when there is none."""
        found = forms.problems(self.document.db, self.kind, self.values(), self.row_id)
        if self.kind == "lineups":
            from paddock_desk.ui.lineup_note import show_note

            show_note(self, self.document, self.values())
        for key, label in self.messages.items():
            label.setText(found.get(key, ""))
            label.setVisible(key in found)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not found)
        self._fit_messages()
        return not found

    def _fit_messages(self) -> None:
        """Grow taller when a message wraps onto more lines than the dialog has room for."""
        layout = self.layout()
        if not self.isVisible() or layout is None:
            return
        layout.activate()
        width = self.width()
        needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(width, needed)

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            values = forms.checked(self.document.db, self.kind, self.values(), self.row_id)
            edit = self._edit(values)
            if edit is not None:
                self.document.execute(edit)
        except StaleEditError as exc:
            self.refused(exc)
            return
        except PaddockError as exc:
            self._tell(str(exc))
            return
        super().accept()

    def _tell(self, text: str, style: str = ERROR_STYLE) -> None:
        self.banner.setStyleSheet(style)
        self.banner.setText(text)
        self.banner.show()

    # ---- someone else saved the row first ---------------------------------------------------

    def refused(self, exc: StaleEditError) -> None:
        """Offer Reload, Compare and Overwrite (window-modal, so the form stays visible)."""
        fields = [(f.key, f.label.replace("&", "")) for f in SPECS[self.kind]]
        dialog = StaleDialog(exc, fields, self.values(), TITLES[self.kind][1],
                             self.shown_value, self)
        self.stale_dialog = dialog
        dialog.finished.connect(lambda _result: self._after_stale(dialog))
        dialog.open()

    def _after_stale(self, dialog: StaleDialog) -> None:
        self.stale_dialog = None
        dialog.deleteLater()
        if dialog.choice == "reload":
            self.reload_theirs(dialog.refused)
        elif dialog.choice == "overwrite":
            self.overwrite(dialog.refused)

    def reload_theirs(self, refused: StaleEditError) -> None:
        """Show the values someone else saved, at their version (mine are set aside)."""
        theirs = refused.theirs
        if theirs is None:
            self._tell(f"This {TITLES[self.kind][1]} was deleted by someone else; "
                       "it cannot be saved.")
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        for key, editor in self.editors.items():
            if key in theirs:
                editor.set_value(theirs[key])
        self._before = {key: theirs.get(key) for key in self.editors}
        self.version = int(theirs["version"])
        self._tell(f"These are the values someone else saved (version {self.version}); "
                   "yours were not saved.", NOTE_STYLE)

    def overwrite(self, refused: StaleEditError) -> None:
        """Save every value of this form over theirs, naming the version they saved."""
        word = TITLES[self.kind][1]
        edit = overwrite(refused, f"Overwrite {word} {self.values().get('name') or ''}".rstrip(),
                         mine=self.values())
        if edit is None:
            self.reload_theirs(refused)
            return
        try:
            self.document.execute(edit)
        except StaleEditError as again:
            self.refused(again)
            return
        except PaddockError as exc:
            self._tell(str(exc))
            return
        self.version = edit.version
        super().accept()

    def shown_value(self, key: str, value: Any) -> str:
        """A field's value as this form shows it: a choice by its label, a time in its zone."""
        editor = self.editors.get(key)
        if isinstance(editor, ChoiceEditor):
            found = editor.combo.findData("" if value is None else value)
            return editor.combo.itemText(found) if found >= 0 else as_text(key, value)
        if isinstance(value, datetime):
            return f"{value.astimezone(ZoneInfo(self._zone())):%Y-%m-%d %H:%M}"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return as_text(key, value)

    def _edit(self, values: dict[str, Any]) -> CreateRow | UpdateRow | None:
        """The edit that saves ``values`` (None when nothing changed)."""
        word = TITLES[self.kind][1]
        label = str(values.get("name") or "")
        if self.row_id is None:
            return CreateRow(self.kind, values, text=f"New {word} {label}".rstrip())
        changed = {k: v for k, v in values.items() if v != self._before.get(k)}
        if not changed:
            return None
        return UpdateRow(self.kind, self.row_id, self._before, changed,
                         text=f"Edit {word} {label}".rstrip(), version=self.version)
