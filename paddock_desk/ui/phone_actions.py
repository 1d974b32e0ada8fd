"""File > Publish to a calendar server... and File > Subscription feeds...: the actions only.

The dialogs behind them (and the publishing services with their libraries) load when chosen, so
the window paints without them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def add_phone_actions(window: Any, menu: QMenu, acts: dict[str, QAction]) -> None:
    """File > Publish to a calendar server... and File > Subscription feeds..., after Export."""
    from paddock_desk.ui.main_menus import make_action

    acts["publish"] = make_action(
        window, "&Publish to a calendar server...", lambda: _open_publish(window),
        "", "export", "Push a calendar to a CalDAV server that phones sync (Nextcloud, iCloud...)",
    )
    acts["feeds"] = make_action(
        window, "Subscription &feeds...", lambda: _open_feeds(window), "", "export",
        "Each driver's, team's and series' feed address, as text and as a QR code",
    )
    shown = menu.actions()
    export = acts.get("export")
    at = shown.index(export) + 1 if export in shown else len(shown)
    before = shown[at] if at < len(shown) else None
    for name in ("publish", "feeds"):
        if before is not None:
            menu.insertAction(before, acts[name])
        else:
            menu.addAction(acts[name])


def _open_publish(window: Any) -> None:
    from paddock_desk.ui.publish_dialog import open_publish_dialog

    open_publish_dialog(window)


def _open_feeds(window: Any) -> None:
    from paddock_desk.ui.feeds_panel import open_feeds_panel

    open_feeds_panel(window.document, window)
