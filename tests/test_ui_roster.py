"""The roster and clash panel on the demo season: find Imperatori's clashes and resolve them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season
from paddock_desk.ui.clash_panel import ClashPanel
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.driver_list import DRIVER_ID_ROLE
from paddock_desk.ui.roster_model import Role
from paddock_desk.ui.roster_view import RosterView

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")

IMPERATORI = "Alexandre Imperatori"
MATSUDA = "Tsugio Matsuda"
BGTA = "Blancpain GT Series Asia"


@pytest.fixture
def desk(qtbot, demo_db):
    document = SeasonDocument(demo_db)
    roster = RosterView(document)
    panel = ClashPanel(document)
    for widget in (roster, panel):
        qtbot.addWidget(widget)
        widget.resize(1200, 500)
        widget.show()
    return document, roster, panel


def driver_id(document: SeasonDocument, name: str) -> int:
    driver = document.season.driver_named(name)
    assert driver is not None
    return driver.id


def meeting_id(document: SeasonDocument, series: str, round_label: str) -> int:
    for meeting in document.season.meetings.values():
        if meeting.series == series and meeting.round == round_label:
            return meeting.id
    raise AssertionError(f"no {series} round {round_label}")


def clash_cells(roster: RosterView, driver: int) -> set[int]:
    """The meetings of the driver's red cells."""
    row = roster.model.row_of_driver(driver)
    return {
        roster.model.index(row, column).data(Role.MEETING_ID)
        for column in range(roster.model.columnCount())
        if roster.model.index(row, column).data(Role.STATE) == "clash"
    }


def drag_driver(roster: RosterView, name: str, target) -> None:
    """Drag a driver from the driver list onto a roster cell, as the mouse would."""
    roster.driver_filter.setText(name)
    proxy = roster.driver_proxy
    assert proxy.rowCount() == 1
    mime: QMimeData = proxy.mimeData([proxy.index(0, 0)])
    table = roster.table
    table.scrollTo(target)
    QApplication.processEvents()
    point = table.visualRect(target).center()
    viewport = table.viewport()
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(point, actions, mime, buttons, modifiers),
        QDragMoveEvent(point, actions, mime, buttons, modifiers),
        QDropEvent(point.toPointF(), actions, mime, buttons, modifiers),
    ):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()
    roster.driver_filter.clear()


def select_cells(qtbot, roster: RosterView, cells) -> None:
    """Click the first cell, Ctrl+click the others."""
    table = roster.table
    for number, index in enumerate(cells):
        table.scrollTo(index)
        QApplication.processEvents()
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center()
        )
    assert set(table.selectionModel().selectedIndexes()) == set(cells)


def test_imperatori_clashes_found_resolved_undone_and_redone(qtbot, desk, demo_db):
    document, roster, panel = desk
    imperatori = driver_id(document, IMPERATORI)
    matsuda = driver_id(document, MATSUDA)
    sepang = meeting_id(document, BGTA, "1")
    chang = meeting_id(document, BGTA, "2")
    castellet = meeting_id(document, "European Le Mans Series", "1")
    nurburgring = meeting_id(document, "24h Nurburgring", "24h")

    # Both clashes show in red in his row, explained in the tooltip, and in the panel.
    assert clash_cells(roster, imperatori) == {sepang, chang, castellet, nurburgring}
    sepang_cell = roster.cell(imperatori, sepang)
    assert sepang_cell.data() == "#18 KCMG"
    assert "overlaps" in sepang_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Le Castellet" in sepang_cell.data(Qt.ItemDataRole.ToolTipRole)
    listed = panel.visible_clashes()
    assert [c.driver.name for c in listed] == [IMPERATORI, IMPERATORI]
    assert {c.second.meeting.id for c in listed} == {sepang, chang}
    assert panel.summary.text().startswith("2 clashes")

    # Drag Matsuda onto KCMG #18 at Sepang and at Chang.
    drag_driver(roster, MATSUDA, roster.cell(imperatori, sepang))
    drag_driver(roster, MATSUDA, roster.cell(imperatori, chang))
    assert roster.cell(matsuda, sepang).data() == "#18 KCMG"
    assert roster.cell(matsuda, chang).data() == "#18 KCMG"
    assert len(panel.visible_clashes()) == 2

    # Take Imperatori out of both rounds: select his two cells, press Delete.
    select_cells(qtbot, roster, [roster.cell(imperatori, sepang), roster.cell(imperatori, chang)])
    qtbot.keyClick(roster.table, Qt.Key.Key_Delete)
    assert panel.visible_clashes() == []
    assert panel.summary.text().startswith("0 clashes")
    assert clash_cells(roster, imperatori) == set()
    assert roster.cell(imperatori, sepang).data() is None
    assert roster.cell(imperatori, meeting_id(document, BGTA, "3")).data() == "#18 KCMG"
    assert _rounds_in_database(demo_db, IMPERATORI, "18", BGTA) == {"3", "4", "5", "6"}
    assert _rounds_in_database(demo_db, MATSUDA, "18", BGTA) == {"1", "2"}

    # Undo brings them back; redo removes them again.
    document.undo_stack.undo()
    assert len(panel.visible_clashes()) == 2
    assert clash_cells(roster, imperatori) == {sepang, chang, castellet, nurburgring}
    assert _rounds_in_database(demo_db, IMPERATORI, "18", BGTA) is None
    document.undo_stack.redo()
    assert panel.visible_clashes() == []
    assert roster.cell(matsuda, chang).data() == "#18 KCMG"
    assert _rounds_in_database(demo_db, IMPERATORI, "18", BGTA) == {"3", "4", "5", "6"}


def _rounds_in_database(db: Database, driver: str, car: str, series: str):
    """The driver's rounds in the car as stored (None: every round), read afresh."""
    with db.engine.connect() as conn:
        season = load_season(conn)
    found = season.driver_named(driver)
    assert found is not None
    for assignment in season.assignments.values():
        entry = season.cars[assignment.car_id]
        if assignment.driver_id == found.id and entry.number == car and entry.series == series:
            return set(assignment.rounds) if assignment.rounds is not None else None
    return "absent"


def test_context_menu_enters_and_removes(qtbot, desk):
    document, roster, _panel = desk
    taniguchi = driver_id(document, "Yuke Taniguchi")
    fuji = meeting_id(document, BGTA, "4")
    menu = roster.context_menu(roster.cell(taniguchi, fuji))
    texts = [a.text() for a in menu.actions()]
    assert "Remove Yuke Taniguchi from KCMG #18 for round 4" in texts
    next(a for a in menu.actions() if a.text().endswith("for round 4")).trigger()
    assert roster.cell(taniguchi, fuji).data() is None
    assert document.undo_stack.undoText().startswith("Remove Yuke Taniguchi")
    document.undo_stack.undo()
    assert roster.cell(taniguchi, fuji).data() == "#18 KCMG"


def test_clash_cell_menu_offers_a_substitute(qtbot, desk):
    document, roster, panel = desk
    imperatori = driver_id(document, IMPERATORI)
    sepang = meeting_id(document, BGTA, "1")
    menu = roster.context_menu(roster.cell(imperatori, sepang))
    assert "Find a substitute for KCMG #18…" in [a.text() for a in menu.actions()]
    car = next(c for c in document.season.cars.values() if c.series == BGTA)
    dialog = roster.substitutes_dialog(imperatori, document.season.meetings[sepang], car)
    qtbot.addWidget(dialog)
    assert dialog.names()[:2] == ["Katsumasa Chiyo", MATSUDA]
    dialog.choose(MATSUDA)
    dialog.accept()
    assert roster.cell(matsuda_id := driver_id(document, MATSUDA), sepang).data() == "#18 KCMG"
    assert roster.cell(imperatori, sepang).data() is None
    assert len(panel.visible_clashes()) == 1
    document.undo_stack.undo()
    assert roster.cell(matsuda_id, sepang).data() is None
    assert len(panel.visible_clashes()) == 2


def test_double_click_in_panel_names_the_meeting(qtbot, desk):
    document, _roster, panel = desk
    first = panel.model.index(0, 0)
    rect = panel.table.visualRect(first)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.meeting_activated, timeout=1000) as signal:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args[0] == meeting_id(document, "European Le Mans Series", "1")


def test_panel_filters_by_text_and_severity(qtbot, desk):
    _document, _roster, panel = desk
    qtbot.keyClicks(panel.filter_edit, "Chang")
    qtbot.waitUntil(lambda: [c.second.meeting.round for c in panel.visible_clashes()] == ["2"])
    panel.filter_edit.clear()
    qtbot.waitUntil(lambda: len(panel.visible_clashes()) == 2)
    panel.show_combo.setCurrentIndex(2)
    assert panel.visible_clashes() == []
    panel.show_combo.setCurrentIndex(1)
    assert len(panel.visible_clashes()) == 2


def test_models_pass_the_model_tester(qtmodeltester, desk):
    _document, roster, panel = desk
    qtmodeltester.check(roster.model)
    qtmodeltester.check(roster.drivers)
    qtmodeltester.check(panel.model)


def test_driver_list_carries_the_driver_id(desk):
    document, roster, _panel = desk
    roster.driver_filter.setText("Matsuda")
    index = roster.driver_proxy.index(0, 0)
    assert index.data(DRIVER_ID_ROLE) == driver_id(document, MATSUDA)


def test_unavailable_days_shade_the_cells_they_fall_on(qtbot, desk):
    from datetime import date

    from paddock_desk.services.edits_rows import CreateRow

    document, roster, panel = desk
    matsuda = driver_id(document, MATSUDA)
    sepang = meeting_id(document, BGTA, "1")
    chang = meeting_id(document, BGTA, "2")
    assert roster.cell(matsuda, sepang).data(Role.STATE) == "free"
    document.execute(CreateRow("unavailability", {
        "driver_id": matsuda, "start_date": date(2018, 4, 15), "end_date": date(2018, 4, 15),
        "reason": "Super GT test",
    }))
    cell = roster.cell(matsuda, sepang)
    assert cell.data(Role.STATE) == "unavailable"
    assert "Unavailable: Super GT test" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert roster.cell(matsuda, chang).data(Role.STATE) == "free"
    drag_driver(roster, MATSUDA, roster.cell(driver_id(document, IMPERATORI), sepang))
    assert roster.cell(matsuda, sepang).data(Role.STATE) == "clash"
    assert any(c.kind == "unavailable" for c in panel.visible_clashes())
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert roster.cell(matsuda, sepang).data(Role.STATE) == "free"


def test_showing_a_meeting_selects_the_clashing_drivers_cell(qtbot, desk):
    document, roster, panel = desk
    chang = meeting_id(document, BGTA, "2")
    roster.show_meeting(chang)
    current = roster.table.currentIndex()
    assert current.data(Role.MEETING_ID) == chang
    assert current.data(Role.DRIVER_ID) == driver_id(document, IMPERATORI)
    assert panel.detail.text().startswith("Select a clash")


def test_keyboard_users_enter_the_listed_driver_from_the_cell_menu(qtbot, desk):
    document, roster, _panel = desk
    imperatori = driver_id(document, IMPERATORI)
    chang = meeting_id(document, BGTA, "2")
    roster.driver_filter.setText("Matsuda")
    roster.driver_list.setCurrentIndex(roster.driver_proxy.index(0, 0))
    menu = roster.context_menu(roster.cell(imperatori, chang))
    action = next(a for a in menu.actions() if a.text().startswith("Enter Tsugio Matsuda"))
    assert action.text() == "Enter Tsugio Matsuda in KCMG #18 for round 2"
    action.trigger()
    assert roster.cell(driver_id(document, MATSUDA), chang).data() == "#18 KCMG"


def test_filter_hides_other_drivers_and_meetings(qtbot, desk):
    document, roster, _panel = desk
    imperatori = driver_id(document, IMPERATORI)
    sepang = meeting_id(document, BGTA, "1")
    roster.set_filter({imperatori}, {sepang})
    visible_rows = [r for r in range(roster.model.rowCount()) if not roster.table.isRowHidden(r)]
    visible_columns = [c for c in range(roster.model.columnCount())
                       if not roster.table.isColumnHidden(c)]
    assert visible_rows == [roster.model.row_of_driver(imperatori)]
    assert visible_columns == [roster.model.column_of_meeting(sepang)]
    roster.set_filter()
    assert not any(roster.table.isRowHidden(r) for r in range(roster.model.rowCount()))


def test_dragging_over_a_cell_says_whether_dropping_would_clash(qtbot, desk):
    from paddock_desk.ui.roster_view import drop_preview

    document, roster, _panel = desk
    sepang = document.season.meetings[meeting_id(document, BGTA, "1")]
    car = next(c for c in document.season.cars.values() if c.series == BGTA)
    free = drop_preview(document, driver_id(document, MATSUDA), sepang, [car])
    assert free == ("Drop to enter Tsugio Matsuda in KCMG #18 for Blancpain GT Series Asia "
                    "round 1: free, no clash.")
    busy = drop_preview(document, driver_id(document, "Roman Rusinov"), sepang, [car])
    assert "would clash" in busy and "Le Castellet" in busy
    roster.preview_drop(driver_id(document, "Roman Rusinov"),
                        roster.cell(driver_id(document, IMPERATORI), sepang.id))
    assert roster.preview.isVisible() and "would clash" in roster.preview.text()
