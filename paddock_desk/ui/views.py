"""The season's editing views as the main window places them (the roster and the clash list)."""

from __future__ import annotations

from paddock_desk.ui.clash_panel import ClashPanel
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.roster_view import RosterView


def build_roster(document: SeasonDocument) -> RosterView:
    return RosterView(document)


def build_clash_panel(document: SeasonDocument) -> ClashPanel:
    return ClashPanel(document)
