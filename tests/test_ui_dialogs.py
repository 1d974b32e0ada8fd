"""Edit dialogs: bad input is refused with a message beside the field and nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from paddock_desk.services.demo import load_demo
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.season_loader import load_season
from paddock_desk.ui.dialogs.entity_dialog import EntityDialog
from paddock_desk.ui.dialogs.entity_list import EntityListDialog
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.edit_actions import edit_actions


@pytest.fixture
def document(tmp_path: Path) -> Iterator[SeasonDocument]:
    db: Database = open_database(tmp_path / "demo.db")
    load_demo(db)
    yield SeasonDocument(db)
    db.close()


def stored(document: SeasonDocument):
    with document.db.engine.connect() as conn:
        return load_season(conn)


def save_button(dialog: EntityDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def type_into(qtbot, dialog: EntityDialog, key: str, text: str) -> None:
    widget = dialog.editors[key].widget
    widget.clear()
    qtbot.keyClicks(widget, text)


def test_unknown_zone_is_refused_then_a_real_one_saves(qtbot, document):
    dialog = EntityDialog(document, "circuits")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog, "name", "Mandalika")
    type_into(qtbot, dialog, "country", "ID")
    type_into(qtbot, dialog, "lat", "-8.896")
    type_into(qtbot, dialog, "lon", "116.3")
    type_into(qtbot, dialog, "tz", "Asia/Lombok")
    assert dialog.messages["tz"].isVisible()
    assert 'Unknown time zone "Asia/Lombok"' in dialog.messages["tz"].text()
    assert not save_button(dialog).isEnabled()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    dialog.accept()  # even forced, nothing is written
    assert "Mandalika" not in stored(document).circuits
    type_into(qtbot, dialog, "tz", "Asia/Makassar")
    assert not dialog.messages["tz"].isVisible()
    assert save_button(dialog).isEnabled()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert stored(document).circuits["Mandalika"].tz == "Asia/Makassar"
    assert "Mandalika" in document.season.circuits
    document.undo_stack.undo()
    assert "Mandalika" not in stored(document).circuits


def test_zone_chooser_completes_part_of_a_name(qtbot, document):
    dialog = EntityDialog(document, "drivers")
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.editors["home_tz"].widget
    completer = edit.completer()
    completer.setCompletionPrefix("kuala")
    assert completer.currentCompletion() == "Asia/Kuala_Lumpur"


def test_meeting_ending_before_it_starts_is_refused(qtbot, document):
    dialog = EntityDialog(document, "meetings")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog, "round", "7")
    type_into(qtbot, dialog, "name", "Extra round")
    dialog.editors["start_date"].widget.setDate(QDate(2018, 11, 10))
    dialog.editors["end_date"].widget.setDate(QDate(2018, 11, 9))
    assert dialog.messages["end_date"].text() == "The end is before the start."
    assert not save_button(dialog).isEnabled()
    before = len(stored(document).meetings)
    dialog.accept()
    assert len(stored(document).meetings) == before
    dialog.editors["end_date"].widget.setDate(QDate(2018, 11, 11))
    assert save_button(dialog).isEnabled()


def test_duplicate_driver_name_is_refused(qtbot, document):
    dialog = EntityDialog(document, "drivers")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog, "name", "tsugio matsuda")
    assert dialog.messages["name"].text() == 'There is already a driver named "tsugio matsuda".'
    assert not save_button(dialog).isEnabled()


def test_editing_a_meeting_moves_it_and_undo_moves_it_back(qtbot, document):
    season = document.season
    suzuka = next(m for m in season.meetings.values()
                  if m.series == "Blancpain GT Series Asia" and m.round == "3")
    dialog = EntityDialog(document, "meetings", suzuka.id)
    qtbot.addWidget(dialog)
    assert dialog.editors["name"].widget.text() == suzuka.name
    dialog.editors["start_date"].widget.setDate(QDate(2018, 7, 7))
    dialog.editors["end_date"].widget.setDate(QDate(2018, 7, 8))
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert document.season.meetings[suzuka.id].start_date == date(2018, 7, 7)
    assert stored(document).meetings[suzuka.id].end_date == date(2018, 7, 8)
    document.undo_stack.undo()
    assert document.season.meetings[suzuka.id].start_date == suzuka.start_date


def test_entity_list_deletes_with_undo_and_refuses_a_circuit_in_use(qtbot, document):
    drivers = EntityListDialog(document, "drivers")
    qtbot.addWidget(drivers)
    drivers.show()
    drivers.select("Yuke Taniguchi")
    qtbot.mouseClick(drivers.delete_button, Qt.MouseButton.LeftButton)
    assert "Yuke Taniguchi" not in drivers.labels()
    assert stored(document).driver_named("Yuke Taniguchi") is None
    document.undo_stack.undo()
    assert "Yuke Taniguchi" in drivers.labels()
    assert len([a for a in stored(document).assignments.values()
                if a.driver_id == stored(document).driver_named("Yuke Taniguchi").id]) == 1
    circuits = EntityListDialog(document, "circuits")
    qtbot.addWidget(circuits)
    circuits.show()
    circuits.select("Fuji Speedway")
    qtbot.mouseClick(circuits.delete_button, Qt.MouseButton.LeftButton)
    assert circuits.message.isVisible()
    assert "used by" in circuits.message.text()
    assert "Fuji Speedway" in stored(document).circuits


def test_edit_menu_actions_have_shortcuts(qtbot, document):
    window = QWidget()
    qtbot.addWidget(window)
    actions = edit_actions(document, window)
    assert [a.text() for a in actions][:2] == ["&Drivers…", "&Teams…"]
    assert len({a.shortcut().toString() for a in actions}) == len(actions) == 11


@pytest.mark.parametrize("kind", ["circuits", "series", "meetings", "sessions", "teams", "cars",
                                  "drivers", "lineups", "unavailability"])
def test_every_kind_lists_and_opens_its_dialog(qtbot, document, kind):
    listing = EntityListDialog(document, kind)
    qtbot.addWidget(listing)
    if kind in ("sessions", "unavailability"):
        assert listing.labels() == []  # the demo season has none
    else:
        assert listing.labels()
        listing.list.setCurrentRow(0)
        dialog = listing.dialog(listing.selected_id())
        qtbot.addWidget(dialog)
        assert save_button(dialog).isEnabled(), dialog.messages
    fresh = listing.dialog()
    qtbot.addWidget(fresh)


def test_unavailability_and_line_up_made_in_dialogs_show_in_lists(qtbot, document):
    dialog = EntityDialog(document, "unavailability")
    qtbot.addWidget(dialog)
    dialog.editors["driver_id"].set_value(document.season.driver_named("Tsugio Matsuda").id)
    dialog.editors["start_date"].widget.setDate(QDate(2018, 4, 14))
    dialog.editors["end_date"].widget.setDate(QDate(2018, 4, 15))
    type_into(qtbot, dialog, "reason", "Super GT test")
    type_into(qtbot, dialog, "rrule", "FREQ=SOMETIMES")
    assert "Not a repeat rule" in dialog.messages["rrule"].text()
    dialog.editors["rrule"].widget.clear()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    listing = EntityListDialog(document, "unavailability")
    qtbot.addWidget(listing)
    assert listing.labels() == ["Tsugio Matsuda: 2018-04-14 to 2018-04-15 Super GT test"]


def test_line_up_naming_a_round_the_series_lacks_is_refused(qtbot, document):
    dialog = EntityDialog(document, "lineups")
    qtbot.addWidget(dialog)
    season = document.season
    dialog.editors["driver_id"].set_value(season.driver_named("Tsugio Matsuda").id)
    car = next(c for c in season.cars.values() if c.series == "Blancpain GT Series Asia")
    dialog.editors["car_id"].set_value(car.id)
    type_into(qtbot, dialog, "rounds", "1;9")
    assert dialog.messages["rounds"].text() == (
        "Blancpain GT Series Asia has no round 9; its rounds: 1, 2, 3, 4, 5, 6.")
    assert not save_button(dialog).isEnabled()
    type_into(qtbot, dialog, "rounds", "1;2")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    matsuda = season.driver_named("Tsugio Matsuda").id
    assert any(a.driver_id == matsuda and a.car_id == car.id and a.rounds == {"1", "2"}
               for a in stored(document).assignments.values())


def test_a_refusal_message_is_shown_whole_when_it_wraps(qtbot, document):
    dialog = EntityDialog(document, "drivers")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog, "name", "tsugio matsuda")
    message = dialog.messages["name"]
    qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))
    assert message.width() >= 250  # the dialog is wide enough to read it on a line or two
