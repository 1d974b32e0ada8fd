"""The side panel's driver and team filters narrow the roster and the clash list too."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from paddock_desk.ui.main_window import MainWindow
from paddock_desk.ui.month_header import band_colours

IMPERATORI = "Alexandre Imperatori"


def choose(qtbot, box, text: str) -> None:
    edit = box.lineEdit()
    box.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def shown_drivers(window: MainWindow) -> list[str]:
    table, model = window.roster.table, window.roster.model
    season = window.document.season
    return [season.drivers[d].name for row, d in enumerate(model.driver_ids)
            if not table.isRowHidden(row)]


def shown_meetings(window: MainWindow) -> set[str]:
    table, model = window.roster.table, window.roster.model
    return {f"{m.series} {m.round}" for col, m in enumerate(model.meetings)
            if not table.isColumnHidden(col)}


def test_driver_filter_narrows_roster_and_clash_list(qtbot, window):
    everyone = len(shown_drivers(window))
    choose(qtbot, window.filters.driver_box, IMPERATORI)
    assert shown_drivers(window) == [IMPERATORI]
    meetings = shown_meetings(window)
    assert {"Blancpain GT Series Asia 1", "European Le Mans Series 1"} <= meetings
    assert not any(m.startswith("Super GT") for m in meetings)
    panel = window.clash_panel
    assert {c.driver.name for c in panel.visible_clashes()} == {IMPERATORI}
    assert f"listed for {IMPERATORI}" in panel.summary.text()
    window.actions_by_name["clear_filters"].trigger()
    assert len(shown_drivers(window)) == everyone
    assert "listed for" not in panel.summary.text()


def test_team_filter_shows_its_drivers_with_all_their_meetings(qtbot, window):
    choose(qtbot, window.filters.team_box, "KCMG")
    drivers = shown_drivers(window)
    assert IMPERATORI in drivers and "Tsugio Matsuda" in drivers
    assert "Andrea Pizzitola" not in drivers
    # the clash's other side (Imperatori's ELMS race with another team) stays in sight
    assert "European Le Mans Series 1" in shown_meetings(window)
    assert len(window.clash_panel.visible_clashes()) == 2
    assert "the drivers of KCMG" in window.clash_panel.summary.text()


def test_a_driver_without_clashes_lists_none(qtbot, window):
    choose(qtbot, window.filters.driver_box, "Jens Klingmann")
    assert window.clash_panel.visible_clashes() == []
    assert "0 listed for Jens Klingmann" in window.clash_panel.summary.text()
    assert window.clash_button.text() == "2 clashes"  # the season still has them


def test_month_bands_read_well_in_dark_and_light_palettes():
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Button, QColor("#34363a"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#e6e6e6"))
    light = QPalette()
    light.setColor(QPalette.ColorRole.Button, QColor("#efefef"))
    light.setColor(QPalette.ColorRole.ButtonText, QColor("#000000"))
    for palette in (dark, light):
        fills = []
        for odd in (False, True):
            fill, text, _line = band_colours(palette, odd=odd)
            assert abs(text.lightnessF() - fill.lightnessF()) >= 0.4
            fills.append(fill)
        assert fills[0] != fills[1]  # neighbouring months differ
