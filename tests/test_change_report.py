"""The change report: a pure function of two exports, read without Qt."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from paddock_desk.services.calendar_export import ExportTarget, build_export
from paddock_desk.services.change_report import change_report, changes, soon
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
IMPERATORI = ExportTarget("driver", "Alexandre Imperatori")


def _events_csv(folder: Path, old: str, new: str) -> Path:
    text = (DEMO / "events.csv").read_text(encoding="utf-8")
    assert old in text
    path = folder / "events.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_moved_meeting_and_the_clash_it_makes_are_told_in_words(
    demo_db: Database, tmp_path: Path
) -> None:
    before = build_export(demo_db, IMPERATORI).data
    assert change_report(before, before) == []
    # Sepang moves off the ELMS weekend onto the weekend of the 24h Nurburgring (a new overlap)
    import_files(demo_db, [_events_csv(
        tmp_path, "Sepang International Circuit,2018-04-14,2018-04-15",
        "Sepang International Circuit,2018-05-12,2018-05-13")])
    after = build_export(demo_db, IMPERATORI).data
    report = change_report(before, after)
    sepang = [line for line in report if line.startswith("Blancpain GT Series Asia R1:")]
    assert len(sepang) == 1
    assert sepang[0].startswith(
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) moved from 14-15 Apr to 12-13 May; "
    )
    assert "has a new clash: Alexandre Imperatori: 24h Nurburgring" in sepang[0]
    assert "no longer clashes: Alexandre Imperatori: European Le Mans Series round 1" in sepang[0]
    elms = [line for line in report if line.startswith("European Le Mans Series R1")]
    assert elms and "moved" not in elms[0] and "no longer clashes" in elms[0]


def test_new_and_removed_events_and_the_changes_close_to_a_session(demo_db: Database) -> None:
    asia = build_export(demo_db, ExportTarget("series", "Blancpain GT Series Asia")).data
    elms = build_export(demo_db, ExportTarget("series", "European Le Mans Series")).data
    found = changes(asia, elms)
    assert any(c.text.endswith(": removed") and "Sepang" in c.text for c in found)
    le_castellet = "European Le Mans Series R1: 4 Hours of Le Castellet: new, 13-15 Apr"
    assert any(c.text == le_castellet for c in found)
    eve = datetime(2018, 4, 12, 12, tzinfo=UTC)
    close = soon(found, eve)
    assert [c.text for c in close] == [le_castellet]
    assert soon(found, datetime(2018, 3, 1, tzinfo=UTC)) == []


def test_new_and_resolved_findings_are_told_as_findings(demo_db: Database, tmp_path: Path) -> None:
    from test_calendar_notes import BREACH, LICENCE, add_findings

    before = build_export(demo_db, IMPERATORI).data
    add_findings(demo_db, tmp_path)
    after = build_export(demo_db, IMPERATORI).data
    report = change_report(before, after)
    assert [line for line in report if BREACH in line] == [
        f"Blancpain GT Series Asia R1: Sepang (Races 1-2) has a new finding: {BREACH}"]
    assert [line for line in report if LICENCE in line] == [
        "FIA GT World Cup: SJM Macau GT Cup - FIA GT World Cup (65th Macau Grand Prix) has a new "
        f"finding: {LICENCE}"]
    assert not any("clash" in line for line in report)  # his clashes did not change
    renewed = tmp_path / "renewed.csv"
    renewed.write_text("driver,document,expires\nAlexandre Imperatori,licence,2019-06-30\n",
                       encoding="utf-8")
    import_files(demo_db, [renewed])
    report = change_report(after, build_export(demo_db, IMPERATORI).data)
    assert report == [
        "FIA GT World Cup: SJM Macau GT Cup - FIA GT World Cup (65th Macau Grand Prix) finding "
        f"resolved: {LICENCE}"]
