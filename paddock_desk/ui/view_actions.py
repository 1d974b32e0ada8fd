"""The View menu's desk actions: Go to date (Ctrl+G), Find (Ctrl+F), and the filtered driver's
unavailable days on the calendars."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from paddock_desk.ui.calendar_canvas import Unavailable
from paddock_desk.ui.calendar_data import local_today
from paddock_desk.ui.search import Hit, SearchDialog

if TYPE_CHECKING:
    from paddock_desk.ui.document import SeasonDocument
    from paddock_desk.ui.main_window import MainWindow

CALENDAR_VIEWS = ("calendar", "season", "week", "agenda")


def unavailable_days(document: SeasonDocument, driver_id: int | None) -> list[Unavailable]:
    """The driver's unavailable days (repeating blocks expanded), for shading; none without."""
    if driver_id is None:
        return []
    blocks = document.engine.blocks(driver_id)
    if blocks:
        return [Unavailable(b.first_day, b.last_day, b.unavailability.reason) for b in blocks]
    return [Unavailable(u.start_date, u.end_date, u.reason)
            for u in document.season.unavailability.values() if u.driver_id == driver_id]


def show_unavailable(window: MainWindow) -> None:
    """Shade the filtered driver's unavailable days on every calendar view."""
    blocks = unavailable_days(window.document, window.current_filter().driver_id)
    for view in calendar_canvases(window):
        view.set_unavailable(blocks)


def calendar_canvases(window: MainWindow) -> list:  # type: ignore[type-arg]
    views = [window.month_page.month_view, window.season_page.season_view]
    week = getattr(window, "week_page", None)
    if week is not None:
        views.append(week.view)
    return views


class GoToDateDialog(QDialog):
    """A date to turn the calendars to; the date box has the focus, Enter goes."""

    def __init__(self, start: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Go to date")
        self.date_edit = QDateEdit(QDate(start.year, start.month, start.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setAccessibleName("Date to go to")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Go")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Date:", self.date_edit)
        form.addRow(buttons)
        self.setMinimumWidth(300)  # room for the title ("Go to date - Paddock Desk")
        self.date_edit.setFocus()

    def chosen(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())


def go_to_date(window: MainWindow, day: date) -> None:
    """Turn every calendar to ``day`` (the month grid's cursor on it); show a calendar."""
    window.month_page.month_view.go_to_day(day)
    window.season_page.season_view.set_year(day.year)
    week = getattr(window, "week_page", None)
    if week is not None:
        week.go_to_day(day)
    agenda = getattr(window, "agenda_page", None)
    if agenda is not None:
        agenda.go_to_day(day)
    if window.current_view() not in CALENDAR_VIEWS:
        window.show_view("calendar")
    window.statusBar().showMessage(f"Showing {day:%A %d %B %Y}.", 4000)


def on_go_to_date(window: MainWindow) -> None:
    week = getattr(window, "week_page", None)
    shown = (week.week_view.cursor_day() if week is not None and window.current_view() == "week"
             else window.month_page.month_view.cursor_day())
    dialog = GoToDateDialog(shown or local_today(), window)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        go_to_date(window, dialog.chosen())
    dialog.deleteLater()


def jump_to_hit(window: MainWindow, hit: Hit) -> None:
    """A meeting is picked in the calendars; a driver narrows the views to him or her."""
    if hit.driver is not None:
        window.filters.set_current(hit.driver, "")
        window.statusBar().showMessage(f"Showing {hit.driver}'s season.", 4000)
        return
    if hit.meeting_id is not None:
        window.show_meeting(hit.meeting_id)
        if window.current_view() not in CALENDAR_VIEWS:
            window.show_view("calendar")


def on_find(window: MainWindow) -> None:
    dialog = SearchDialog(window.document.season, window)
    dialog.chosen.connect(lambda hit: jump_to_hit(window, hit))
    dialog.exec()
    dialog.deleteLater()


def view_actions(window: MainWindow) -> dict[str, QAction]:
    """Go to date (Ctrl+G) and Find (Ctrl+F)."""
    goto = QAction("&Go to date…", window)
    goto.setShortcut(QKeySequence("Ctrl+G"))
    goto.setStatusTip("Turn the calendars to a date")
    goto.triggered.connect(lambda _c=False: on_go_to_date(window))
    find = QAction("&Find…", window)
    find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    find.setStatusTip("Find meetings, circuits and drivers")
    find.triggered.connect(lambda _c=False: on_find(window))
    for action in (goto, find):
        window.addAction(action)
    return {"go_to_date": goto, "find": find}
