"""Delete in an entry list names the version the list showed: a row someone else changed since is
not deleted without a word, and one they already deleted is said to be gone.

Two Database objects on one SQLite file or one PostgreSQL database: the colleague saves while the
list is open; the person clicks Delete in the real list and answers the real stale dialog.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from paddock_desk.services.edits_rows import DeleteRow, UpdateRow
from paddock_desk.services.scripted_edits import set_row, show_row
from paddock_desk.store.database import Database, open_database
from paddock_desk.ui.dialogs.entity_list import EntityListDialog
from paddock_desk.ui.dialogs.stale_dialog import StaleDialog
from paddock_desk.ui.document import SeasonDocument

MATSUDA = "Tsugio Matsuda"
LIVE_MS = 2000


@pytest.fixture
def document(qtbot, shared: tuple[Database, Database]) -> Iterator[SeasonDocument]:
    document = SeasonDocument(shared[0])
    yield document
    document.close()


@pytest.fixture
def colleague(shared: tuple[Database, Database]) -> Database:
    return shared[1]


def open_list(qtbot, document: SeasonDocument, kind: str = "drivers") -> EntityListDialog:
    listing = EntityListDialog(document, kind)
    qtbot.addWidget(listing)
    listing.show()
    qtbot.waitExposed(listing)
    return listing


def rename_matsuda(document: SeasonDocument, colleague: Database) -> None:
    matsuda = document.season.driver_named(MATSUDA)
    assert matsuda is not None
    UpdateRow("drivers", matsuda.id, None, {"name": "T. Matsuda"}).apply(colleague)


def delete(qtbot, listing: EntityListDialog, label: str) -> StaleDialog | None:
    """Select ``label`` and click Delete; the stale dialog it opened, if any."""
    listing.select(label)
    qtbot.mouseClick(listing.delete_button, Qt.MouseButton.LeftButton)
    stale = listing.stale_dialog
    if stale is not None:
        qtbot.waitUntil(stale.isVisible)
    return stale


def test_a_row_changed_since_the_list_showed_it_is_not_deleted_until_the_person_says_so(
    qtbot, document, colleague
):
    drivers = open_list(qtbot, document)
    set_row(colleague, "driver", [MATSUDA], ["nationality=FR"], None)
    stale = delete(qtbot, drivers, MATSUDA)
    assert stale is not None, drivers.message.text()
    assert stale.message.text() == (
        f'Someone else changed the driver "{MATSUDA}" after this list showed it '
        "(Nationality from JP to FR), so it was not deleted.")
    assert show_row(colleague, "driver", [MATSUDA])["nationality"] == "FR"
    assert MATSUDA in drivers.labels()
    assert stale.overwrite_button.text() == "&Delete anyway"
    qtbot.mouseClick(stale.compare_button, Qt.MouseButton.LeftButton)
    rows = {field: (theirs, seen) for field, theirs, seen in stale.rows()}
    assert rows["Nationality"] == ("FR", "JP")
    assert stale.table.horizontalHeaderItem(2).text() == "As the list showed it"
    qtbot.mouseClick(stale.overwrite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drivers.stale_dialog is None)
    assert MATSUDA not in drivers.labels()
    assert document.season.driver_named(MATSUDA) is None
    document.undo_stack.undo()  # the delete, made anyway, is undone with their change in it
    assert show_row(colleague, "driver", [MATSUDA])["nationality"] == "FR"
    assert MATSUDA in drivers.labels()
    assert document.season.driver_named(MATSUDA) is not None


def test_reload_shows_the_row_as_saved_and_then_delete_goes_through(qtbot, document, colleague):
    drivers = open_list(qtbot, document)
    rename_matsuda(document, colleague)
    stale = delete(qtbot, drivers, MATSUDA)
    assert stale is not None
    assert "(Name from Tsugio Matsuda to T. Matsuda)" in stale.message.text()
    qtbot.mouseClick(stale.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: drivers.stale_dialog is None)
    assert "T. Matsuda" in drivers.labels() and MATSUDA not in drivers.labels()
    assert drivers.list.currentItem().text() == "T. Matsuda"
    assert "as saved now (version 2); nothing was deleted" in drivers.message.text()
    assert delete(qtbot, drivers, "T. Matsuda") is None
    assert "T. Matsuda" not in drivers.labels()
    assert document.season.driver_named("T. Matsuda") is None


def test_a_row_someone_else_already_deleted_is_said_to_be_gone(qtbot, document, colleague):
    drivers = open_list(qtbot, document)
    matsuda = document.season.driver_named(MATSUDA)
    assert matsuda is not None
    DeleteRow("drivers", matsuda.id).apply(colleague)
    steps = document.undo_stack.count()
    assert delete(qtbot, drivers, MATSUDA) is None
    assert drivers.message.isVisible()
    assert drivers.message.text() == (
        f'Someone else already deleted the driver "{MATSUDA}"; the list now shows what is saved.')
    assert MATSUDA not in drivers.labels()
    assert document.undo_stack.count() == steps


def test_a_list_refreshed_by_a_colleagues_commit_still_refuses_and_names_them(
    qtbot, document, colleague
):
    """The list shows the colleague's commit as it arrives, but the version the person first saw
    is the one a delete names; the refusal names who changed the row when the database says."""
    drivers = open_list(qtbot, document)
    document.watch()
    rename_matsuda(document, colleague)
    qtbot.waitUntil(lambda: "T. Matsuda" in drivers.labels(), timeout=LIVE_MS)
    stale = delete(qtbot, drivers, "T. Matsuda")
    assert stale is not None
    assert "changed the driver \"T. Matsuda\" after this list showed it" in stale.message.text()
    assert document.season.driver_named("T. Matsuda") is not None


@pytest.mark.postgresql
def test_the_refusal_names_the_colleague_on_a_team_database(qtbot, team_demo_url):
    from pg_roles import staff_login

    mine = open_database(team_demo_url)
    document = SeasonDocument(mine)
    drivers = open_list(qtbot, document)
    document.watch()
    try:
        with staff_login(team_demo_url, "ann") as (ann, ann_url):
            colleague = open_database(ann_url)
            set_row(colleague, "driver", [MATSUDA], ["nationality=FR"], None)
            colleague.close()
            qtbot.waitUntil(
                lambda: document.season.driver_named(MATSUDA).nationality == "FR",
                timeout=LIVE_MS)
            stale = delete(qtbot, drivers, MATSUDA)
            assert stale is not None
            assert stale.message.text() == (
                f'{ann} changed the driver "{MATSUDA}" after this list showed it '
                "(Nationality from JP to FR), so it was not deleted.")
            stale.reject()
    finally:
        document.close()
