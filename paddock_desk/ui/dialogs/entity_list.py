"""The list of every entry of one kind, with New, Edit and Delete (each undoable)."""

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
from paddock_desk.services.editing import ChangeSet
from paddock_desk.services.edits_rows import DeleteRow
from paddock_desk.ui.dialogs.entity_dialog import ERROR_STYLE, EntityDialog
from paddock_desk.ui.dialogs.specs import TITLES
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
        self._build()
        self.refresh()
        document.changed.connect(self.on_changed)

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

    def refresh(self) -> None:
        current = self.selected_id()
        self.list.clear()
        for row_id, label in forms.row_labels(self.document.db, self.kind):
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, row_id)
            self.list.addItem(item)
            if row_id == current:
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

    def on_changed(self, change: ChangeSet) -> None:
        self.refresh()

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
        label = self.list.currentItem().text()
        try:
            self.document.execute(DeleteRow(self.kind, row_id, text=f"Delete {label}"))
        except PaddockError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
