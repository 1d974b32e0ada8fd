"""An import as one undoable edit: undo restores the database as it was, redo writes it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from paddock_desk.services.editing import StaleEditError
from paddock_desk.services.import_edit import ImportEdit
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import Base, MeetingRow

ICS = Path(__file__).parent / "data" / "ics"


@pytest.fixture
def db(db_url: str, real2024: Path) -> Iterator[Database]:
    database = open_database(db_url)
    import_files(database, [real2024 / "circuits.csv"])
    yield database
    database.close()


def dump(db: Database) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            out += sorted((table.name, *r) for r in session.execute(select(table)).all())
    return out


def test_undo_of_an_import_restores_every_row_and_redo_writes_it_again(db: Database) -> None:
    import_files(db, [ICS / "reimport_v1.ics"])
    before = dump(db)
    edit = ImportEdit([ICS / "reimport_v2.ics", ICS / "google_season.ics"])
    change = edit.apply(db)
    assert change.meetings and change.sessions and change.circuits and change.series
    assert edit.report is not None and edit.report.updated["meeting"] > 0
    after = dump(db)
    assert after != before
    edit.revert(db)
    assert dump(db) == before
    edit.apply(db)
    assert dump(db) == after
    edit.revert(db)
    assert dump(db) == before


def test_undo_refuses_when_someone_changed_an_imported_row(db: Database) -> None:
    edit = ImportEdit([ICS / "wec_2025.ics"])
    edit.apply(db)
    with db.session() as session:
        session.execute(update(MeetingRow).values(version=MeetingRow.version + 1))
        session.commit()
    changed = dump(db)
    with pytest.raises(StaleEditError):
        edit.revert(db)
    assert dump(db) == changed
