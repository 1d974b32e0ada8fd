"""Series > Refresh from the web: fetched from a real local server, previewed, applied, undone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from http_support import Feeds, serve, serving
from PySide6.QtCore import Qt
from sqlalchemy import select
from test_calendar_follow import moved

from paddock_desk.services.calendar_follow import fetch_sources
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base, MeetingRow, SeriesRow
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.import_refresh_dialog import RefreshDialog
from paddock_desk.ui.tasks import run_now

ICS = Path(__file__).resolve().parent / "data" / "ics"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Feeds]]:
    with serving(tmp_path / "www") as found:
        yield found


def dump(db: Database) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            out += sorted((table.name, *r) for r in session.execute(select(table)).all())
    return out


def cancelled(db: Database) -> dict[str, bool]:
    with db.session() as session:
        rows = session.scalars(
            select(MeetingRow).join(SeriesRow).where(SeriesRow.name == "Formula 1 2026")
        )
        return {r.name: r.cancelled for r in rows}


def test_refresh_from_the_web_previews_then_applies_one_undoable_step(
    qtbot, demo_db: Database, server: tuple[str, Feeds], tmp_path: Path
) -> None:
    base, feeds = server
    text = (ICS / "f1_2026_it.ics").read_bytes().decode("utf-8")
    serve(feeds, "f1.ics", text)
    import_files(demo_db, fetch_sources([base + "/f1.ics"], tmp_path))
    serve(feeds, "f1.ics", moved(text))
    before = dump(demo_db)

    document = SeasonDocument(demo_db)
    dialog = RefreshDialog(document, runner=run_now)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    preview = dialog.preview.toPlainText()
    assert "moved: Formula 1 2026 round 3 Gran Premio del Giappone" in preview
    gone = [line for line in preview.splitlines() if line.startswith("gone:")]
    assert gone == ["gone: Formula 1 2026 round 4 Gran Premio del Bahrain, 10-12 Apr 2026 at "
                    "Bahrain International Circuit (not in the calendar any more; tick \"Mark "
                    "gone meetings and sessions cancelled\" below to cancel it)"]
    assert "--" not in preview  # the app has a box, not the command line's flag
    box = dialog.cancel_missing
    assert box.isVisible() and box.text().replace("&", "") == (
        "Mark gone meetings and sessions cancelled")
    dialog.cancel_missing.click()
    assert dialog.cancel_missing.isChecked(), dialog.cancel_missing.isVisible()
    assert "cancelled: Formula 1 2026 round 4 Gran Premio del Bahrain" in (
        dialog.preview.toPlainText()
    )
    box.click()  # and back: the box is named again
    assert "tick \"Mark gone meetings and sessions cancelled\" below" in (
        dialog.preview.toPlainText())
    box.click()
    dialog.grab().save("/tmp/ics-follow-refresh-preview.png")
    assert dump(demo_db) == before
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert cancelled(demo_db)["Gran Premio del Bahrain"] is True
    assert document.undo_stack.undoText() == "Refresh from the web"
    document.undo_stack.undo()
    assert dump(demo_db) == before


def test_refresh_with_nothing_followed_says_so(qtbot, demo_db: Database) -> None:
    dialog = RefreshDialog(SeasonDocument(demo_db), runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.heading.text().startswith("No series follows a calendar URL")
    assert dialog.import_button.isHidden()
