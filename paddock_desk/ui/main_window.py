"""The main window: views in tabs, the series legend and filters beside them, menus and toolbar.

It only arranges: the season and its clashes come from the :class:`SeasonDocument`, the views
read them and refresh when the document says what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolButton,
    QWidget,
)

from paddock_desk.identity import APP_NAME, VERSION
from paddock_desk.ui import lineup_panel, view_state
from paddock_desk.ui import settings as keys
from paddock_desk.ui.calendar_data import (
    CalendarFilter,
    visible_meetings,
)
from paddock_desk.ui.calendar_menu import on_menu_requested
from paddock_desk.ui.calendar_pages import CalendarPage, MonthPage, SeasonPage
from paddock_desk.ui.calendar_paint import CLASH_RED
from paddock_desk.ui.clash_marks import MeetingMarks, marks_from_clashes
from paddock_desk.ui.desk_views import (
    add_desk_views,
    carry_day,
    refresh_desk_views,
    show_meeting_in_desk_views,
)
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.filters import FilterBar
from paddock_desk.ui.icons import app_icon, icon
from paddock_desk.ui.legend import SeriesLegend
from paddock_desk.ui.live_view import attach as attach_live_view
from paddock_desk.ui.main_menus import build_menus
from paddock_desk.ui.side_panel import SidePanel
from paddock_desk.ui.view_scope import Scope, scope_of
from paddock_desk.ui.views import build_clash_panel, build_roster

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet

VIEWS = ("calendar", "season", "roster", "clashes", "lineups", "week", "agenda")


def _legend_moves(change: ChangeSet) -> bool:
    """The series legend and the driver and team filters list what ``change`` touched."""
    return change.series or change.meetings or change.drivers or change.teams or change.cars


class MainWindow(QMainWindow):
    """One open season; closing the window remembers geometry, view and filters."""

    def __init__(
        self, document: SeasonDocument, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.marks = MeetingMarks()
        self.scope = Scope()
        self.setWindowIcon(app_icon())
        self.setObjectName("MainWindow")
        self._build_views()
        self._build_side_panel()
        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self._build_status_bar()
        self._connect()
        attach_live_view(self)
        self._restore()
        self.refresh(None)

    # ---- building ------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.month_page = MonthPage()
        self.season_page = SeasonPage()
        self.roster = build_roster(self.document)
        self.clash_panel = build_clash_panel(self.document)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Views")
        self.tabs.tabBar().setAccessibleName("Views")
        self.tabs.setDocumentMode(True)
        for widget, name, label in (
            (self.month_page, "view-month", "&Calendar"),
            (self.season_page, "view-season", "&Season"),
            (self.roster, "view-roster", "&Roster"),
            (self.clash_panel, "clashes", "C&lashes"),
        ):
            self.tabs.addTab(widget, icon(name), label)
        self.lineup_panel = lineup_panel.install_tab(self.tabs, self.document)
        add_desk_views(self)
        self.setCentralWidget(self.tabs)

    def _build_side_panel(self) -> None:
        self.legend = SeriesLegend()
        self.filters = FilterBar()
        self.side = SidePanel(self.legend, self.filters, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.side)

    def _build_status_bar(self) -> None:
        self.shown_label = QLabel()
        self.shown_label.setAccessibleName("Meetings shown")
        self.clash_button = QToolButton()
        self.clash_button.setAutoRaise(True)
        self.clash_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clash_button.setAccessibleName("Clash count")
        self.clash_button.setToolTip("Open the clash list (Ctrl+4)")
        self.clash_button.clicked.connect(lambda: self.show_view("clashes"))
        self.statusBar().addWidget(self.shown_label, 1)
        self.statusBar().addPermanentWidget(self.clash_button)

    def on_step_refused(self, step: object) -> None:
        """An undo or redo met a row someone else changed: Reload, Compare or Overwrite."""
        from paddock_desk.ui.dialogs.refused_step import refused_step_dialog  # the edit services

        refused_step_dialog(self.document, step, self)  # type: ignore[arg-type]

    def _connect(self) -> None:
        self.document.changed.connect(self.refresh)
        self.document.failed.connect(self.on_edit_failed)
        self.document.refused.connect(self.on_step_refused)
        self.legend.hidden_changed.connect(lambda _h: self.refresh_views())
        self.legend.order_changed.connect(lambda _o: self.refresh_views())
        self.filters.changed.connect(lambda _d, _t: self.refresh_views())
        for page in (self.month_page, self.season_page):
            page.meeting_activated.connect(self.open_meeting_in_roster)
            view = page.view
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda pos, v=view: on_menu_requested(self, v, pos)
            )
        self.clash_panel.meeting_activated.connect(self.open_meeting_in_roster)
        self.lineup_panel.meeting_activated.connect(self.open_meeting_in_roster)
        self.roster.meeting_activated.connect(self.show_meeting)
        self.tabs.currentChanged.connect(lambda _i: self._update_actions())
        self._shown_view = self.current_view()
        self.tabs.currentChanged.connect(self._on_view_changed)

    # ---- state ---------------------------------------------------------------------------
    def current_filter(self) -> CalendarFilter:
        driver_name, team = self.filters.current()
        driver = self.document.season.driver_named(driver_name) if driver_name else None
        return CalendarFilter(
            hidden_series=self.legend.hidden(),
            driver_id=driver.id if driver else None,
            team=team or None,
        )

    def current_view(self) -> str:
        return VIEWS[self.tabs.currentIndex()]

    def show_view(self, name: str) -> None:
        self.tabs.setCurrentIndex(VIEWS.index(name))

    def _on_view_changed(self, _index: int) -> None:
        before, self._shown_view = self._shown_view, self.current_view()
        carry_day(self, before, self._shown_view)

    # ---- refreshing ----------------------------------------------------------------------
    def refresh(self, change: ChangeSet | None) -> None:
        """Bring the views up to date after ``change`` (None: at start)."""
        season = self.document.season
        self._update_marks(change)
        if change is None or _legend_moves(change):
            hidden = self.legend.hidden() if change else self._saved_hidden
            self.legend.set_season(season, hidden)
            driver, team = self.filters.current() if change else self._saved_filters
            self.filters.set_season(season, driver, team)
        self.setWindowTitle(f"{self.document.name} - {APP_NAME}")
        self.refresh_views()

    def _update_marks(self, change: ChangeSet | None) -> None:
        """Re-mark only the drivers a per-driver edit touched; else everyone."""
        if change is None or not change.per_driver:
            self.marks = marks_from_clashes(self.document.clashes)
            return
        for driver_id in change.driver_ids:
            self.marks.replace_driver(driver_id, self.document.clashes_for_driver(driver_id))

    def refresh_views(self) -> None:
        season = self.document.season
        flt = self.current_filter()
        meetings = visible_meetings(season, flt)
        for page in (self.month_page, self.season_page):
            page.set_data(season, meetings, self.marks)
        refresh_desk_views(self, meetings)
        self._narrow_people(scope_of(season, flt))
        self._update_status(len(meetings))
        self._update_actions()

    def _narrow_people(self, scope: Scope) -> None:
        """Narrow the roster and the clash list to the filtered drivers (when that changed)."""
        if scope == self.scope:
            return
        self.scope = scope
        self.roster.set_filter(
            None if scope.driver_ids is None else set(scope.driver_ids),
            None if scope.meeting_ids is None else set(scope.meeting_ids),
        )
        driver, team = self.filters.current()
        label = driver or (f"the drivers of {team}" if team else "")
        self.clash_panel.set_drivers(scope.driver_ids, label)

    def _update_status(self, shown: int) -> None:
        total = len(self.document.season.meetings)
        flt = self.current_filter()
        narrowed = bool(flt.hidden_series or flt.driver_id is not None or flt.team)
        self.shown_label.setText(
            f"{shown:,} of {total:,} meetings shown (filtered)" if narrowed
            else f"{total:,} meetings, {len(self.document.season.drivers):,} drivers"
        )
        clashes, warnings = self.marks.count("clash"), self.marks.count("warning")
        text = f"{clashes:,} clash{'es' if clashes != 1 else ''}"
        if warnings:
            text += f", {warnings:,} warning{'s' if warnings != 1 else ''}"
        self.clash_button.setText(text)
        self.clash_button.setIcon(icon("clashes") if clashes else icon("about"))
        colour = f"color: {CLASH_RED.name()}; font-weight: bold;" if clashes else ""
        self.clash_button.setStyleSheet(colour)
        index = VIEWS.index("clashes")
        self.tabs.setTabText(index, f"C&lashes ({clashes:,})")
        self.tabs.tabBar().setTabTextColor(index, CLASH_RED if clashes else QColor())

    def _update_actions(self) -> None:
        calendar = self.current_view() in ("calendar", "season", "week")
        for name in ("previous", "next", "today"):
            action = self.actions_by_name.get(name)
            if action is not None:
                action.setEnabled(calendar)

    # ---- slots ---------------------------------------------------------------------------
    def open_meeting_in_roster(self, meeting_id: int) -> None:
        """Jump to a meeting: pick it in both calendars and show its roster column."""
        self.show_meeting(meeting_id)
        self.show_view("roster")

    def show_meeting(self, meeting_id: int) -> None:
        self.month_page.show_meeting(meeting_id)
        self.season_page.show_meeting(meeting_id)
        self.roster.show_meeting(meeting_id)
        show_meeting_in_desk_views(self, meeting_id)

    def _calendar_page(self) -> CalendarPage:
        pages = {"season": self.season_page, "week": self.week_page}
        return pages.get(self.current_view(), self.month_page)

    def step(self, n: int) -> None:
        self._calendar_page().step(n)

    def go_today(self) -> None:
        self._calendar_page().go_today()

    def clear_filters(self) -> None:
        self.legend.show_all()
        self.filters.clear()

    def reload(self) -> None:
        self.document.reload()
        self.statusBar().showMessage("Season read again from the database.", 4000)

    def on_edit_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Not saved", message)

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {VERSION}</b><p>Season planning for motorsport teams: calendars, "
            "line-ups and every clash, across time zones.</p><p>Database: "
            f"{self.document.name}</p><p>Free software under the GNU GPL, version 3 or later.</p>",
        )

    # ---- settings ------------------------------------------------------------------------
    def _restore(self) -> None:
        s = self.settings
        if not self.restoreGeometry(keys.GEOMETRY.read(s)):
            self.resize(1280, 800)
        self.restoreState(keys.DOCKS.read(s))
        state = view_state.restore(self)  # per database: tab, month, year, filters
        self._saved_hidden = state.hidden_series
        self._saved_filters = (state.driver, state.team)

    def save_settings(self) -> None:
        s = self.settings
        keys.GEOMETRY.write(s, self.saveGeometry())
        keys.DOCKS.write(s, self.saveState())
        view_state.save(self)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)


def shortcut_text(action: QAction) -> str:
    """The shortcut as the menu shows it (for tests and tooltips)."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

