"""The list of every entry of one kind, with New, Edit and Delete (each undoable).

The list remembers each row's version as it showed it (and its columns): a delete names that
version, so a row someone else saved since is not deleted without a word (Reload, Compare,
Delete anyway), and one they deleted is said to be gone. Other staff's commits heard while the
list is open show in its labels but leave the versions it showed; the person's own edits, and
Reload, take the versions they saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services import edits_forms as forms
from paddock_desk.services.editing import ChangeKind, ChangeSet, StaleEditError
from paddock_desk.services.edits_forms import ListedRow
from paddock_desk.services.edits_rows import DeleteRow
from paddock_desk.ui.dialogs.entity_dialog import ERROR_STYLE, NOTE_STYLE, EntityDialog
from paddock_desk.ui.dialogs.specs import TITLES
from paddock_desk.ui.dialogs.stale_delete import stale_delete_dialog
from paddock_desk.ui.dialogs.stale_dialog import StaleDialog
from paddock_desk.ui.document import SeasonDocument

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class EntityListDialog(QDialog):
    """Every row of ``kind``; double-click or Enter edits, Delete deletes."""

    def __init__(
        self, document: SeasonDocument, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.kind = kind
        title, self.word = TITLES[kind]
        self.setWindowTitle(title)
        self.resize(640, 480)
        self.seen: dict[int, ListedRow] = {}
        """Each row as the list showed it: the version a delete names."""
        self.stale_dialog: StaleDialog | None = None
        self._outside = False
        self._build()
        self.refresh()
        document.changed.connect(self.on_changed)
        document.outside_changing.connect(self.on_outside_changing)

    def _build(self) -> None:
        self.filter_edit = QLineEdit(placeholderText=f"Filter {TITLES[self.kind][0].lower()}…")
        self.filter_edit.setAccessibleName("Filter the list")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.list = QListWidget()
        self.list.setAccessibleName(TITLES[self.kind][0])
        self.list.itemActivated.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_selected)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.new_button = QPushButton(f"&New {self.word}…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.filter_edit, self.list, self.message):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(close)

    def refresh(self, take: frozenset[int] | None = None) -> None:
        """Read the rows again; a row seen before keeps the version the list showed unless it is
        in ``take`` (None: every row takes the version read now)."""
        current = self.selected_id()
        rows = forms.listed_rows(self.document.db, self.kind)
        seen = self.seen
        self.seen = {
            r.id: seen[r.id] if take is not None and r.id in seen and r.id not in take else r
            for r in rows
        }
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(row.label)
            item.setData(ID_ROLE, row.id)
            self.list.addItem(item)
            if row.id == current:
                self.list.setCurrentItem(item)
        self._apply_filter(self.filter_edit.text())
        self._update_buttons()

    def labels(self) -> list[str]:
        """The labels shown now (filtered)."""
        return [
            self.list.item(i).text() for i in range(self.list.count())
            if not self.list.item(i).isHidden()
        ]

    def select(self, label: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == label:
                self.list.setCurrentRow(i)
                return
        raise KeyError(label)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(needle not in item.text().casefold())

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def on_outside_changing(self) -> None:
        self._outside = True  # the change that follows is other staff's

    def on_changed(self, change: ChangeSet) -> None:
        outside, self._outside = self._outside, False
        self.refresh(frozenset() if outside else self._taken(change))

    def _taken(self, change: ChangeSet) -> frozenset[int] | None:
        """The rows whose version an edit of the person's own saved (None: every row)."""
        kind = ChangeKind(self.kind)
        if change.is_everything or (kind in change.kinds and not change.ids_of(kind)):
            return None
        return change.ids_of(kind)

    def dialog(self, row_id: int | None = None) -> EntityDialog:
        """The edit dialog for a row (or a new one), not yet shown."""
        return EntityDialog(self.document, self.kind, row_id, self)

    def new(self) -> None:
        self.dialog().exec()

    def edit_selected(self) -> None:
        row_id = self.selected_id()
        if row_id is not None:
            self.dialog(row_id).exec()

    def delete_selected(self) -> None:
        row_id = self.selected_id()
        if row_id is None:
            return
        seen = self.seen.get(row_id)
        self.delete(row_id, self.list.currentItem().text(), seen.version if seen else None)

    def delete(self, row_id: int, label: str, version: int | None) -> None:
        """Delete the row if it is still at ``version``; otherwise say why not."""
        try:
            self.document.execute(
                DeleteRow(self.kind, row_id, text=f"Delete {label}", version=version))
        except StaleEditError as exc:
            if exc.theirs is not None:
                self.refused(exc, row_id, label)
                return
            self.refresh(frozenset())
            who = self.document.changed_by(self.kind, row_id) or "Someone else"
            self._say(f'{who} already deleted the {self.word} "{label}"; '
                      "the list now shows what is saved.")
            return
        except PaddockError as exc:
            self._say(str(exc))
            return
        self.message.hide()

    def _say(self, text: str, style: str = ERROR_STYLE) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.show()

    # ---- someone else saved the row after the list showed it --------------------------------

    def refused(self, exc: StaleEditError, row_id: int, label: str) -> None:
        """Offer Reload, Compare and Delete anyway (window-modal, the list stays visible)."""
        seen = self.seen.get(row_id)
        dialog = stale_delete_dialog(self.document, self.kind, exc,
                                     seen.values if seen else {}, label, self)
        self.stale_dialog = dialog
        dialog.finished.connect(lambda _result: self._after_stale(dialog, row_id, label))
        dialog.open()

    def _after_stale(self, dialog: StaleDialog, row_id: int, label: str) -> None:
        self.stale_dialog = None
        dialog.deleteLater()
        theirs = dialog.refused.version
        if dialog.choice == "overwrite":
            self.delete(row_id, label, theirs)
        elif dialog.choice == "reload":
            self.refresh(frozenset({row_id}))
            shown = self.seen.get(row_id)
            if shown is None:
                return
            self.select(shown.label)
            self._say(f'The list shows the {self.word} "{shown.label}" as saved now '
                      f"(version {shown.version}); nothing was deleted.", NOTE_STYLE)
