"""The calendars by mouse and keyboard on the real 2024 calendars: "+N more", Enter on a day,
Go to date (Ctrl+G), Find (Ctrl+F), a filtered driver's unavailable days, and the week and
agenda views with session times at the circuit and at home."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from paddock_desk.cli import main
from paddock_desk.store.database import open_database
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.main_window import MainWindow
from paddock_desk.ui.search import SearchDialog, SearchModel
from paddock_desk.ui.view_actions import GoToDateDialog

MONACO_DAY = date(2024, 5, 26)


@pytest.fixture
def world_2024(qtbot, tmp_path: Path, real2024: Path):
    """The main window on the real 2024 calendars (seven series) and the 2018 demo."""
    path = tmp_path / "2024.db"
    assert main(["--db", str(path), "demo"]) == 0
    extra = tmp_path / "away.csv"
    extra.write_text("driver,start_date,end_date,reason\n"
                     "Alexandre Imperatori,2018-06-04,2018-06-08,family holiday\n")
    people = tmp_path / "drivers.csv"
    people.write_text("driver,nationality,home_tz\nJo Tester,US,America/New_York\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("driver,team,series,car,rounds\nJo Tester,Test Racing,Formula 1,7,\n")
    files = sorted(str(p) for p in real2024.glob("*.csv"))
    assert main(["--db", str(path), "import", *files, str(extra), str(people),
                 str(roster)]) == 0
    db = open_database(path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(SeasonDocument(db), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    db.close()


def monaco(window: MainWindow) -> int:
    return next(m.id for m in window.document.season.meetings.values()
                if m.name == "Monaco Grand Prix")


def crowded_month(window: MainWindow):
    view = window.month_page.month_view
    window.show_view("calendar")
    view.set_month(MONACO_DAY)
    view.grab()
    return view


def test_plus_n_more_opens_the_days_list_by_mouse(qtbot, world_2024):
    view = crowded_month(world_2024)
    more = [(rect, day) for rect, day in view.more_rects() if day == MONACO_DAY]
    assert more, "the Monaco Sunday should be too crowded for its cell"
    rect, _day = more[0]
    shown = {mid for _r, mid in view.bar_rects()}
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    popup = view.popup
    assert popup is not None and popup.isVisible()
    ids = popup.meeting_ids()
    assert monaco(world_2024) in ids
    assert len(ids) > len([m for m in ids if m in shown])  # it lists the hidden ones too
    target = ids.index(monaco(world_2024))
    for _ in range(target):
        qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert view.selected_meeting() == monaco(world_2024)
    assert "Monaco Grand Prix" in world_2024.month_page.details.text()


def test_arrows_and_enter_open_a_day_by_keyboard(qtbot, world_2024):
    view = crowded_month(world_2024)
    view.setFocus()
    view.go_to_day(date(2024, 5, 24))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.cursor_day() == MONACO_DAY
    qtbot.keyClick(view, Qt.Key.Key_Return)
    popup = view.popup
    assert popup is not None and popup.isVisible()
    assert popup.day == MONACO_DAY
    assert "Monaco Grand Prix" in " ".join(popup.list.item(i).text()
                                           for i in range(popup.list.count()))
    qtbot.keyClick(popup.list, Qt.Key.Key_Escape)
    assert not popup.isVisible()


def on_modal(qtbot, act) -> list[str]:
    seen: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        act(dialog)

    QTimer.singleShot(50, run)
    return seen


def test_ctrl_g_goes_to_a_date(qtbot, world_2024):
    world_2024.show_view("roster")

    def act(dialog: GoToDateDialog) -> None:
        assert dialog.focusWidget() is dialog.date_edit
        dialog.date_edit.setDate(QDate(2024, 5, 26))
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)

    seen = on_modal(qtbot, act)
    qtbot.keyClick(world_2024, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["GoToDateDialog"]
    assert world_2024.current_view() == "calendar"
    view = world_2024.month_page.month_view
    assert view.month() == date(2024, 5, 1)
    assert view.cursor_day() == MONACO_DAY
    assert world_2024.season_page.season_view.year() == 2024


def test_ctrl_f_finds_a_meeting_and_jumps_to_it(qtbot, world_2024):
    def act(dialog: SearchDialog) -> None:
        assert dialog.focusWidget() is dialog.edit
        qtbot.keyClicks(dialog.edit, "monaco grand")
        assert dialog.model.hits()[0].meeting_id == monaco(world_2024)
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)

    seen = on_modal(qtbot, act)
    qtbot.keyClick(world_2024, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["SearchDialog"]
    assert world_2024.month_page.month_view.selected_meeting() == monaco(world_2024)
    assert world_2024.month_page.month_view.month() == date(2024, 5, 1)


def test_ctrl_f_finds_circuits_and_drivers(qtbot, world_2024):
    def act(dialog: SearchDialog) -> None:
        qtbot.keyClicks(dialog.edit, "nurburgring")
        kinds = {h.kind for h in dialog.model.hits()}
        assert "Circuit" in kinds or "Meeting" in kinds
        dialog.edit.clear()
        qtbot.keyClicks(dialog.edit, "IMPÉRATORI")  # accents and case ignored
        assert dialog.model.hits()[0].driver == "Alexandre Imperatori"
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
        assert dialog.focusWidget() is dialog.list
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    seen = on_modal(qtbot, act)
    qtbot.keyClick(world_2024, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["SearchDialog"]
    assert world_2024.filters.current()[0] == "Alexandre Imperatori"


def test_search_model_passes_the_model_tester(qtmodeltester, world_2024):
    model = SearchModel(world_2024.document.season)
    model.set_text("grand prix")
    assert model.rowCount() > 10
    qtmodeltester.check(model)


def test_a_filtered_drivers_unavailable_days_are_shaded(qtbot, world_2024):
    view = world_2024.month_page.month_view
    view.set_month(date(2018, 6, 1))
    assert view.unavailable_on(date(2018, 6, 5)) is None  # nobody filtered
    world_2024.filters.set_current("Alexandre Imperatori", "")
    blocked = view.unavailable_on(date(2018, 6, 5))
    assert blocked is not None and blocked.reason == "family holiday"
    assert view.unavailable_on(date(2018, 6, 9)) is None
    image = view.grab().toImage()

    def colours(day: date) -> int:
        rect = view.day_rect(day)
        return len({image.pixel(x, y)
                    for x in range(int(rect.left()) + 3, int(rect.right()) - 3)
                    for y in range(int(rect.bottom()) - 30, int(rect.bottom()) - 3)})

    assert colours(date(2018, 6, 5)) > colours(date(2018, 6, 12))  # hatched, not plain
    assert world_2024.season_page.season_view.unavailable_on(date(2018, 6, 6)) is not None
    world_2024.filters.clear()
    assert view.unavailable_on(date(2018, 6, 5)) is None


def test_week_view_lists_sessions_at_the_circuit_and_at_the_drivers_home(qtbot, world_2024):
    from paddock_desk.ui.view_actions import go_to_date

    qtbot.keyClick(world_2024, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert world_2024.current_view() == "week"
    world_2024.filters.set_current("Jo Tester", "")
    go_to_date(world_2024, date(2024, 5, 24))
    week = world_2024.week_page.week_view
    assert week.week() == date(2024, 5, 20)
    assert "Jo Tester's home (America/New_York)" in world_2024.week_page.zones.text()
    rows = week.day_rows(date(2024, 5, 24))
    fp1 = next(r for r in rows if r.meeting.name == "Monaco Grand Prix" and
               r.session.name == "fp1")
    assert fp1.local == "13:30-14:30 CEST"
    assert fp1.home == "Fri 07:30-08:30 EDT"
    week.grab()
    assert monaco(world_2024) in {mid for _r, mid in week.bar_rects()}
    week.setFocus()
    qtbot.keyClick(week, Qt.Key.Key_Right)
    assert week.cursor_day() == date(2024, 5, 25)
    assert week.selected_meeting() == monaco(world_2024)  # its first session that day
    qtbot.keyClick(week, Qt.Key.Key_PageDown)
    assert week.week() == date(2024, 5, 27)
    qtbot.keyClick(week, Qt.Key.Key_PageUp)
    qtbot.keyClick(week, Qt.Key.Key_Return)
    assert world_2024.current_view() == "roster"


def test_agenda_has_both_times_side_by_side_and_opens_a_meeting(qtbot, world_2024):
    from paddock_desk.ui.calendar_agenda import Column
    from paddock_desk.ui.view_actions import go_to_date

    world_2024.filters.set_current("Jo Tester", "")
    qtbot.keyClick(world_2024, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert world_2024.current_view() == "agenda"
    go_to_date(world_2024, date(2024, 5, 24))
    table = world_2024.agenda_page.view.table
    model = table.model()
    assert model.headerData(Column.HOME, Qt.Orientation.Horizontal) == (
        "Jo Tester's home (America/New_York)")
    texts = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    fp1 = next(t for t in texts if t[Column.SESSION] == "FP1" and "Monaco Grand Prix" in
               t[Column.MEETING])
    assert fp1[Column.LOCAL] == "Fri 24 May 13:30-14:30 CEST"
    assert fp1[Column.HOME] == "Fri 24 May 07:30-08:30 EDT"
    assert table.currentIndex().data().startswith("Fri 24 May 2024")  # went to the date
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert world_2024.current_view() == "roster"


def test_agenda_model_passes_the_model_tester(qtmodeltester, world_2024):
    qtmodeltester.check(world_2024.agenda_page.view.model)


def test_agenda_counts_each_meetings_clashes_in_words(qtbot, window):
    from paddock_desk.ui.calendar_agenda import Column
    from paddock_desk.ui.view_actions import go_to_date

    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    go_to_date(window, date(2018, 4, 13))
    model = window.agenda_page.view.table.model()
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    sepang = {r[Column.CLASH] for r in rows if "Sepang (Races 1-2)" in r[Column.MEETING]}
    castellet = {r[Column.CLASH] for r in rows if "4 Hours of Le Castellet" in r[Column.MEETING]}
    assert sepang == castellet == {"\u26a0 1 clash"}
    assert {r[Column.CLASH] for r in rows if "Okayama" in r[Column.MEETING]} == {""}


def test_a_crowded_week_says_how_many_more_and_lists_them(qtbot, world_2024):
    from paddock_desk.ui.calendar_week import WeekView

    season = world_2024.document.season
    view = WeekView()  # a short week: its bars do not all fit
    qtbot.addWidget(view)
    view.set_data(season, list(season.meetings.values()), world_2024.marks)
    view.setMinimumSize(0, 0)
    view.resize(1000, 150)
    view.show()
    view.go_to_day(MONACO_DAY)
    view.grab()
    more = {day: rect for rect, day in view.more_rects()}
    assert MONACO_DAY in more, "the Monaco weekend should be too crowded for the short week"
    drawn = {mid for _r, mid in view.bar_rects()}
    on_sunday = {m.id for m in season.meetings.values()
                 if m.start_date <= MONACO_DAY <= m.end_date}
    assert on_sunday - drawn, "some of Sunday's meetings are behind the link"
    assert monaco(world_2024) in on_sunday
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=more[MONACO_DAY].center().toPoint())
    popup = view.popup
    assert popup is not None and popup.isVisible()
    assert set(popup.meeting_ids()) == on_sunday  # the hidden ones too
    popup.close()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on a crowded day lists it as well
    popup = view.popup
    assert popup.isVisible() and popup.day == MONACO_DAY
    target = popup.meeting_ids().index(monaco(world_2024))
    for _ in range(target):
        qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.meeting_activated) as opened:
        qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert opened.args == [monaco(world_2024)]


def test_turning_between_month_week_and_agenda_keeps_the_day(qtbot, window):
    month, week = window.month_page.month_view, window.week_page.week_view
    window.show_view("calendar")
    month.go_to_day(date(2018, 4, 14))  # the Sepang weekend
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "week"
    assert week.week() == date(2018, 4, 9) and week.cursor_day() == date(2018, 4, 14)
    week.go_to_day(date(2018, 5, 5))
    window.show_view("calendar")
    assert month.month() == date(2018, 5, 1) and month.cursor_day() == date(2018, 5, 5)
    month.go_to_day(date(2018, 4, 1))  # a Sunday whose week has no meeting
    window.show_view("week")
    assert week.week() == date(2018, 4, 2)  # the month's first meeting from there: Okayama
    window.show_view("calendar")
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    table = window.agenda_page.view.table
    assert table.currentIndex().data().startswith("Sat 07 Apr 2018")


def test_ctrl_g_in_the_week_starts_on_the_weeks_day(qtbot, window):
    window.show_view("week")
    window.week_page.week_view.go_to_day(date(2018, 6, 16))
    started: list[date] = []

    def act(dialog: GoToDateDialog) -> None:
        started.append(dialog.chosen())
        assert dialog.width() >= 300
        dialog.reject()

    seen = on_modal(qtbot, act)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["GoToDateDialog"] and started == [date(2018, 6, 16)]
