"""What a team manager notices on a first walk through the demo season."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QKeySequence

from paddock_desk.store.database import open_database
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.main_window import MainWindow
from paddock_desk.ui.roster_model import CLASH_BRUSH

BGSA = "Blancpain GT Series Asia"


def sepang(window: MainWindow) -> int:
    return next(m.id for m in window.document.season.meetings.values()
                if m.series == BGSA and m.round == "1")


def test_the_clash_cell_a_jump_selects_stays_red(qtbot, window):
    window.show_view("clashes")
    window.open_meeting_in_roster(sepang(window))
    table = window.roster.table
    index = table.currentIndex()
    assert index.data() and "KCMG" in index.data()
    assert table.selectionModel().isSelected(index)
    picture = table.viewport().grab().toImage()
    rect = table.visualRect(index)
    # inside the selection frame, away from the text: the clash colour, not the highlight
    inside = QColor(picture.pixel(rect.right() - 5, rect.bottom() - 4))
    assert inside == CLASH_BRUSH.color()


def test_keyboard_undo_and_redo_of_a_removal(qtbot, window):
    window.show_view("roster")
    window.activateWindow()
    qtbot.waitActive(window)
    imperatori = window.document.season.driver_named("Alexandre Imperatori")
    table = window.roster.table
    table.setFocus()
    table.setCurrentIndex(window.roster.cell(imperatori.id, sepang(window)))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert len(window.document.clashes) == 1
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.clashes) == 2
    qtbot.keyClick(table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.document.clashes) == 1
    assert window.clash_button.text() == "1 clash"


def test_quit_has_a_shortcut_on_every_platform(qtbot, window):
    assert window.actions_by_name["quit"].shortcut() == QKeySequence("Ctrl+Q")


def test_toolbar_undo_keeps_a_short_label_and_names_the_step_in_its_tip(qtbot, window):
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "MainToolbar")
    undo = next(a for a in bar.actions() if a.text() == "Undo")
    assert not undo.isEnabled()
    imperatori = window.document.season.driver_named("Alexandre Imperatori")
    window.roster.table.setCurrentIndex(window.roster.cell(imperatori.id, sepang(window)))
    window.roster.remove_selected()
    assert undo.isEnabled() and undo.text() == "Undo"
    assert "Remove Alexandre Imperatori" in undo.toolTip()
    undo.trigger()
    assert len(window.document.clashes) == 2
    assert not undo.isEnabled()


def test_an_empty_roster_says_how_to_fill_it(qtbot, tmp_path):
    db = open_database(tmp_path / "empty.db")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(SeasonDocument(db), settings)
    qtbot.addWidget(win)
    win.show()
    win.show_view("roster")
    hint = win.roster.empty_hint
    assert hint.isVisible() and "File > Import (Ctrl+I)" in hint.text()
    assert hint.text().startswith("No meetings yet.")
    db.close()


def test_a_full_roster_shows_no_hint(qtbot, window):
    window.show_view("roster")
    assert not window.roster.empty_hint.isVisible()


@pytest.mark.parametrize("view", ["calendar", "season", "roster", "clashes"])
def test_every_control_a_keyboard_reaches_has_a_name(qtbot, window, view):
    from PySide6.QtWidgets import QAbstractButton, QWidget

    window.show_view(view)
    nameless = [
        type(w).__name__ for w in window.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isVisibleTo(window)
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text())
    ]
    assert nameless == []


def test_a_jump_to_a_clash_shows_both_of_its_meetings(qtbot, window):
    window.resize(1000, 700)  # room for a few meetings only
    window.show_view("roster")
    roster = window.roster
    qtbot.waitUntil(lambda: roster.table.viewport().width() < 600)
    roster.table.scrollToBottom()
    roster.table.horizontalScrollBar().setValue(roster.table.horizontalScrollBar().maximum())
    window.open_meeting_in_roster(sepang(window))
    imperatori = window.document.season.driver_named("Alexandre Imperatori").id
    paul_ricard = next(m.id for m in window.document.season.meetings.values()
                       if m.series == "European Le Mans Series" and m.round == "1")
    seen = roster.table.viewport().rect()
    for meeting_id in (sepang(window), paul_ricard):
        cell = roster.table.visualRect(roster.cell(imperatori, meeting_id))
        assert seen.contains(cell), meeting_id


def test_roster_headers_abbreviate_series_as_people_do():
    from paddock_desk.ui.roster_model import short_series

    assert short_series("FIA Formula 2") == "FIA F2"
    assert short_series("FIA Formula 3") == "FIA F3"
    assert short_series("European Le Mans Series") == "ELMS"
    assert short_series("Blancpain GT Series Asia") == "BGSA"
    assert short_series("Formula 1") == "Formula 1"
