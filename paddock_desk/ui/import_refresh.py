"""The Series menu's "Refresh from the web" action (the dialog is loaded when first used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from paddock_desk.ui.main_window import MainWindow


def add_series_menu(window: MainWindow, acts: dict[str, QAction]) -> None:
    """Series > Refresh from the web: fetch the calendars followed by URL, preview, apply."""
    menu = window.menuBar().addMenu("&Series")
    action = QAction("&Refresh from the web...", window)
    action.setStatusTip("Fetch the calendars the series follow again and show what changed")
    action.triggered.connect(lambda: _open(window))
    menu.addAction(action)
    acts["refresh_web"] = action


def _open(window: MainWindow) -> None:
    from paddock_desk.ui.import_refresh_dialog import open_refresh_dialog

    open_refresh_dialog(window.document, window)
