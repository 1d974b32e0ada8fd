"""The context menu of a meeting in the calendars (right click, or the Menu key on a pick)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from paddock_desk.ui.calendar_month import MonthCalendar
    from paddock_desk.ui.calendar_season import SeasonView
    from paddock_desk.ui.main_window import MainWindow


def meeting_menu(window: MainWindow, meeting_id: int, parent: QWidget) -> QMenu:
    """Edit the meeting, open it in the roster, or show its series alone."""
    meeting = window.document.season.meetings[meeting_id]
    menu = QMenu(parent)
    menu.setAccessibleName(f"Meeting {meeting.name}")
    items = (
        ("&Edit meeting...", lambda: edit_meeting(window, meeting_id)),
        ("Open in the &roster", lambda: window.open_meeting_in_roster(meeting_id)),
        (f"Show only &{meeting.series}", lambda: only_series(window, meeting.series)),
    )
    for text, slot in items:
        action = QAction(text, menu)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
    return menu


def edit_meeting(window: MainWindow, meeting_id: int) -> None:
    from paddock_desk.ui.dialogs.entity_dialog import EntityDialog

    dialog = EntityDialog(window.document, "meetings", meeting_id, window)
    dialog.exec()
    dialog.deleteLater()


def only_series(window: MainWindow, series: str) -> None:
    for name in window.legend.series_names():
        window.legend.set_shown(name, name == series)


def on_menu_requested(window: MainWindow, view: MonthCalendar | SeasonView, pos: QPoint) -> None:
    """Show the menu of the meeting under ``pos`` (or of the picked one, from the keyboard)."""
    mid = view.meeting_at(pos.x(), pos.y())
    if mid is None:
        mid = view.selected_meeting()
    if mid is not None and mid in window.document.season.meetings:
        meeting_menu(window, mid, view).popup(view.mapToGlobal(pos))
