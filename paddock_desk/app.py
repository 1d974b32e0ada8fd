"""The composition root: arguments, database, document, main window; nothing built at import.

The window shows first; the database opens and the season loads behind it (start-up speed:
SQLAlchemy and the season are not needed for the first paint).
``paddock-desk gui`` (the default command) calls :func:`run_app`; the ``paddock-desk-gui``
launcher calls :func:`main`. Qt is imported only here, when the app starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from paddock_desk.services.season import Database
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


def season_target(args: argparse.Namespace) -> tuple[str, bool]:
    """The database named by --db (or $PADDOCK_DESK_DB), else the default one (and whether so).

    As the command line's ``database_target``, without importing the store before first paint.
    """
    from paddock_desk.identity import default_database_path

    named = getattr(args, "db", None)
    if named:
        return str(named), False
    return str(default_database_path()), True


def open_season(args: argparse.Namespace) -> Database:
    """The database of --db / $PADDOCK_DESK_DB / the default; a new default one gets the demo."""
    from paddock_desk.services.season import open_season_database

    target, is_default = season_target(args)
    fresh = is_default and not Path(target).exists()
    db = open_season_database(target)
    if fresh:
        from paddock_desk.services.demo import load_demo

        load_demo(db)
    return db


def build_window(db: Database | None = None, label: str = "") -> MainWindow:
    """The document over ``db`` (None: ``label`` is being opened) and the main window."""
    from paddock_desk.ui.document import SeasonDocument
    from paddock_desk.ui.main_window import MainWindow
    from paddock_desk.ui.settings import app_settings

    document = SeasonDocument(db, label=label)
    return MainWindow(document, app_settings())


def after_first_paint(widget: QWidget, action: Callable[[], None]) -> None:
    """Run ``action`` once ``widget`` has painted for the first time (then the loop is free)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, action)
            return False

    spy = FirstPaint(widget)
    widget.installEventFilter(spy)


def start_window(args: argparse.Namespace, on_failure: Callable[[BaseException], None]
                 ) -> MainWindow:
    """Show the main window at once and open the season behind it once it has painted.

    The database is opened and the season read on a worker thread (SQLAlchemy is first imported
    there); ``on_failure`` gets the exception when the database cannot be opened. Then the window
    follows other staff's commits, and FILEs named on the command line open the import preview.
    """
    from paddock_desk.services.season import display_name

    target, _default = season_target(args)
    label = display_name(target)
    window = build_window(None, label)
    document = window.document
    files = [Path(f) for f in getattr(args, "files", None) or []]

    def opened() -> None:
        document.opened.disconnect(opened)
        document.open_failed.disconnect(failed)
        if files:
            from paddock_desk.ui.import_dialog import open_import_dialog

            open_import_dialog(document, window, files)

    def failed(exc: BaseException) -> None:
        document.opened.disconnect(opened)
        document.open_failed.disconnect(failed)
        on_failure(exc)

    document.opened.connect(opened)
    document.open_failed.connect(failed)
    document.watch()
    after_first_paint(window, lambda: document.open_with(lambda: open_season(args), label))
    window.show()
    return window


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
    code = [0]

    def failed(exc: BaseException) -> None:
        print(f"paddock-desk: {exc}", file=sys.stderr)
        error_box(describe(exc, None), window[0] if window else None).exec()
        code[0] = 1
        app.exit(1)

    install_error_dialog(lambda: window[0] if window else None)
    window.append(start_window(args, failed))
    close_on_signals(app)
    try:
        result = int(app.exec())
    finally:
        window[0].document.close()
    return code[0] or result


def gui_argv(argv: Sequence[str]) -> list[str]:
    """The launcher's arguments as the command line reads them: 'gui' after the --db option."""
    args = list(argv)
    i = 0
    while i < len(args) and args[i].startswith("--db"):
        i += 1 if "=" in args[i] else 2
    if i < len(args) and args[i] in ("gui", "--version", "-h", "--help"):
        return args
    return [*args[:i], "gui", *args[i:]]


def gui_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """``[--db DB] gui [FILE...]`` as the gui command reads it; None for anything else.

    The launcher starts the app from these without building the whole command line (whose
    commands load the database layer before the window could paint).
    """
    import os

    from paddock_desk.identity import DB_ENV

    args = list(argv)
    db = os.environ.get(DB_ENV)
    if args[:1] == ["--db"] and len(args) > 1:
        db, args = args[1], args[2:]
    elif args and args[0].startswith("--db="):
        db, args = args[0].removeprefix("--db="), args[1:]
    if args[:1] != ["gui"] or any(a.startswith("-") for a in args[1:]):
        return None
    return argparse.Namespace(db=db, command="gui", files=args[1:])


def main(argv: Sequence[str] | None = None) -> int:
    """The ``paddock-desk-gui`` launcher (a desktop entry, no console)."""
    args = gui_argv(sys.argv[1:] if argv is None else argv)
    quick = gui_arguments(args)
    if quick is not None:
        return run_app(quick)
    from paddock_desk.cli import main as cli_main

    return cli_main(args)
