"""The dialog of a save refused because someone else saved the row first: Reload, Compare,
Overwrite (like Tryton's "This record has been modified while you were editing it"); a delete
refused the same way gets its own words (:class:`StaleWords`: Reload, Compare, Delete anyway).

It reads everything from the :class:`StaleEditError` the services raised (their values, mine,
both versions); it never parses a message. ``choice`` tells the caller what the person chose:
``"reload"``, ``"overwrite"`` or ``"cancel"``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.services.editing import StaleEditError

MIN_WIDTH = 640
DIFFERENT = QColor("#fff3cd")
"""The background of a field whose saved value differs from mine."""

Shown = Callable[[str, Any], str]
"""Text of a field's value as the edit dialog shows it (a series' name, not its id)."""


def as_text(_key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M %Z}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class StaleWords:
    """What the dialog says when it is not a save: a delete has its own sentence, "Delete
    anyway" for Overwrite and the row as the list showed it beside theirs."""

    message: str = ""
    """The sentence at the top (empty: the save's own, from the refusal)."""
    overwrite: str = "&Overwrite"
    overwrite_tip: str = "Save your values over theirs"
    mine: str = "Mine (not saved)"


class StaleDialog(QDialog):
    """Someone else saved this row since it was opened; nothing was written yet."""

    def __init__(
        self,
        refused: StaleEditError,
        fields: Sequence[tuple[str, str]],
        mine: dict[str, Any],
        word: str,
        shown: Shown = as_text,
        parent: QWidget | None = None,
        action: str = "",
        words: StaleWords | None = None,
    ) -> None:
        super().__init__(parent)
        self.refused = refused
        self.words = words or StaleWords()
        self.choice = "cancel"
        self.setWindowTitle("Changed by someone else")
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.message = QLabel(self.words.message or self._message(word, action))
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What happened")
        layout.addWidget(self.message)
        self.table = self._comparison(fields, mine, shown)
        self.table.hide()
        layout.addWidget(self.table)
        layout.addWidget(self._buttons())
        self.setMinimumWidth(MIN_WIDTH)
        self.resize(MIN_WIDTH, self.sizeHint().height())

    def _message(self, word: str, action: str) -> str:
        what = action or "Your changes were"
        seen = f" version {self.refused.seen}" if self.refused.seen is not None else ""
        if self.refused.theirs is None:
            return (f"This {word} was deleted by someone else while you were editing it "
                    f"(you had{seen or ' it'} open). {what} not saved.")
        return (f"This {word} has been modified by someone else while you were editing it: "
                f"you opened{seen or ' it'}, it is now version {self.refused.version}. "
                f"{what} not saved. Reload their values, compare them with yours, "
                "or overwrite theirs with yours.")

    def _comparison(
        self, fields: Sequence[tuple[str, str]], mine: dict[str, Any], shown: Shown
    ) -> QTableWidget:
        theirs = self.refused.theirs or {}
        table = QTableWidget(len(fields), 3)
        table.setAccessibleName("Their values beside mine")
        table.setHorizontalHeaderLabels(["Field", "Theirs (saved)", self.words.mine])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        bold = QFont()
        bold.setBold(True)
        for row, (key, label) in enumerate(fields):
            texts = (label, shown(key, theirs.get(key)) if theirs else "(deleted)",
                     shown(key, mine.get(key)))
            differs = texts[1] != texts[2]
            for column, value in enumerate(texts):
                item = QTableWidgetItem(value)
                if differs:
                    item.setBackground(QBrush(DIFFERENT))
                    item.setFont(bold)
                    item.setToolTip("Theirs and mine differ")
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        return table

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        self.reload_button = QPushButton("&Reload")
        self.reload_button.setToolTip("Show the values saved by someone else; yours are set aside")
        self.compare_button = QPushButton("&Compare")
        self.compare_button.setCheckable(True)
        self.compare_button.setToolTip("Their values beside yours, field by field")
        self.overwrite_button = QPushButton(self.words.overwrite)
        self.overwrite_button.setToolTip(self.words.overwrite_tip)
        self.overwrite_button.setEnabled(self.refused.theirs is not None)
        cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip("Keep editing; nothing is saved")
        box.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.overwrite_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.reload_button.clicked.connect(lambda: self._choose("reload"))
        self.overwrite_button.clicked.connect(lambda: self._choose("overwrite"))
        self.compare_button.toggled.connect(self._compare)
        cancel.clicked.connect(self.reject)
        self.reload_button.setDefault(True)
        return box

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def _compare(self, shown: bool) -> None:
        """Show or hide the comparison, the dialog as tall as its rows need."""
        self.table.setVisible(shown)
        if shown:
            self.table.resizeRowsToContents()
            rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
            frame = 2 * self.table.frameWidth()
            self.table.setFixedHeight(self.table.horizontalHeader().height() + rows + frame)
        self.resize(self.width(), self.sizeHint().height())

    def rows(self) -> list[tuple[str, str, str]]:
        """(field, theirs, mine) as the comparison shows them."""
        return [
            tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(self.table.rowCount())
        ]
