"""The season view with 60 series: every lane reachable by scrolling, lanes sorted by name,
the year changed by keyboard and by a sideways wheel."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from paddock_desk.domain.model import Circuit, Meeting, Season, Series
from paddock_desk.ui.calendar_pages import SeasonPage
from paddock_desk.ui.clash_marks import MeetingMarks


def sixty_series() -> Season:
    circuit = Circuit("Somewhere", "XX", 0.0, 0.0, "UTC")
    season = Season(circuits={circuit.name: circuit})
    for i in range(60):
        name = f"Series {59 - i:02d}"  # created in reverse order
        season.series[name] = Series(name, "#3a86ff")
        start = date(2026, 3, 6) + timedelta(days=i * 3)
        season.meetings[i + 1] = Meeting(i + 1, name, "1", f"Race {i}", circuit, start,
                                         start + timedelta(days=2))
    return season


def test_sixty_series_scroll_and_sort_by_name(qtbot):
    season = sixty_series()
    page = SeasonPage()
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    meetings = sorted(season.meetings.values(), key=lambda m: m.start_date)
    page.set_data(season, meetings, MeetingMarks())
    page.season_view.set_year(2026)
    view = page.season_view
    assert view.lanes() == sorted(season.series)
    bar = page.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # taller than the window: it scrolls
    lane_h = view.lane_rect("Series 01").height()
    assert lane_h >= view.fontMetrics().height() + 8  # every lane stays readable
    last = next(m.id for m in meetings if m.series == "Series 59")
    view.setFocus()
    page.show_meeting(last)
    QApplication.processEvents()
    rect = view.lane_rect("Series 59")
    top = view.mapTo(page.scroll.viewport(), QPoint(0, int(rect.top()))).y()
    assert 0 <= top < page.scroll.viewport().height()  # scrolled to the picked meeting
    view.grab()
    assert last in {mid for _r, mid in view.bar_rects()}
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.year() == 2027
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.year() == 2026


def test_a_sideways_wheel_changes_the_year(qtbot):
    page = SeasonPage()
    qtbot.addWidget(page)
    season = sixty_series()
    page.set_data(season, list(season.meetings.values()), MeetingMarks())
    page.season_view.set_year(2026)
    view = page.season_view
    centre = QPointF(200, 100)
    event = QWheelEvent(centre, view.mapToGlobal(centre), QPoint(0, 0), QPoint(-120, 0),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view, event)
    assert view.year() == 2027


def test_series_dragged_into_the_users_order_lead_the_season_lanes(qtbot, window):
    legend, view = window.legend, window.season_page.season_view
    by_name = legend.series_names()
    assert by_name == sorted(by_name, key=str.casefold)
    assert view.lanes() == sorted(view.lanes(), key=str.casefold)
    last = by_name[-1]
    legend.setFocus()
    legend.setCurrentRow(len(by_name) - 1)
    for _ in range(len(by_name) - 1):
        qtbot.keyClick(legend, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert legend.series_names()[0] == last
    assert view.lanes()[0] == last
    qtbot.keyClick(legend, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert legend.series_names()[1] == last and view.lanes()[1] == last
    window.legend.set_shown(by_name[0], False)  # a refresh keeps the user's order
    assert legend.series_names()[1] == last
