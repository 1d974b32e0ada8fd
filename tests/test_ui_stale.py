"""A save or an undo that meets a row someone else saved meanwhile: Reload, Compare, Overwrite.

Two Database objects on one SQLite file: the colleague saves under the open dialog.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from paddock_desk.services.edits_rows import UpdateRow
from paddock_desk.services.scripted_edits import set_row, show_row
from paddock_desk.store.database import Database, open_database
from paddock_desk.ui.dialogs.entity_dialog import EntityDialog
from paddock_desk.ui.dialogs.stale_dialog import StaleDialog
from paddock_desk.ui.document import SeasonDocument

BGTA = "Blancpain GT Series Asia"


@pytest.fixture
def colleague(demo_db: Database) -> Iterator[Database]:
    """Someone else on the same database file."""
    other = open_database(demo_db.url)
    yield other
    other.close()


@pytest.fixture
def document(qtbot, demo_db: Database) -> SeasonDocument:
    return SeasonDocument(demo_db)


def sepang(document: SeasonDocument) -> int:
    return next(m.id for m in document.season.meetings.values()
                if m.series == BGTA and m.round == "1")


def open_meeting(qtbot, document: SeasonDocument) -> EntityDialog:
    dialog = EntityDialog(document, "meetings", sepang(document))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save_refused(qtbot, dialog: EntityDialog, name: str) -> StaleDialog:
    """Type ``name`` and save; the stale dialog that the save opens."""
    dialog.editors["name"].widget.setText(name)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    stale = dialog.stale_dialog
    assert stale is not None
    qtbot.waitUntil(stale.isVisible)
    return stale


def test_a_stale_save_offers_compare_then_overwrite_writes_mine(qtbot, document, colleague):
    dialog = open_meeting(qtbot, document)
    assert dialog.version == 1
    set_row(colleague, "meeting", [BGTA, "1"], ["event_name=Sepang (theirs)"], None)
    stale = save_refused(qtbot, dialog, "Sepang (mine)")
    assert "modified by someone else while you were editing it" in stale.message.text()
    assert "you opened version 1, it is now version 2" in stale.message.text()
    assert show_row(colleague, "meeting", [BGTA, "1"])["event_name"] == "Sepang (theirs)"
    assert not stale.table.isVisible()
    qtbot.mouseClick(stale.compare_button, Qt.MouseButton.LeftButton)
    assert stale.table.isVisible()
    rows = {field: (theirs, mine) for field, theirs, mine in stale.rows()}
    assert rows["Name"] == ("Sepang (theirs)", "Sepang (mine)")
    assert rows["Series"] == (BGTA, BGTA)
    assert rows["First day"] == ("2018-04-14", "2018-04-14")
    qtbot.mouseClick(stale.overwrite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = show_row(colleague, "meeting", [BGTA, "1"])
    assert (saved["event_name"], saved["version"]) == ("Sepang (mine)", 3)
    assert document.season.meetings[sepang(document)].name == "Sepang (mine)"
    document.undo_stack.undo()  # the overwrite is one undoable step, back to theirs
    assert show_row(colleague, "meeting", [BGTA, "1"])["event_name"] == "Sepang (theirs)"


def test_reload_shows_their_values_and_the_next_save_names_their_version(
    qtbot, document, colleague
):
    dialog = open_meeting(qtbot, document)
    set_row(colleague, "meeting", [BGTA, "1"], ["event_name=Sepang (theirs)",
                                                 "end_date=2018-04-16"], None)
    stale = save_refused(qtbot, dialog, "Sepang (mine)")
    qtbot.mouseClick(stale.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stale_dialog is None)
    assert dialog.isVisible()
    assert dialog.editors["name"].widget.text() == "Sepang (theirs)"
    assert dialog.editors["end_date"].widget.date().day() == 16
    assert dialog.version == 2
    assert "values someone else saved (version 2)" in dialog.banner.text()
    dialog.editors["cancelled"].widget.setChecked(True)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert dialog.stale_dialog is None and not dialog.isVisible()
    saved = show_row(colleague, "meeting", [BGTA, "1"])
    assert (saved["event_name"], saved["status"], saved["version"]) == (
        "Sepang (theirs)", "cancelled", 3)


def test_cancel_keeps_editing_and_nothing_is_written(qtbot, document, colleague):
    dialog = open_meeting(qtbot, document)
    set_row(colleague, "meeting", [BGTA, "1"], ["event_name=Sepang (theirs)"], None)
    stale = save_refused(qtbot, dialog, "Sepang (mine)")
    stale.reject()
    qtbot.waitUntil(lambda: dialog.stale_dialog is None)
    assert dialog.isVisible() and dialog.editors["name"].widget.text() == "Sepang (mine)"
    assert show_row(colleague, "meeting", [BGTA, "1"])["event_name"] == "Sepang (theirs)"


def test_a_row_deleted_meanwhile_cannot_be_overwritten(qtbot, document, colleague):
    from paddock_desk.services.edits_rows import DeleteRow

    dialog = open_meeting(qtbot, document)
    DeleteRow("meetings", sepang(document)).apply(colleague)
    stale = save_refused(qtbot, dialog, "Sepang (mine)")
    assert "was deleted by someone else" in stale.message.text()
    assert not stale.overwrite_button.isEnabled()


def test_undo_of_an_edit_someone_changed_since_is_refused_with_the_same_choices(
    qtbot, window, colleague
):
    document = window.document
    meeting = sepang(document)
    edit = UpdateRow("meetings", meeting, {"name": "Sepang (Races 1-2)"}, {"name": "Sepang 1"},
                     version=1)
    document.execute(edit)
    set_row(colleague, "meeting", [BGTA, "1"], ["event_name=Sepang (theirs)"], None)
    with qtbot.waitSignal(document.refused):
        document.undo_stack.undo()
    assert show_row(colleague, "meeting", [BGTA, "1"])["event_name"] == "Sepang (theirs)"
    assert document.season.meetings[meeting].name == "Sepang (theirs)"  # read again
    stale = next(d for d in window.findChildren(StaleDialog) if d.isVisible())
    assert 'Undo of "Edit meeting" was not saved' in stale.message.text()
    qtbot.mouseClick(stale.compare_button, Qt.MouseButton.LeftButton)
    rows = {field: (theirs, mine) for field, theirs, mine in stale.rows()}
    assert rows["Name"] == ("Sepang (theirs)", "Sepang (Races 1-2)")
    qtbot.mouseClick(stale.overwrite_button, Qt.MouseButton.LeftButton)
    assert show_row(colleague, "meeting", [BGTA, "1"])["event_name"] == "Sepang (Races 1-2)"
    assert document.undo_stack.undoText().startswith("Overwrite (undo of Edit meeting")
