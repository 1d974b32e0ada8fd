"""The one import preview works out clashes inside a transaction it always rolls back."""

from __future__ import annotations

from pathlib import Path

import pytest

from paddock_desk.services.import_preview import preview_import
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season

ICS = Path(__file__).resolve().parent / "data" / "ics"


def snapshot(db: Database) -> tuple[int, int, int]:
    with db.engine.connect() as conn:
        season = load_season(conn)
    return len(season.meetings), len(season.assignments), len(season.series)


def test_preview_of_a_roster_and_a_calendar_writes_nothing(demo, tmp_path):
    before = snapshot(demo)
    roster = tmp_path / "roster.csv"
    roster.write_text("driver,team,series,car,rounds\n"
                      "Andrea Pizzitola,KCMG,Blancpain GT Series Asia,18,2\n", encoding="utf-8")
    preview = preview_import(demo, [roster, ICS / "apple.ics"])
    assert preview.report.dry_run and preview.report.changed
    assert [c.driver.name for c in preview.added] == ["Andrea Pizzitola"]
    assert preview.resolved == []
    assert snapshot(demo) == before
    again = preview_import(demo, [roster])  # the connection went back clean
    assert [c.driver.name for c in again.added] == ["Andrea Pizzitola"]
    assert snapshot(demo) == before


def test_an_import_that_changes_nothing_says_so(demo):
    first = preview_import(demo, [ICS / "apple.ics"])
    assert first.report.changed
    import_files(demo, [ICS / "apple.ics"])
    again = preview_import(demo, [ICS / "apple.ics"])
    assert not again.report.changed and again.report.changes == []
    assert again.report.summary().startswith("Nothing to change")
    assert again.clash_lines() == ["No clash added or resolved."]


def test_a_refused_file_leaves_the_database_as_it_was(demo, tmp_path):
    from paddock_desk.domain.errors import PaddockError

    before = snapshot(demo)
    notes = tmp_path / "notes.csv"
    notes.write_text("what,when\nbuy tyres,monday\n", encoding="utf-8")
    with pytest.raises(PaddockError, match="notes.csv"):
        preview_import(demo, [ICS / "apple.ics", notes])
    assert snapshot(demo) == before
    assert preview_import(demo, [ICS / "apple.ics"]).report.changed
