"""An undo or redo refused because someone else changed the row since: the same Reload, Compare
and Overwrite as a stale save. The season is already read again when this shows, so Reload
just keeps their values; Overwrite writes the step's values over theirs as a new undoable edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services import edits_forms as forms
from paddock_desk.services.editing import RefusedStep
from paddock_desk.services.edits_rows import WHAT, overwrite
from paddock_desk.ui.dialogs.specs import SPECS
from paddock_desk.ui.dialogs.stale_dialog import StaleDialog, as_text
from paddock_desk.ui.document import SeasonDocument


def refused_step_dialog(
    document: SeasonDocument, step: RefusedStep, parent: QWidget | None
) -> StaleDialog:
    """The dialog for ``step``, opened (window-modal); it acts on the person's choice."""
    error = step.error
    fields = [(f.key, f.label.replace("&", "")) for f in SPECS.get(error.kind, ())]
    labels = {f.key: dict(forms.choices(document.db, f.ref))
              for f in SPECS.get(error.kind, ()) if f.ref}

    def shown(key: str, value: Any) -> str:
        return labels[key].get(value, as_text(key, value)) if key in labels else as_text(key, value)

    verb = "Undo" if step.undo else "Redo"
    mine = {**(error.theirs or {}), **error.mine}
    dialog = StaleDialog(error, fields, mine, WHAT.get(error.kind, "entry"), shown, parent,
                         action=f'{verb} of "{step.text}" was')
    if not error.mine:
        dialog.overwrite_button.setEnabled(False)
    dialog.finished.connect(lambda _result: _chosen(document, step, dialog, parent))
    dialog.open()
    return dialog


def _chosen(
    document: SeasonDocument, step: RefusedStep, dialog: StaleDialog, parent: QWidget | None
) -> None:
    dialog.deleteLater()
    if dialog.choice != "overwrite":
        return
    verb = "undo" if step.undo else "redo"
    edit = overwrite(step.error, f"Overwrite ({verb} of {step.text})")
    if edit is None:
        return
    try:
        document.execute(edit)
    except PaddockError as exc:
        QMessageBox.warning(parent, "Not saved", str(exc))
