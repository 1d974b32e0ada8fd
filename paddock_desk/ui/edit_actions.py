"""The Edit menu's actions: one per kind of entry, each opening that kind's list."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from paddock_desk.ui.dialogs.specs import TITLES
from paddock_desk.ui.document import SeasonDocument

MENU = (
    ("drivers", "&Drivers…", "Ctrl+Shift+D"),
    ("teams", "&Teams…", "Ctrl+Shift+T"),
    ("cars", "Ca&rs…", "Ctrl+Shift+R"),
    ("lineups", "&Line-ups…", "Ctrl+Shift+L"),
    ("series", "&Series…", "Ctrl+Shift+S"),
    ("meetings", "&Meetings…", "Ctrl+Shift+M"),
    ("sessions", "Sess&ions…", "Ctrl+Shift+I"),
    ("circuits", "&Circuits…", "Ctrl+Shift+C"),
    ("unavailability", "Una&vailability…", "Ctrl+Shift+U"),
    ("lineup_rules", "Line-up r&ules…", "Ctrl+Shift+B"),
    ("documents", "Driver d&ocuments…", "Ctrl+Shift+O"),
)


def open_entity_list(document: SeasonDocument, kind: str, parent: QWidget | None) -> None:
    from paddock_desk.ui.dialogs.entity_list import EntityListDialog

    dialog = EntityListDialog(document, kind, parent)
    dialog.exec()
    dialog.deleteLater()


def edit_actions(document: SeasonDocument, parent: QWidget) -> list[QAction]:
    """Actions that open the list of each kind of entry (new, edit, delete inside)."""
    actions: list[QAction] = []
    for kind, text, shortcut in MENU:
        action = QAction(text, parent)
        action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(f"Create, edit or delete {TITLES[kind][0].lower()}")
        action.setObjectName(f"edit-{kind}")
        action.triggered.connect(
            lambda _checked=False, k=kind: open_entity_list(document, k, parent)
        )
        actions.append(action)
    return actions
