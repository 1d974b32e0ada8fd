"""The view state each database keeps: tab, month, year, hidden series and their order, driver
and team filters.

Kept in the settings group of the open database (:func:`paddock_desk.ui.settings.database_group`)
so that every database opens where the user left it, not where the previous one was. A database
opened for the first time lands on the month of its first clash (else this month or the
season's first) and on its busiest year.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from paddock_desk.ui import settings as keys
from paddock_desk.ui.calendar_data import busiest_year, first_month, local_today
from paddock_desk.ui.clash_marks import meeting_ids

if TYPE_CHECKING:
    from paddock_desk.ui.main_window import MainWindow


@dataclass(frozen=True)
class ViewState:
    view: str = "calendar"
    month: str = ""
    year: int = 0
    hidden_series: frozenset[str] = frozenset()
    driver: str = ""
    team: str = ""
    series_order: tuple[str, ...] = ()
    """The user's order of the series (empty: by name)."""


@contextmanager
def database_settings(settings: QSettings, url: str) -> Iterator[QSettings]:
    """``settings`` inside the group of the database ``url`` (without password)."""
    settings.beginGroup(keys.database_group(url))
    try:
        yield settings
    finally:
        settings.endGroup()


def read(settings: QSettings, url: str) -> ViewState:
    with database_settings(settings, url) as s:
        return ViewState(
            keys.LAST_VIEW.read(s), keys.MONTH.read(s), keys.YEAR.read(s),
            keys.HIDDEN_SERIES.read(s), keys.DRIVER.read(s), keys.TEAM.read(s),
            tuple(str(name) for name in keys.SERIES_ORDER.read(s)),
        )


def write(settings: QSettings, url: str, state: ViewState) -> None:
    with database_settings(settings, url) as s:
        keys.DATABASE_URL.write(s, url)
        keys.LAST_VIEW.write(s, state.view)
        keys.MONTH.write(s, state.month)
        keys.YEAR.write(s, state.year)
        keys.HIDDEN_SERIES.write(s, state.hidden_series)
        keys.DRIVER.write(s, state.driver)
        keys.TEAM.write(s, state.team)
        keys.SERIES_ORDER.write(s, state.series_order)


def current(window: MainWindow) -> ViewState:
    driver, team = window.filters.current()
    return ViewState(
        window.current_view(), window.month_page.month_view.month().isoformat(),
        window.season_page.season_view.year(), window.legend.hidden(), driver, team,
        tuple(window.legend.user_order() or ()),
    )


def save(window: MainWindow) -> None:
    """Remember the window's view state for its open database (nothing while none is open)."""
    if window.document.url:
        write(window.settings, window.document.url, current(window))


def restore(window: MainWindow) -> ViewState:
    """Show the open database as it was left (first visit: its first clash, busiest year)."""
    state = read(window.settings, window.document.url) if window.document.url else ViewState()
    season = window.document.season
    window.legend.set_user_order(list(state.series_order) or None)
    window.legend.set_season(season, state.hidden_series)
    window.filters.set_season(season, state.driver, state.team)
    try:
        month = date.fromisoformat(state.month) if state.month else opening_month(window)
    except ValueError:
        month = opening_month(window)
    window.month_page.month_view.set_month(month)
    year = state.year or (month.year if state.month else busiest_year(season, local_today().year))
    window.season_page.season_view.set_year(year)
    window.refresh_views()
    window.show_view("calendar")  # the week and agenda then open on the month's day
    window.show_view(state.view if state.view in window_views() else "calendar")
    return state


def window_views() -> tuple[str, ...]:
    from paddock_desk.ui.main_window import VIEWS

    return VIEWS


def opening_month(window: MainWindow) -> date:
    """Where a first look should land: the first clash, else this month or the season's."""
    season = window.document.season
    meetings = season.meetings
    clashed = [meetings[m].start_date for c in window.document.clashes
               if c.severity == "clash" for m in meeting_ids(c) if m in meetings]
    if clashed:
        return min(clashed).replace(day=1)
    return first_month(season, local_today())
