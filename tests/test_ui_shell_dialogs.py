"""File > Import and File > Export iCalendar, driven through their dialogs on real files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import func, select

from paddock_desk.domain.clashes import ClashEngine
from paddock_desk.store.database import Database
from paddock_desk.store.schema import DriverRow, MeetingRow
from paddock_desk.store.season_loader import load_season
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.export_dialog import ExportDialog
from paddock_desk.ui.import_dialog import ImportDialog
from paddock_desk.ui.tasks import run_now


def count(db: Database, column) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(select(func.count(column))).scalar_one())


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_rows_are_listed_and_nothing_is_imported(qtbot, demo_db, tmp_path):
    drivers = write(tmp_path / "drivers.csv",
                    "driver,nationality,home_tz\nMaro Engel,DE,Europe/Berlin\n"
                    "Nobody Known,XX,Mars/Olympus\n")
    document = SeasonDocument(demo_db)
    before = count(demo_db, DriverRow.id)
    dialog = ImportDialog(document, [drivers], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    rows = dialog.problem_rows()
    assert len(rows) == 1
    file, line, column, message = rows[0]
    assert (file, line, column) == ("drivers.csv", "3", "home_tz")
    assert "Mars/Olympus" in message
    assert dialog.import_button.isHidden()
    assert "Nothing was imported" in dialog.heading.text()
    assert count(demo_db, DriverRow.id) == before


def test_good_files_are_previewed_then_applied_on_confirmation(qtbot, demo_db, tmp_path):
    drivers = write(tmp_path / "drivers.csv",
                    "driver,nationality,home_tz\nMaro Engel,DE,Europe/Berlin\n")
    document = SeasonDocument(demo_db)
    before = count(demo_db, DriverRow.id)
    dialog = ImportDialog(document, [drivers], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    assert "1 new driver" in dialog.preview.toPlainText()
    assert count(demo_db, DriverRow.id) == before  # a preview writes nothing
    reloaded: list[object] = []
    document.changed.connect(reloaded.append)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert count(demo_db, DriverRow.id) == before + 1
    assert document.season.driver_named("Maro Engel") is not None
    assert reloaded and dialog.result() == QDialog.DialogCode.Accepted


def test_importing_the_demo_again_has_nothing_to_change(qtbot, demo_db):
    from importlib import resources

    folder = Path(str(resources.files("paddock_desk.resources.demo")))
    document = SeasonDocument(demo_db)
    dialog = ImportDialog(document, [folder / "events.csv"], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    assert dialog.heading.text().startswith("Nothing to change")
    assert dialog.import_button.isHidden()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert close.text() == "Close"


def test_a_file_that_is_not_a_season_file_is_refused(qtbot, demo_db, tmp_path):
    junk = write(tmp_path / "notes.csv", "shopping,list\nmilk,eggs\n")
    meetings = count(demo_db, MeetingRow.id)
    dialog = ImportDialog(SeasonDocument(demo_db), [junk], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    rows = dialog.problem_rows()
    assert rows and rows[0][0] == "notes.csv"
    assert count(demo_db, MeetingRow.id) == meetings


def test_a_refusal_carries_its_problems_as_data(qtbot, demo_db, tmp_path):
    events = write(
        tmp_path / "events.csv",
        "series,round,event_name,circuit,start_date,end_date\n"
        "Euro Cup,1,Zandvoort Cup,Sepnag,2024-06-01,2024-06-02\n"
        "Euro Cup,2,Spa Cup,Circuit de Spa-Francorchamps,2024-07-01,2024-06-02\n",
    )
    dialog = ImportDialog(SeasonDocument(demo_db), [events], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    rows = dialog.problem_rows()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("events.csv", "2", "circuit"), ("events.csv", "3", "end_date")
    ]
    assert "Sepnag" in rows[0][3]


def test_export_writes_the_drivers_calendar(qtbot, demo_db, tmp_path):
    dialog = ExportDialog(SeasonDocument(demo_db))
    qtbot.addWidget(dialog)
    dialog.select("driver", "Alexandre Imperatori")
    assert dialog.path.text().endswith("alexandre-imperatori.ics")
    target = tmp_path / "imperatori.ics"
    dialog.path.setText(str(target))
    dialog.export_button.click()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert "Sepang" in text and "Super GT" not in text
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_export is not None and dialog.result_export.meetings > 0


def test_export_refusal_is_shown_and_nothing_written(qtbot, demo_db, tmp_path):
    dialog = ExportDialog(SeasonDocument(demo_db))
    qtbot.addWidget(dialog)
    dialog.select("series", "European Le Mans Series")
    target = tmp_path / "no such folder" / "elms.ics"  # cannot be written
    dialog.path.setText(str(target))
    dialog.export_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible() or dialog.result_export is None
    assert dialog.message.text().startswith("Not exported: Cannot write")
    assert not target.parent.exists()
    assert not list(tmp_path.glob("**/*.ics*"))


def test_files_named_at_start_open_the_preview_checked_off_the_ui_thread(qtbot, demo_db, tmp_path):
    from paddock_desk.ui.import_dialog import open_import_dialog

    drivers = write(tmp_path / "drivers.csv",
                    "driver,nationality,home_tz\nMaro Engel,DE,Europe/Berlin\n")
    document = SeasonDocument(demo_db)
    dialog = open_import_dialog(document, None, [drivers])
    assert dialog is not None  # deletes itself when closed
    qtbot.waitUntil(lambda: not dialog.import_button.isHidden(), timeout=10000)
    assert "1 new driver" in dialog.preview.toPlainText()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: document.season.driver_named("Maro Engel") is not None,
                    timeout=10000)


ICS = Path(__file__).resolve().parent / "data" / "ics"


def test_a_calendar_is_previewed_with_its_new_meeting_before_anything_is_written(qtbot, demo_db):
    meetings = count(demo_db, MeetingRow.id)
    dialog = ImportDialog(SeasonDocument(demo_db), [ICS / "apple.ics"], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    assert "Bathurst 12 Hour" in dialog.preview.toPlainText()
    assert count(demo_db, MeetingRow.id) == meetings
    dialog.import_button.click()
    assert count(demo_db, MeetingRow.id) == meetings + 1


def test_an_impossible_date_in_a_calendar_is_shown_with_its_line(qtbot, demo_db):
    dialog = ImportDialog(SeasonDocument(demo_db), [ICS / "broken_feb30.ics"], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    [(file, line, _column, message)] = dialog.problem_rows()
    assert (file, line) == ("broken_feb30.ics", "18")
    assert "impossible date" in message


def test_the_preview_names_the_clashes_an_import_adds_and_resolves(qtbot, demo_db, tmp_path):
    moved = write(tmp_path / "events.csv", (
        "series,round,event_name,circuit,start_date,end_date\n"
        "Blancpain GT Series Asia,1,Sepang (Races 1-2),Sepang International Circuit,"
        "2018-04-21,2018-04-22\n"))
    entered = write(tmp_path / "roster.csv", (
        "driver,team,series,car,rounds\n"
        "Andrea Pizzitola,KCMG,Blancpain GT Series Asia,18,2\n"))
    document = SeasonDocument(demo_db)
    dialog = ImportDialog(document, [moved, entered], runner=run_now)
    qtbot.addWidget(dialog)
    dialog.start()
    text = dialog.preview.toPlainText()
    assert "The import would add 1 clash:" in text
    assert "Clash: Andrea Pizzitola: " in text and "Chang" in text
    assert "The import would resolve 1 clash:" in text
    assert "Alexandre Imperatori" in text.split("would resolve", 1)[1]
    assert len(document.clashes) == 2  # nothing written yet
    with demo_db.engine.connect() as conn:
        assert len(ClashEngine(load_season(conn)).check_all()) == 2
    dialog.import_button.click()
    assert sorted(c.driver.name for c in document.clashes) == [
        "Alexandre Imperatori", "Andrea Pizzitola"]
