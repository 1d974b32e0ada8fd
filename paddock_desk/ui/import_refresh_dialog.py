"""Series > Refresh from the web: fetch the followed calendars, preview, then apply.

The calendars every followed series remembers are fetched off the UI thread (a calendar the
server says is unchanged is not fetched again); the dialog then shows what would move, what is
new and what is gone, with the clashes that adds or resolves, exactly as File > Import does. The
user may have gone meetings and sessions marked cancelled; applying is one step of the undo
history.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QVBoxLayout, QWidget

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.calendar_follow import fetch_followed
from paddock_desk.services.import_preview import preview_import
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.import_dialog import ImportDialog
from paddock_desk.ui.tasks import Runner, run_in_thread

TITLE = "Refresh from the web"
CANCEL_BOX = "Mark &gone meetings and sessions cancelled"
GONE_HINT = f'tick "{CANCEL_BOX.replace("&", "")}" below to cancel it'
"""What a gone line of the preview tells the user to do: the box, not the command's flag."""


class RefreshDialog(ImportDialog):
    """The preview of a refresh of every followed calendar, and its confirmation."""

    def __init__(
        self, document: SeasonDocument, parent: QWidget | None = None,
        runner: Runner = run_in_thread,
    ) -> None:
        super().__init__(document, [], parent, runner, title=TITLE)
        self.edit_text = TITLE
        self.unchanged: list[str] = []
        self._folder = tempfile.TemporaryDirectory(prefix="paddock-desk-")
        self.destroyed.connect(lambda *_: self._folder.cleanup())
        self.heading.setText("Fetching the calendars the series follow...")
        self.gone_hint = GONE_HINT
        self.cancel_missing = QCheckBox(CANCEL_BOX)
        self.cancel_missing.setAccessibleName(CANCEL_BOX.replace("&", ""))
        self.cancel_missing.setToolTip(
            "Meetings and sessions the calendars no longer have are cancelled (never deleted)"
        )
        self.cancel_missing.hide()
        self.cancel_missing.toggled.connect(self._cancel_toggled)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.buttons), self.cancel_missing)
        self.series_row.setEnabled(False)  # a followed series keeps its name

    def start(self) -> None:
        """Fetch every followed calendar, then preview the import."""
        self._busy("Fetching the calendars...")
        db, folder, hint = self.document.db, Path(self._folder.name), self.gone_hint

        def fetch_and_preview() -> Any:
            sources, unchanged = fetch_followed(db, folder)
            preview = preview_import(db, sources, gone_hint=hint) if sources else None
            return sources, unchanged, preview

        self.runner(fetch_and_preview, self._fetched)

    def _fetched(self, result: Any) -> None:
        if isinstance(result, PaddockError):
            self._idle()
            self._say(f"<b>Nothing was changed.</b> {result}")
            return
        if isinstance(result, Exception):
            raise result
        sources, self.unchanged, preview = result
        self.files = list(sources)
        if preview is None:
            self._idle()
            self._say(self._nothing_fetched())
            return
        self.cancel_missing.show()
        self._checked(preview)

    def _cancel_toggled(self, on: bool) -> None:
        self.files = [replace(s, cancel_missing=on) for s in self.files]  # type: ignore[type-var]
        ImportDialog.start(self)

    def _nothing_fetched(self) -> str:
        if self.unchanged:
            return "Not modified since the last fetch: " + ", ".join(self.unchanged) + "."
        return "No series follows a calendar URL yet: import one by its https:// address."

    def _say(self, text: str) -> None:
        self.heading.setText(text)
        self.import_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Close")


def open_refresh_dialog(document: SeasonDocument, parent: QWidget | None) -> RefreshDialog:
    dialog = RefreshDialog(document, parent)
    dialog.start()
    dialog.open()
    return dialog
