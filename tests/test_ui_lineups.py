"""Line-up rules in the app: roster marks with the sentence, the Line-ups tab, drop previews,
rules and documents edited in their dialogs (real widgets, offscreen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database
from paddock_desk.ui.dialogs.entity_dialog import EntityDialog
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.lineup_marks import RULE_VIOLET, cell_breaches, cell_tooltip
from paddock_desk.ui.lineup_watch import lineup_watch
from paddock_desk.ui.main_window import MainWindow

BGT = "Blancpain GT Series Asia"
SENTENCE = ("KCMG #18, Blancpain GT Series Asia round 1 (Pro-Am): 2 drivers are Gold or Platinum "
            "(Alexandre Imperatori, Tsugio Matsuda); the class allows at most 1")


def ruled_demo(db: Database, folder: Path, *, matsuda: bool) -> None:
    files = {
        "categories.csv": "driver,nationality,home_tz,category\n"
        "Alexandre Imperatori,CH,Asia/Shanghai,Platinum\nYuke Taniguchi,JP,Asia/Tokyo,Bronze\n"
        "Tsugio Matsuda,JP,Asia/Tokyo,Platinum\nKatsumasa Chiyo,JP,Asia/Tokyo,Platinum\n",
        "rules.csv": f"series,class,categories,min,max\n{BGT},Pro-Am,Platinum;Gold,,1\n",
        "class.csv": "driver,team,series,car,rounds,class\n"
        f"Alexandre Imperatori,KCMG,{BGT},18,,Pro-Am\n"
        + (f"Tsugio Matsuda,KCMG,{BGT},18,1,Pro-Am\n" if matsuda else ""),
        "docs.csv": "driver,document,expires\nYuke Taniguchi,licence,2018-05-01\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_files(db, [folder / name for name in files])


def open_window(qtbot: Any, db: Database, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(SeasonDocument(db), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def ruled_window(qtbot: Any, demo_db: Database, tmp_path: Path) -> MainWindow:
    ruled_demo(demo_db, tmp_path, matsuda=True)
    return open_window(qtbot, demo_db, tmp_path)


def cell_of(win: MainWindow, driver: str, series: str, round_label: str) -> Any:
    season = win.document.season
    meeting = next(m for m in season.meetings.values()
                   if m.series == series and m.round == round_label)
    return win.roster.cell(season.driver_named(driver).id, meeting.id)  # type: ignore[union-attr]


def test_the_roster_marks_matsudas_breaching_seat_in_violet_with_the_sentence(
    ruled_window: MainWindow, tmp_path: Path
) -> None:
    win = ruled_window
    win.show_view("roster")
    roster = win.roster
    watch = lineup_watch(win.document)
    index = cell_of(win, "Tsugio Matsuda", BGT, "1")
    found = cell_breaches(roster.model, watch, index.row(), index.column())
    assert [b.message for b in found] == [SENTENCE]
    assert SENTENCE in cell_tooltip(roster.model, index, found)
    assert "Entered in KCMG #18" in cell_tooltip(roster.model, index, found)
    later = cell_of(win, "Alexandre Imperatori", BGT, "2")  # Matsuda only races round 1
    assert cell_breaches(roster.model, watch, later.row(), later.column()) == []
    roster.table.scrollTo(index)
    rect = roster.table.visualRect(index)
    image = roster.table.viewport().grab().toImage()
    image.save(str(tmp_path / "roster.png"))
    corner = image.pixelColor(rect.right() - 3, rect.top() + 2)
    band = image.pixelColor(rect.center().x(), rect.bottom() - 1)
    assert corner.name() == RULE_VIOLET.name() and band.name() == RULE_VIOLET.name()
    plain = roster.table.visualRect(later)
    if plain.isValid() and plain.intersects(roster.table.viewport().rect()):
        assert image.pixelColor(plain.right() - 3, plain.top() + 2).name() != RULE_VIOLET.name()


def test_the_lineups_tab_lists_every_finding_and_jumps_to_the_meeting(
    qtbot: Any, qtmodeltester: Any, ruled_window: MainWindow
) -> None:
    win = ruled_window
    view = win.actions_by_name["view_lineups"]
    assert view.shortcut().toString() == "Ctrl+5"
    view.trigger()
    assert win.current_view() == "lineups"
    assert win.tabs.tabText(win.tabs.currentIndex()) == "Line-&ups (7)"
    panel = win.lineup_panel
    qtmodeltester.check(panel.model)
    messages = [f.message for f in panel.model.findings]
    assert messages[0] == SENTENCE
    assert any("Yuke Taniguchi's licence expires on 1 May 2018" in m for m in messages[1:])
    assert panel.summary.text().startswith("1 line-up breach, ")
    panel.driver_combo.setCurrentIndex(panel.driver_combo.findText("Yuke Taniguchi"))
    documents = [f for f in panel.model.findings if f.kind == "document"]
    assert [f.severity for f in documents] == ["warning", *["clash"] * 5]
    assert len(panel.model.findings) == 7  # and his car's breach
    panel.driver_combo.setCurrentIndex(panel.driver_combo.findText("Jens Klingmann"))
    assert panel.model.findings == []
    panel.driver_combo.setCurrentIndex(0)
    first = panel.model.index(0, 0)
    rect = panel.table.visualRect(first)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.meeting_activated, timeout=1000) as signal:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.document.season.meetings[signal.args[0]].series == BGT
    assert win.current_view() == "roster"


def test_dragging_a_platinum_driver_onto_the_pro_am_car_says_it_breaks_the_rule(
    qtbot: Any, demo_db: Database, tmp_path: Path
) -> None:
    ruled_demo(demo_db, tmp_path, matsuda=False)
    win = open_window(qtbot, demo_db, tmp_path)
    win.show_view("roster")
    season = win.document.season
    matsuda = season.driver_named("Tsugio Matsuda")
    assert matsuda is not None
    target = cell_of(win, "Alexandre Imperatori", BGT, "1")
    win.roster.preview_drop(matsuda.id, target)
    assert f"Breaks a line-up rule: {SENTENCE}." in win.roster.preview.text()
    other = cell_of(win, "Jens Klingmann", "24h Nurburgring", "24h")  # a car without a class
    win.roster.preview_drop(season.driver_named("Katsumasa Chiyo").id, other)  # type: ignore[union-attr]
    assert "line-up rule" not in win.roster.preview.text()
    def breaches() -> list[str]:
        return [f.message for f in win.lineup_panel.model.findings if f.kind == "lineup"]

    assert breaches() == []
    win.roster.drop_driver(matsuda.id, target)
    assert breaches() == [SENTENCE]
    win.document.undo_stack.undo()
    assert breaches() == []


def test_a_rule_made_in_its_dialog_marks_the_roster(
    qtbot: Any, demo_db: Database, tmp_path: Path
) -> None:
    ruled_demo(demo_db, tmp_path, matsuda=True)
    win = open_window(qtbot, demo_db, tmp_path)
    watch = lineup_watch(win.document)
    dialog = EntityDialog(win.document, "lineup_rules")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["series_id"].set_value(
        next(s for s, label in _series(win) if label == BGT))
    for key, text in (("car_class", "Pro-Am"), ("categories", "bronze"), ("min_count", "2"),
                      ("max_count", "1")):
        widget = dialog.editors[key].widget
        widget.clear()
        qtbot.keyClicks(widget, text)
    assert "less than the min" in dialog.messages["max_count"].text()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    dialog.editors["max_count"].widget.clear()
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    bronze = [b for b in watch.breaches() if b.rule.categories == {"Bronze"}]
    assert [b.meeting.round for b in bronze] == ["1", "2", "3", "4", "5", "6"]
    assert bronze[0].message.endswith("1 driver is Bronze (Yuke Taniguchi); the class needs "
                                      "at least 2")


def _series(win: MainWindow) -> list[tuple[int, str]]:
    from paddock_desk.services.edits_forms import choices

    return choices(win.document.db, "series")


def test_categories_are_edited_in_the_driver_dialog(
    qtbot: Any, demo_db: Database, tmp_path: Path
) -> None:
    win = open_window(qtbot, demo_db, tmp_path)
    driver = win.document.season.driver_named("Yuke Taniguchi")
    assert driver is not None and driver.category is None
    dialog = EntityDialog(win.document, "drivers", driver.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["category"].set_value("Bronze")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert win.document.season.drivers[driver.id].category == "Bronze"


def test_render_the_lineups_tab(ruled_window: MainWindow, tmp_path: Path) -> None:
    ruled_window.show_view("lineups")
    picture = ruled_window.grab()
    assert not picture.isNull()
    picture.save(str(tmp_path / "lineups-tab.png"))


def test_the_line_up_dialog_says_before_saving_which_rule_it_would_break(
    qtbot: Any, demo_db: Database, tmp_path: Path
) -> None:
    ruled_demo(demo_db, tmp_path, matsuda=False)
    win = open_window(qtbot, demo_db, tmp_path)
    season = win.document.season
    car = next(c for c in season.cars.values() if c.series == BGT and c.number == "18")
    matsuda = season.driver_named("Tsugio Matsuda")
    assert matsuda is not None
    dialog = EntityDialog(win.document, "lineups")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["driver_id"].set_value(matsuda.id)
    dialog.editors["car_id"].set_value(car.id)
    qtbot.keyClicks(dialog.editors["rounds"].widget, "1")
    note = dialog.findChild(QLabel, "rule-note")
    assert note is not None and note.isVisible()
    assert note.text() == f"Breaks a line-up rule: {SENTENCE}."
    dialog.editors["driver_id"].set_value(season.driver_named("Jens Klingmann").id)  # type: ignore[union-attr]
    assert not note.isVisible()
