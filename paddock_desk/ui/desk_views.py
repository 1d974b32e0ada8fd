"""The week and agenda tabs, and what the main window asks of them (kept out of main_window).

Both show session times at the circuit and at home: the filtered driver's home zone when one
driver is picked, else the zone of the computer.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from paddock_desk.domain.model import Meeting, Season, zone
from paddock_desk.ui.calendar_agenda import AgendaView
from paddock_desk.ui.calendar_data import local_today, viewer_zone
from paddock_desk.ui.calendar_pages import CalendarPage, _nav_button, _title_label
from paddock_desk.ui.calendar_week import WeekView
from paddock_desk.ui.clash_marks import MeetingMarks
from paddock_desk.ui.icons import icon
from paddock_desk.ui.view_actions import show_unavailable

if TYPE_CHECKING:
    from paddock_desk.ui.main_window import MainWindow


def home_zone(season: Season, driver_id: int | None) -> tuple[tzinfo, str]:
    """The second zone for session times, and how its column is titled."""
    driver = season.drivers.get(driver_id) if driver_id is not None else None
    if driver is not None and driver.home_tz:
        return zone(driver.home_tz), f"{driver.name}'s home ({driver.home_tz})"
    return viewer_zone(), "Your time"


class WeekPage(CalendarPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.week_view = WeekView()
        super().__init__(self.week_view, "week", parent)  # type: ignore[arg-type]
        self.week_view.week_changed.connect(lambda _w: self._update_title())
        self.zones = QLabel()
        self.zones.setAccessibleName("Time zones of the week")
        self.nav_row.insertWidget(3, self.zones, 1)
        self._update_title()

    def set_home(self, home: tuple[tzinfo, str]) -> None:
        """Session times at the circuit, then in ``home`` (the viewer's or a driver's zone)."""
        self.week_view.set_home(*home)
        where = "your time" if home[1] == "Your time" else home[1]
        self.zones.setText(f"  Each session: time at the circuit, then {where}")

    def step(self, n: int) -> None:
        self.week_view.shift_week(n)

    def go_today(self) -> None:
        self.week_view.go_to_day(local_today())

    def go_to_day(self, day: date) -> None:
        self.week_view.go_to_day(day)

    def _update_title(self) -> None:
        first = self.week_view.week()
        last = first + timedelta(days=6)
        self.title.setText(f"{first.day} {first:%b} - {last.day} {last:%b %Y}")


class AgendaPage(QWidget):
    """Sessions by day; a title that says which two zones the times are in."""

    meeting_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = AgendaView()
        self.title = _title_label()
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.zones = QLabel()
        self.zones.setAccessibleName("Time zones of the agenda")
        self.today_button = _nav_button("go-today", "Today", "Go to today")
        self.today_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.today_button.clicked.connect(lambda: self.go_to_day(local_today()))
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addWidget(self.zones, 1)
        row.addWidget(self.today_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.title.setText("Agenda")
        self.view.meeting_activated.connect(self.meeting_activated)
        self.setFocusProxy(self.view)

    def set_data(self, season: Season, meetings: list[Meeting], marks: MeetingMarks,
                 home: tuple[tzinfo, str]) -> None:
        self.view.model.set_rows(season, meetings, marks)
        self.view.model.set_home(*home)
        where = "your time" if home[1] == "Your time" else home[1]
        self.zones.setText(f"Session times at the circuit and in {where}")

    def go_to_day(self, day: date) -> None:
        self.view.go_to_day(day)

    def show_meeting(self, meeting_id: int) -> None:
        self.view.show_meeting(meeting_id)


def add_desk_views(window: MainWindow) -> None:
    """The Week and Agenda tabs, after the others (Ctrl+6 and Ctrl+7; Line-ups is Ctrl+5)."""
    window.week_page = WeekPage()
    window.agenda_page = AgendaPage()
    window.tabs.addTab(window.week_page, icon("view-week"), "&Week")
    window.tabs.addTab(window.agenda_page, icon("view-agenda"), "&Agenda")
    window.week_page.meeting_activated.connect(window.open_meeting_in_roster)
    window.agenda_page.meeting_activated.connect(window.open_meeting_in_roster)


def refresh_desk_views(window: MainWindow, meetings: list[Meeting]) -> None:
    """Week and agenda on the shown meetings; the filtered driver's home zone and days off."""
    season = window.document.season
    home = home_zone(season, window.current_filter().driver_id)
    window.week_page.set_data(season, meetings, window.marks)
    window.week_page.set_home(home)
    window.agenda_page.set_data(season, meetings, window.marks, home)
    window.season_page.season_view.set_lane_order(window.legend.user_order())
    show_unavailable(window)


def carry_day(window: MainWindow, before: str, now: str) -> None:
    """Turning from the month grid to the week or the agenda (or from the week to the grid)
    keeps the day being looked at, rather than jumping to this week. From the grid, a day
    whose week shows no meeting gives way to the month's first meeting from that day on."""
    month, week = window.month_page.month_view, window.week_page.week_view
    if before == now or before not in ("calendar", "week"):
        return
    day = month.cursor_day() if before == "calendar" else week.cursor_day()
    if before == "calendar":
        day = _busy_day(month.shown_meetings(), day, month.month())
    if now == "week":
        week.go_to_day(day)
    elif now == "calendar":
        month.go_to_day(day)
    elif now == "agenda":
        window.agenda_page.go_to_day(day)


def _busy_day(meetings: list[Meeting], day: date, first: date) -> date:
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    if any(m.start_date <= sunday and m.end_date >= monday for m in meetings):
        return day
    month_end = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    later = [max(m.start_date, day) for m in meetings
             if m.end_date >= day and m.start_date <= month_end]
    return min(later, default=day)


def show_meeting_in_desk_views(window: MainWindow, meeting_id: int) -> None:
    window.week_page.show_meeting(meeting_id)
    window.agenda_page.show_meeting(meeting_id)


def view_tab_actions(window: MainWindow) -> dict[str, QAction]:
    """View > Week (Ctrl+6) and View > Agenda (Ctrl+7)."""
    acts = {}
    for name, text, keys in (("week", "&Week", "Ctrl+6"), ("agenda", "&Agenda (sessions by day)",
                                                            "Ctrl+7")):
        action = QAction(icon(f"view-{name}"), text, window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _c=False, n=name: window.show_view(n))
        window.addAction(action)
        acts[f"view_{name}"] = action
    return acts
