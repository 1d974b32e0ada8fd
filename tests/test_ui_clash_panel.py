"""The clash panel's "Find substitute": ranked free drivers, one undoable step to fill the seat."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from paddock_desk.services.demo import load_demo
from paddock_desk.store.database import open_database
from paddock_desk.ui.clash_panel import ClashPanel
from paddock_desk.ui.document import SeasonDocument


@pytest.fixture
def panel(qtbot, tmp_path: Path) -> Iterator[ClashPanel]:
    db = open_database(tmp_path / "demo.db")
    load_demo(db)
    widget = ClashPanel(SeasonDocument(db))
    qtbot.addWidget(widget)
    widget.resize(1100, 300)
    widget.show()
    yield widget
    db.close()


def select_row(qtbot, panel: ClashPanel, text: str) -> None:
    for row in range(panel.model.rowCount()):
        if text in panel.model.index(row, 5).data():
            rect = panel.table.visualRect(panel.model.index(row, 0))
            qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(text)


def test_find_substitute_fills_the_seat_in_one_undoable_step(qtbot, panel):
    assert not panel.substitute_button.isEnabled()
    select_row(qtbot, panel, "Chang/Buriram")
    assert panel.substitute_button.isEnabled()
    dialog = panel.substitutes_dialog(panel.selected_clash())
    qtbot.addWidget(dialog)
    assert dialog.seat().label().startswith("KCMG #18 at Blancpain GT Series Asia round 2")
    assert dialog.names()[:2] == ["Katsumasa Chiyo", "Tsugio Matsuda"]
    assert "drives for KCMG" in dialog.substitutes[0].reason
    assert dialog.leave_box.isChecked()
    dialog.choose("Tsugio Matsuda")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    remaining = panel.visible_clashes()
    assert [c.second.meeting.name for c in remaining] == ["Sepang (Races 1-2)"]
    stack = panel.document.undo_stack
    assert stack.undoText().startswith("Put Tsugio Matsuda in KCMG #18")
    stack.undo()
    assert len(panel.visible_clashes()) == 2


def test_the_other_seat_of_a_clash_can_be_filled_instead(qtbot, panel):
    select_row(qtbot, panel, "Sepang")
    dialog = panel.substitutes_dialog(panel.selected_clash())
    qtbot.addWidget(dialog)
    dialog.seat_combo.setCurrentIndex(1)
    assert dialog.seat().label().startswith("G-Drive Racing #26 at European Le Mans Series")
    assert "Katsumasa Chiyo" in dialog.names()
    assert "Roman Rusinov" not in dialog.names()  # already in that car


def test_clicking_the_dates_header_reverses_the_order(qtbot, panel):
    assert [c.second.meeting.round for c in panel.visible_clashes()] == ["1", "2"]
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [c.second.meeting.round for c in panel.visible_clashes()] == ["2", "1"]


def test_clash_model_passes_the_model_tester(qtmodeltester, panel):
    qtmodeltester.check(panel.model)
    panel.model.set_filter("Chang")
    qtmodeltester.check(panel.model)
