"""The composition root: arguments, database, document, main window; nothing built at import.

``paddock-desk gui`` (the default command) calls :func:`run_app`; the ``paddock-desk-gui``
launcher calls :func:`main`. Qt is imported only here, when the app starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from paddock_desk.domain.errors import PaddockError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from paddock_desk.store.database import Database
    from paddock_desk.ui.main_window import MainWindow


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (made once), named as identity.py says, with the app icon."""
    from PySide6.QtWidgets import QApplication

    from paddock_desk.identity import configure_qt_application
    from paddock_desk.ui.icons import app_icon

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0], *(argv or [])]
    )
    configure_qt_application(app)
    app.setWindowIcon(app_icon())
    return app


def open_season(args: argparse.Namespace) -> Database:
    """The database of --db / $PADDOCK_DESK_DB / the default; a new default one gets the demo."""
    from paddock_desk.cli.context import database_target
    from paddock_desk.store.database import open_database

    target, is_default = database_target(args)
    fresh = is_default and not Path(target).exists()
    db = open_database(target)
    if fresh:
        from paddock_desk.services.demo import load_demo

        load_demo(db)
    return db


def build_window(db: Database) -> MainWindow:
    """The document over ``db`` and the main window showing it."""
    from paddock_desk.ui.document import SeasonDocument
    from paddock_desk.ui.main_window import MainWindow
    from paddock_desk.ui.settings import app_settings

    document = SeasonDocument(db)
    return MainWindow(document, app_settings())


def close_on_signals(app: QApplication) -> None:
    """Ctrl+C or a polite kill closes the windows as the Quit action does (settings kept)."""
    import signal

    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: app.closeAllWindows())
    wake = QTimer(app)  # gives Python a moment to run the handlers while Qt waits
    wake.timeout.connect(lambda: None)
    wake.start(300)


def run_app(args: argparse.Namespace) -> int:
    """Open the season named by ``args`` in the main window and run until it closes."""
    app = application()
    from paddock_desk.ui.errors import describe, error_box, install_error_dialog

    window: list[MainWindow] = []
    install_error_dialog(lambda: window[0] if window else None)
    try:
        db = open_season(args)
    except PaddockError as exc:
        print(f"paddock-desk: {exc}", file=sys.stderr)
        error_box(describe(exc, None)).exec()
        return 1
    try:
        window.append(build_window(db))
        window[0].show()
        close_on_signals(app)
        files = [Path(f) for f in getattr(args, "files", None) or []]
        if files:
            from paddock_desk.ui.import_dialog import open_import_dialog

            open_import_dialog(window[0].document, window[0], files)
        return int(app.exec())
    finally:
        db.close()


def gui_argv(argv: Sequence[str]) -> list[str]:
    """The launcher's arguments as the command line reads them: 'gui' after the --db option."""
    args = list(argv)
    i = 0
    while i < len(args) and args[i].startswith("--db"):
        i += 1 if "=" in args[i] else 2
    if i < len(args) and args[i] in ("gui", "--version", "-h", "--help"):
        return args
    return [*args[:i], "gui", *args[i:]]


def main(argv: Sequence[str] | None = None) -> int:
    """The ``paddock-desk-gui`` launcher (a desktop entry, no console)."""
    from paddock_desk.cli import main as cli_main

    return cli_main(gui_argv(sys.argv[1:] if argv is None else argv))
