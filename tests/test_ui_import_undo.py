"""File > Import in the app: the preview first, the series renamed there, and the import one
step of the undo history that keeps the steps before it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from paddock_desk.services.editing import remove_driver
from paddock_desk.store.database import Database
from paddock_desk.store.schema import Base, SeriesRow
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.import_dialog import ImportDialog
from paddock_desk.ui.tasks import run_now

ICS = Path(__file__).resolve().parent / "data" / "ics"
BGTA = "Blancpain GT Series Asia"


def dump(db: Database) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            out += sorted((table.name, *r) for r in session.execute(select(table)).all())
    return out


def series_names(db: Database) -> set[str]:
    with db.session() as session:
        return set(session.scalars(select(SeriesRow.name)))


def test_import_renamed_in_the_preview_is_one_undoable_step_after_an_edit(
    qtbot, demo_db: Database
) -> None:
    document = SeasonDocument(demo_db)
    driver = document.season.driver_named("Alexandre Imperatori")
    assert driver is not None
    car = next(c for c in document.season.cars.values() if c.series == BGTA)
    document.execute(remove_driver(driver.id, car.id, ["1"]))
    after_edit = dump(demo_db)

    dialog = ImportDialog(document, [ICS / "f1_2026_it.ics"], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    assert dialog.series_name.text() == "Formula 1 2026"
    text = dialog.preview.toPlainText()
    for name in ("Gran Premio d'Australia", "Gran Premio della Cina", "Gran Premio del Giappone",
                 "Gran Premio del Bahrain"):
        assert name in text
    dialog.series_name.selectAll()
    qtbot.keyClicks(dialog.series_name, "F1 2026")
    qtbot.keyClick(dialog.series_name, Qt.Key.Key_Return)
    assert "new: series F1 2026" in dialog.preview.toPlainText()
    dialog.grab().save("/tmp/ics-follow-import-preview.png")
    assert dump(demo_db) == after_edit  # the preview writes nothing
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert "F1 2026" in series_names(demo_db) and "Formula 1 2026" not in series_names(demo_db)
    assert "F1 2026" in document.season.series
    stack = document.undo_stack
    assert stack.count() == 2 and stack.undoText() == "Import f1_2026_it.ics"
    stack.undo()
    assert dump(demo_db) == after_edit and "F1 2026" not in document.season.series
    stack.undo()  # the edit before the import is still there to undo
    assert document.season.driver_named("Alexandre Imperatori") is not None
    stack.redo()
    stack.redo()
    assert "F1 2026" in series_names(demo_db)
