"""The main window on the demo season: menus, legend, filters, remembered state, undo, errors."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from paddock_desk.app import gui_arguments, gui_argv, open_season
from paddock_desk.domain.errors import PaddockError
from paddock_desk.store.database import Database
from paddock_desk.ui import settings as keys
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.errors import ErrorHook, describe, error_box
from paddock_desk.ui.icons import icon
from paddock_desk.ui.main_window import MainWindow, shortcut_text
from paddock_desk.ui.roster_actions import enter_edit, remove_edit, series_cars

IMPERATORI = "Alexandre Imperatori"
BGSA = "Blancpain GT Series Asia"


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


def open_window(qtbot, db: Database, ini: Path) -> MainWindow:
    window = MainWindow(SeasonDocument(db), QSettings(str(ini), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def month_meetings(window: MainWindow) -> set[int]:
    window.month_page.month_view.grab()
    return {mid for _rect, mid in window.month_page.month_view.bar_rects()}


def test_title_status_and_tabs_tell_the_story(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    assert window.windowTitle() == "season.db - Paddock Desk"
    assert window.clash_button.text() == "2 clashes"
    assert window.tabs.tabText(3).replace("&", "") == "Clashes (2)"
    # the first look lands on the month of the first clash
    assert window.month_page.title.text() == "April 2018"
    sepang = next(m.id for m in window.document.season.meetings.values()
                  if m.series == BGSA and m.round == "1")
    assert sepang in month_meetings(window)
    assert sepang in window.marks.clash


def test_menus_have_mnemonics_and_shortcuts(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Series", "&Help"]
    acts = window.actions_by_name
    assert shortcut_text(acts["undo"]) == QKeySequence("Ctrl+Z").toString(
        QKeySequence.SequenceFormat.NativeText)
    assert acts["redo"].shortcuts()[0] == QKeySequence("Ctrl+Shift+Z")
    assert acts["import"].shortcut() == QKeySequence("Ctrl+I")
    assert acts["export"].shortcut() == QKeySequence("Ctrl+E")
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if not action.isSeparator():
                assert "&" in action.text(), action.text()


def test_view_shortcuts_switch_tabs(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    window.activateWindow()
    for i, name in enumerate(("calendar", "season", "roster", "clashes"), start=1):
        window.actions_by_name[f"view_{name}"].trigger()
        assert window.current_view() == name
        assert window.actions_by_name[f"view_{name}"].shortcut() == QKeySequence(f"Ctrl+{i}")


def test_unticking_a_series_hides_its_bars(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    before = month_meetings(window)
    bgsa = {m.id for m in window.document.season.meetings.values() if m.series == BGSA}
    assert before & bgsa
    row = window.legend.series_names().index(BGSA)
    item = window.legend.item(row)
    rect = window.legend.visualItemRect(item)
    window.legend.setCurrentItem(item)
    qtbot.keyClick(window.legend, Qt.Key.Key_Space)
    assert window.legend.hidden() == frozenset({BGSA}), rect
    assert not (month_meetings(window) & bgsa)
    assert "filtered" in window.shown_label.text()


def test_driver_filter_keeps_only_the_drivers_meetings(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    box = window.filters.driver_box
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), IMPERATORI)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.filters.current() == (IMPERATORI, "")
    shown = window.season_page.season_view.lanes()
    assert BGSA in shown and "Super GT" not in shown
    window.actions_by_name["clear_filters"].trigger()
    assert window.filters.current() == ("", "")
    assert "Super GT" in window.season_page.season_view.lanes()


def test_window_remembers_view_filters_and_month(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    window.legend.set_shown("Super GT", False)
    window.filters.set_current("", "KCMG")
    window.show_view("season")
    window.month_page.month_view.set_month(window.month_page.month_view.month().replace(month=7))
    window.close()
    stored = QSettings(str(ini), QSettings.Format.IniFormat)
    assert keys.LAST_VIEW.read(stored) == "calendar"  # not a global key: kept per database
    stored.beginGroup(keys.database_group(window.document.url))
    assert keys.LAST_VIEW.read(stored) == "season"
    stored.endGroup()
    again = open_window(qtbot, demo_db, ini)
    assert again.current_view() == "season"
    assert again.legend.hidden() == frozenset({"Super GT"})
    assert again.filters.current() == ("", "KCMG")
    assert again.month_page.title.text() == "July 2018"


def test_each_database_remembers_the_users_series_order(qtbot, demo_db, ini, tmp_path):
    from paddock_desk.services.demo import load_demo
    from paddock_desk.store.database import open_database

    window = open_window(qtbot, demo_db, ini)
    by_name = window.legend.series_names()
    last = by_name[-1]
    assert not window.legend.by_name_action.isEnabled()
    window.legend.setFocus()
    window.legend.setCurrentRow(len(by_name) - 1)
    qtbot.keyClick(window.legend, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    mine = window.legend.series_names()
    assert mine[-2] == last
    window.close()

    again = open_window(qtbot, demo_db, ini)
    assert again.legend.series_names() == mine
    assert again.season_page.season_view.lanes() == [
        n for n in mine if n in again.season_page.season_view.lanes()]
    other = open_database(tmp_path / "other.db")
    load_demo(other)
    elsewhere = open_window(qtbot, other, ini)
    assert elsewhere.legend.series_names() == by_name  # that database was never reordered
    elsewhere.close()
    other.close()

    assert again.legend.by_name_action.isEnabled()
    again.legend.by_name_action.trigger()
    assert again.legend.series_names() == by_name
    assert again.season_page.season_view.lanes() == sorted(
        again.season_page.season_view.lanes(), key=str.casefold)
    again.close()
    assert open_window(qtbot, demo_db, ini).legend.series_names() == by_name


def test_undo_and_redo_from_the_edit_menu_move_the_clash_count(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    document = window.document
    season = document.season
    imperatori = season.driver_named(IMPERATORI)
    matsuda = season.driver_named("Tsugio Matsuda")
    assert imperatori is not None and matsuda is not None
    car = next(c for c in series_cars(document, BGSA) if c.number == "18")
    sepang = next(m for m in season.meetings.values() if m.series == BGSA and m.round == "1")
    document.execute(remove_edit(document, imperatori.id, [(car, sepang)]))
    document.execute(enter_edit(document, matsuda.id, car, sepang))
    assert window.clash_button.text() == "1 clash"
    assert sepang.id not in window.marks.clash
    window.actions_by_name["undo"].trigger()
    window.actions_by_name["undo"].trigger()
    assert window.clash_button.text() == "2 clashes"
    assert sepang.id in window.marks.clash
    window.actions_by_name["redo"].trigger()
    window.actions_by_name["redo"].trigger()
    assert window.clash_button.text() == "1 clash"


def test_clash_list_double_click_jumps_to_the_meeting(qtbot, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    chang = next(m.id for m in window.document.season.meetings.values()
                 if m.series == BGSA and m.round == "2")
    window.clash_panel.meeting_activated.emit(chang)
    assert window.current_view() == "roster"
    assert window.month_page.title.text() == "May 2018"
    assert window.month_page.month_view.selected_meeting() == chang


def test_models_pass_the_model_tester(qtbot, qtmodeltester, demo_db, ini):
    window = open_window(qtbot, demo_db, ini)
    qtmodeltester.check(window.legend.model())
    qtmodeltester.check(window.filters.driver_box.model())


def test_icons_are_drawn_sharp_at_double_density(qtbot):
    pixmap = icon("undo").pixmap(QSize(22, 22), 2.0)
    assert pixmap.width() == 44 and pixmap.devicePixelRatio() == 2.0
    assert not pixmap.toImage().isNull()
    assert icon("no-such-icon").isNull()


def test_icons_follow_a_dark_palette(qtbot):
    from PySide6.QtGui import QColor, QPalette

    app = QApplication.instance()
    old = app.palette()
    dark = QPalette(old)
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    app.setPalette(dark)
    try:
        image = icon("view-roster").pixmap(QSize(24, 24), 1.0).toImage()
        ink = [QColor(image.pixel(x, y)) for x in range(24) for y in range(24)
               if QColor.fromRgba(image.pixel(x, y)).alpha() > 200]
        assert ink and all(c.lightness() > 200 for c in ink)
    finally:
        app.setPalette(old)


def test_unexpected_errors_get_a_dialog_with_details(qtbot):
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        report = describe(exc, exc.__traceback__)
    assert not report.expected and "disk on fire" in report.text
    assert "Traceback" in report.details
    box = error_box(report)
    assert box.detailedText() == report.details
    assert describe(PaddockError("no such driver"), None).text == "no such driver"

    shown: list[str] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            shown.append(dialog.text())
            dialog.accept()

    hook = ErrorHook(lambda: None, lambda *a: None)
    QTimer.singleShot(50, close_dialog)
    hook(ValueError, ValueError("bad value"), None)
    assert shown and "bad value" in shown[0]


def test_first_start_fills_the_default_database_with_the_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    db = open_season(argparse.Namespace(db=None, files=[]))
    try:
        assert db.name == "season.db"
        assert (tmp_path / "data" / "io.github.paddockdesk.PaddockDesk" / "season.db").exists()
        document = SeasonDocument(db)
        assert document.season.driver_named(IMPERATORI) is not None
    finally:
        db.close()


def test_a_named_database_starts_empty(tmp_path):
    db = open_season(argparse.Namespace(db=str(tmp_path / "team.db"), files=[]))
    try:
        assert SeasonDocument(db).season.meetings == {}
    finally:
        db.close()


def test_launcher_arguments_become_the_gui_command():
    assert gui_argv([]) == ["gui"]
    assert gui_argv(["--db", "x.db"]) == ["--db", "x.db", "gui"]
    assert gui_argv(["--db=x.db", "a.csv"]) == ["--db=x.db", "gui", "a.csv"]
    assert gui_argv(["gui", "a.ics"]) == ["gui", "a.ics"]


def test_the_launcher_reads_a_plain_start_without_the_whole_command_line(monkeypatch):
    monkeypatch.delenv("PADDOCK_DESK_DB", raising=False)
    args = gui_arguments(["--db", "x.db", "gui", "a.csv"])
    assert args is not None and (args.db, args.files) == ("x.db", ["a.csv"])
    assert gui_arguments(["--db=y.db", "gui"]).db == "y.db"
    assert gui_arguments(["gui"]).db is None
    monkeypatch.setenv("PADDOCK_DESK_DB", "team.db")
    assert gui_arguments(["gui"]).db == "team.db"
    assert gui_arguments(["--version"]) is None
    assert gui_arguments(["gui", "--help"]) is None


def test_world_scale_counts_are_written_with_thousands_separators(qtbot, tmp_path, ini):
    import sys

    from paddock_desk.cli import main
    from paddock_desk.store.database import open_database

    benchmarks = str(Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, benchmarks)
    try:
        from generate_world import generate
    finally:
        sys.path.remove(benchmarks)
    db_path = tmp_path / "world.db"
    assert main(["--db", str(db_path), "import",
                 *map(str, generate(tmp_path / "world"))]) == 0
    db = open_database(db_path)
    window = open_window(qtbot, db, ini)
    clashes = window.marks.count("clash")
    assert clashes > 1000
    assert window.shown_label.text() == "900 meetings, 3,000 drivers"
    assert window.clash_button.text().startswith(f"{clashes:,} clashes, ")
    assert window.tabs.tabText(3).replace("&", "") == f"Clashes ({clashes:,})"
    assert window.clash_panel.summary.text().startswith(f"{clashes:,} clashes, ")
    window.close()
    db.close()
