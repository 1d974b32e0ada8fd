"""The main window's menus and toolbar: every action with its shortcut, icon and tip."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from paddock_desk.ui.icons import icon
from paddock_desk.ui.import_refresh import add_series_menu

if TYPE_CHECKING:
    from paddock_desk.ui.main_window import MainWindow

Keys = QKeySequence.StandardKey | str | list[QKeySequence] | None


def make_action(
    window: MainWindow, text: str, slot: Callable[[], object], keys: Keys = None,
    icon_name: str = "", tip: str = "",
) -> QAction:
    action = QAction(icon(icon_name), text, window)
    if isinstance(keys, list):
        action.setShortcuts(keys)
    elif keys is not None:
        action.setShortcut(QKeySequence(keys))
    action.setToolTip(_tip(tip or text.replace("&", "").rstrip("."), action))
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def _tip(text: str, action: QAction) -> str:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({keys})" if keys else text


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Menus File, Edit, View, Help and the toolbar; returns the actions by name."""
    acts: dict[str, QAction] = {}
    _file_menu(window, acts)
    _edit_menu(window, acts)
    _view_menu(window, acts)
    add_series_menu(window, acts)
    _help_menu(window, acts)
    _toolbar(window, acts)
    return acts


def _open_import(window: MainWindow) -> None:
    from paddock_desk.ui.import_dialog import open_import_dialog  # loaded when first used

    open_import_dialog(window.document, window)


def _open_export(window: MainWindow) -> None:
    from paddock_desk.ui.export_dialog import open_export_dialog  # loaded when first used

    open_export_dialog(window.document, window)


def _add_open_actions(window: MainWindow, menu: QMenu, acts: dict[str, QAction]) -> None:
    from paddock_desk.ui.file_actions import add_file_actions  # New, Open, Team, Recent

    add_file_actions(window, menu, acts)


def _print_actions(window: MainWindow) -> dict[str, QAction]:
    from paddock_desk.ui.print_actions import print_actions

    return print_actions(window)


def _desk_actions(window: MainWindow) -> dict[str, QAction]:
    from paddock_desk.ui.desk_views import view_tab_actions
    from paddock_desk.ui.view_actions import view_actions

    return {**view_tab_actions(window), **view_actions(window)}


def _file_menu(window: MainWindow, acts: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu("&File")
    _add_open_actions(window, menu, acts)
    acts["import"] = make_action(
        window, "&Import...", lambda: _open_import(window), "Ctrl+I",
        "import", "Import CSV files or iCalendar (.ics) calendars into the season",
    )
    acts["export"] = make_action(
        window, "&Export iCalendar...", lambda: _open_export(window),
        "Ctrl+E", "export", "Write a driver's, team's or series' calendar as an .ics file",
    )
    acts.update(_print_actions(window))
    acts["reload"] = make_action(
        window, "&Reload", window.reload, QKeySequence.StandardKey.Refresh, "reload",
        "Read the season again from the database (after others changed it)",
    )
    acts["quit"] = make_action(
        window, "&Quit", window.close, "Ctrl+Q", "quit", "Close Paddock Desk"
    )
    acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    for name in ("import", "export", None, "print", "export_pdf", None, "reload", None, "quit"):
        _add(menu, acts, name)
    from paddock_desk.ui.phone_actions import add_phone_actions  # publish and feeds

    add_phone_actions(window, menu, acts)


def _edit_menu(window: MainWindow, acts: dict[str, QAction]) -> None:
    stack = window.document.undo_stack
    undo = stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setIcon(icon("undo"))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(icon("redo"))
    acts["undo"], acts["redo"] = undo, redo
    menu = window.menuBar().addMenu("&Edit")
    menu.addAction(undo)
    menu.addAction(redo)
    extra = _edit_actions(window)
    if extra:
        menu.addSeparator()
        menu.addActions(extra)


def _edit_actions(window: MainWindow) -> list[QAction]:
    """The actions opening the create, edit and delete dialogs of each kind of entry."""
    from paddock_desk.ui.edit_actions import edit_actions

    return list(edit_actions(window.document, window))


def _view_menu(window: MainWindow, acts: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu("&View")
    for i, (name, text, icon_name) in enumerate((
        ("calendar", "&Calendar (month)", "view-month"),
        ("season", "&Season (whole year)", "view-season"),
        ("roster", "&Roster", "view-roster"),
        ("clashes", "C&lashes", "clashes"),
        ("lineups", "Line-&ups (rules and documents)", "view-roster"),
    ), start=1):
        acts[f"view_{name}"] = make_action(
            window, text, partial(window.show_view, name), f"Ctrl+{i}", icon_name
        )
        menu.addAction(acts[f"view_{name}"])
    acts.update(_desk_actions(window))
    menu.addActions([acts["view_week"], acts["view_agenda"]])
    menu.addSeparator()
    acts["previous"] = make_action(
        window, "&Previous month or year", lambda: window.step(-1), "Alt+PgUp", "go-previous"
    )
    acts["next"] = make_action(
        window, "&Next month or year", lambda: window.step(1), "Alt+PgDown", "go-next"
    )
    acts["today"] = make_action(window, "&Today", window.go_today, "Ctrl+T", "go-today")
    acts["clear_filters"] = make_action(
        window, "Show &all series, drivers and teams", window.clear_filters, "Ctrl+Shift+A",
        "filter-clear",
    )
    for item in ("previous", "next", "today", "go_to_date", "find", None, "clear_filters"):
        _add(menu, acts, item)
    panel = window.side.toggleViewAction()
    panel.setText("Series and &filters panel")
    panel.setShortcut(QKeySequence("F9"))
    menu.addAction(panel)
    acts["panel"] = panel


def _help_menu(window: MainWindow, acts: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu("&Help")
    acts["about"] = make_action(window, f"&About {window.windowTitle() or 'Paddock Desk'}",
                                window.about, None, "about")
    acts["about"].setText("&About Paddock Desk")
    acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
    menu.addAction(acts["about"])


def _toolbar(window: MainWindow, acts: dict[str, QAction]) -> None:
    bar = QToolBar("Main toolbar", window)
    bar.setObjectName("MainToolbar")
    bar.setIconSize(QSize(22, 22))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in ("import", "export", None, "undo", "redo", None, "view_calendar", "view_season",
                 "view_roster", "view_clashes"):
        if name is None:
            bar.addSeparator()
        elif name in ("undo", "redo"):
            bar.addAction(_short_twin(window, acts[name], name.capitalize()))
        else:
            bar.addAction(acts[name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)


def _short_twin(window: MainWindow, source: QAction, text: str) -> QAction:
    """A toolbar twin of the undo or redo action: a short label, the full one as its tip.

    The menu's action names the step ("Undo Put Tsugio Matsuda in KCMG #18 ..."), which would
    stretch the toolbar and move every button after it at each edit.
    """
    keys = source.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return _StackTwin(window, source.icon(), text, keys)


class _StackTwin(QAction):
    """Follows the undo stack itself (the menu action may go first when the window closes)."""

    def __init__(self, window: MainWindow, icon_: QIcon, text: str, keys: str) -> None:
        super().__init__(icon_, text, window)
        stack = window.document.undo_stack
        self._keys = keys
        undo = text == "Undo"
        self.setEnabled(stack.canUndo() if undo else stack.canRedo())
        self.triggered.connect(stack.undo if undo else stack.redo)
        (stack.canUndoChanged if undo else stack.canRedoChanged).connect(self.setEnabled)
        (stack.undoTextChanged if undo else stack.redoTextChanged).connect(self.show_step)
        self.show_step(stack.undoText() if undo else stack.redoText())

    def show_step(self, step: str) -> None:
        self.setToolTip(f"{self.text()} {step} ({self._keys})".replace("  ", " "))


def _add(menu: QMenu, acts: dict[str, QAction], name: str | None) -> None:
    if name is None:
        menu.addSeparator()
    else:
        menu.addAction(acts[name])
