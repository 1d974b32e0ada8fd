"""The season's editing views as the main window places them (the roster and the clash list)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.roster_view import RosterView


def build_roster(document: SeasonDocument) -> RosterView:
    return RosterView(document)


def build_clash_panel(document: SeasonDocument) -> QWidget:
    try:
        from paddock_desk.ui.clash_panel import ClashPanel
    except ImportError:
        label = QLabel("The clash list is not available in this build.")
        label.setAccessibleName("Clash list")
        return label
    return ClashPanel(document)
