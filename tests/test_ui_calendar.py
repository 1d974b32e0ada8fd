"""The month grid and the season view on the real demo season, driven as a user would."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from paddock_desk.domain.clashes import ClashEngine
from paddock_desk.domain.model import Season, Session
from paddock_desk.services.demo import load_demo
from paddock_desk.store.database import open_database
from paddock_desk.store.season_loader import load_season
from paddock_desk.ui.calendar_data import (
    CalendarFilter,
    date_range_text,
    meeting_tooltip,
    session_line,
    visible_meetings,
)
from paddock_desk.ui.calendar_month import MonthCalendar, assign_lanes, grid_start
from paddock_desk.ui.calendar_pages import MonthPage
from paddock_desk.ui.calendar_season import SeasonView
from paddock_desk.ui.clash_marks import MeetingMarks, marks_from_clashes

IMPERATORI = "Alexandre Imperatori"
BGSA = "Blancpain GT Series Asia"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Season:
    db = open_database(tmp_path_factory.mktemp("demo") / "season.db")
    load_demo(db)
    with db.engine.connect() as conn:
        season = load_season(conn)
    db.close()
    return season


@pytest.fixture(scope="module")
def marks(demo: Season) -> MeetingMarks:
    return marks_from_clashes(ClashEngine(demo).check_all())


def meeting(season: Season, series: str, round_label: str) -> int:
    return next(m.id for m in season.meetings.values()
                if m.series == series and m.round == round_label)


def test_the_demo_marks_exactly_imperatoris_four_clashing_meetings(demo, marks):
    marked = {(demo.meetings[m].series, demo.meetings[m].round) for m in marks.clash}
    assert marked == {
        (BGSA, "1"), ("European Le Mans Series", "1"), (BGSA, "2"), ("24h Nurburgring", "24h"),
    }
    sepang = meeting(demo, BGSA, "1")
    assert any(IMPERATORI in text for text in marks.messages(sepang))


def test_filters_narrow_the_meetings(demo):
    everything = visible_meetings(demo, CalendarFilter())
    assert len(everything) == len(demo.meetings)
    assert [m.start_date for m in everything] == sorted(m.start_date for m in everything)
    no_bgsa = visible_meetings(demo, CalendarFilter(hidden_series=frozenset({BGSA})))
    assert len(no_bgsa) == len(demo.meetings) - 6
    imperatori = demo.driver_named(IMPERATORI)
    assert imperatori is not None
    his = visible_meetings(demo, CalendarFilter(driver_id=imperatori.id))
    assert {m.series for m in his} >= {BGSA, "European Le Mans Series", "24h Nurburgring"}
    assert meeting(demo, "Super GT", "1") not in {m.id for m in his}
    kcmg = visible_meetings(demo, CalendarFilter(team="KCMG"))
    assert BGSA in {m.series for m in kcmg} and "Super GT" not in {m.series for m in kcmg}


def test_dates_and_session_times_read_as_people_write_them(demo):
    sepang = demo.meetings[meeting(demo, BGSA, "1")]
    assert date_range_text(sepang) == "14-15 Apr 2018"
    suzuka = demo.meetings[meeting(demo, BGSA, "3")]
    assert date_range_text(suzuka) == "30 Jun - 1 Jul 2018"
    race = Session(1, sepang.id, "Race 1", datetime(2018, 4, 14, 8, 0, tzinfo=UTC),
                   datetime(2018, 4, 14, 9, 0, tzinfo=UTC))
    assert session_line(race, "Asia/Kuala_Lumpur") == "Race 1: Sat 14 Apr 16:00-17:00 +08"
    paris = timezone(timedelta(hours=2), "CEST")
    line = session_line(race, "Asia/Kuala_Lumpur", paris)
    assert line.endswith("(your time Sat 10:00-11:00 CEST)")


def test_tooltip_names_series_circuit_zone_and_the_clash(demo, marks):
    sepang = demo.meetings[meeting(demo, BGSA, "1")]
    text = meeting_tooltip(demo, sepang, marks)
    assert "Sepang International Circuit (Asia/Kuala_Lumpur)" in text
    assert "Clash:" in text and IMPERATORI in text


def test_lanes_never_put_two_meetings_on_one_day_in_one_lane(demo):
    meetings = visible_meetings(demo, CalendarFilter())
    week = grid_start(date(2018, 4, 1)) + timedelta(weeks=2)  # 9-15 April 2018
    placed = assign_lanes(meetings, week)
    assert len(placed) == 4
    for i, (a, lane_a) in enumerate(placed):
        for b, lane_b in placed[i + 1:]:
            if lane_a == lane_b:
                assert a.end_date < b.start_date or b.end_date < a.start_date


def _month(qtbot, demo, marks) -> MonthCalendar:
    view = MonthCalendar()
    qtbot.addWidget(view)
    view.resize(980, 640)
    view.set_data(demo, visible_meetings(demo, CalendarFilter()), marks)
    view.set_month(date(2018, 4, 1))
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    return view


def _bar(view, meeting_id: int):
    return next(rect for rect, mid in view.bar_rects() if mid == meeting_id)


def test_month_grid_paints_sepang_in_its_series_colour(qtbot, demo, marks):
    view = _month(qtbot, demo, marks)
    sepang = meeting(demo, BGSA, "1")
    rect = _bar(view, sepang)
    assert rect.width() > view.width() / 7  # spans Saturday and Sunday
    image = view.grab().toImage()
    pixel = QColor(image.pixel(int(rect.right() - 8), int(rect.top() + 6)))  # inside its marks
    assert pixel.name() == demo.series[BGSA].colour


def test_clicking_a_bar_picks_the_meeting_and_double_click_opens_it(qtbot, demo, marks):
    view = _month(qtbot, demo, marks)
    sepang = meeting(demo, BGSA, "1")
    where = _bar(view, sepang).center().toPoint()
    with qtbot.waitSignal(view.meeting_selected) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=where)
    assert picked.args == [sepang]
    with qtbot.waitSignal(view.meeting_activated) as opened:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [sepang]


def test_keyboard_turns_months_and_moves_by_day(qtbot, demo, marks):
    view = _month(qtbot, demo, marks)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.month() == date(2018, 5, 1)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.month() == date(2018, 3, 1)
    view.go_to_day(date(2018, 3, 30))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.cursor_day() == date(2018, 3, 31)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.cursor_day() == date(2018, 4, 1)
    assert view.month() == date(2018, 4, 1)  # walked into April
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.cursor_day() == date(2018, 4, 8)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.cursor_day() == date(2018, 3, 31)
    assert view.month() == date(2018, 3, 1)


def test_show_meeting_turns_to_its_month(qtbot, demo, marks):
    view = _month(qtbot, demo, marks)
    macau = meeting(demo, "FIA GT World Cup", "-")
    view.show_meeting(macau)
    assert view.month() == date(2018, 11, 1)
    assert view.selected_meeting() == macau


def test_month_page_details_list_the_clash(qtbot, demo, marks):
    page = MonthPage()
    qtbot.addWidget(page)
    page.set_data(demo, visible_meetings(demo, CalendarFilter()), marks)
    page.show_meeting(meeting(demo, BGSA, "2"))
    assert page.title.text() == "May 2018"
    assert "Chang International Circuit" in page.details.text()
    assert "Clash:" in page.details.text()
    page.next_button.click()
    assert page.title.text() == "June 2018"


def test_season_view_has_a_lane_per_series_and_marks_clashes(qtbot, demo, marks):
    view = SeasonView()
    qtbot.addWidget(view)
    view.resize(1200, 420)
    imperatori = demo.driver_named(IMPERATORI)
    assert imperatori is not None
    shown = visible_meetings(demo, CalendarFilter(driver_id=imperatori.id))
    view.set_data(demo, shown, marks)
    view.set_year(2018)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert set(view.lanes()) == {m.series for m in shown}
    sepang = meeting(demo, BGSA, "1")
    rect = next(r for r, mid in view.bar_rects() if mid == sepang)
    lane_top = view.lanes().index(BGSA)
    assert rect.top() > lane_top  # in its own lane
    with qtbot.waitSignal(view.meeting_selected) as picked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()),
                                                                     int(rect.center().y())))
    assert picked.args == [sepang]
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.year() == 2019


def test_demo_files_exist_where_the_app_loads_them():
    from importlib import resources

    folder = Path(str(resources.files("paddock_desk.resources.demo")))
    assert (folder / "events.csv").is_file()


def test_your_time_follows_your_summer_time_on_the_sessions_date(demo, monkeypatch):
    import time

    from paddock_desk.ui.calendar_data import viewer_zone

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        sepang = demo.meetings[meeting(demo, BGSA, "1")]
        april = Session(1, sepang.id, "Race 1", datetime(2018, 4, 14, 8, 0, tzinfo=UTC),
                        datetime(2018, 4, 14, 9, 0, tzinfo=UTC))
        december = Session(2, sepang.id, "Test", datetime(2018, 12, 1, 8, 0, tzinfo=UTC),
                           datetime(2018, 12, 1, 9, 0, tzinfo=UTC))
        viewer = viewer_zone()
        assert session_line(april, "Asia/Kuala_Lumpur", viewer).endswith(
            "(your time Sat 10:00-11:00 CEST)")
        assert session_line(december, "Asia/Kuala_Lumpur", viewer).endswith(
            "(your time Sat 09:00-10:00 CET)")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_marks_swapped_driver_by_driver_equal_marks_built_afresh(demo):
    import copy

    from paddock_desk.domain.model import Assignment

    demo = copy.deepcopy(demo)  # the engine edits the season it is given
    engine = ClashEngine(demo)
    marks = marks_from_clashes(engine.check_all())
    imperatori = demo.driver_named(IMPERATORI)
    assert imperatori is not None
    assert marks.count("clash") == 2 and len(marks.clash) == 4
    kept = [a for a in demo.assignments.values()
            if a.driver_id == imperatori.id and demo.cars[a.car_id].series == BGSA]
    others = [a for a in demo.assignments.values()
              if a.driver_id == imperatori.id and a not in kept]
    engine.replace_assignments(imperatori.id, [*others, *[
        Assignment(a.id, a.driver_id, a.car_id, frozenset({"3", "4", "5", "6"})) for a in kept
    ]])
    marks.replace_driver(imperatori.id, engine.check_driver(imperatori.id))
    fresh = marks_from_clashes(engine.check_all())
    assert marks.count("clash") == fresh.count("clash") == 0
    assert marks.clash == fresh.clash == {}


def test_season_lanes_leave_room_for_short_series_names_whole(qtbot, demo, marks):
    from paddock_desk.ui.calendar_season import LABEL_LEFT, LABEL_RIGHT

    view = SeasonView()
    qtbot.addWidget(view)
    view.resize(1200, 420)
    view.set_data(demo, visible_meetings(demo, CalendarFilter()), marks)
    view.set_year(2018)
    room = view._geometry().left - LABEL_LEFT - LABEL_RIGHT
    fm = view.fontMetrics()
    for name in ("Super GT", "24h Nurburgring", "European Le Mans Series"):
        assert fm.horizontalAdvance(name) <= room, name
