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


def _sessions_csv(folder: Path, race_1: str, race_2: str) -> Path:
    path = folder / "sessions.csv"
    path.write_text(
        "series,round,session,start,end\n"
        f"Blancpain GT Series Asia,1,Race 1,{race_1}\n"
        f"Blancpain GT Series Asia,1,Race 2,{race_2}\n", encoding="utf-8")
    return path


def _sepang_moved(db: Database, folder: Path, dates: str, race_1: str, race_2: str) -> list:
    """The changes when Sepang (races Sat 14:00 and Sun 15:00) moves to ``dates`` and its
    races to ``race_1`` and ``race_2`` (each "start,end", local)."""
    import_files(db, [_sessions_csv(folder, "2018-04-14T14:00,2018-04-14T15:00",
                                    "2018-04-15T15:00,2018-04-15T16:00")])
    before = build_export(db, IMPERATORI).data
    (folder / "moved").mkdir()
    import_files(db, [
        _events_csv(folder, "Sepang International Circuit,2018-04-14,2018-04-15",
                    f"Sepang International Circuit,{dates}"),
        _sessions_csv(folder / "moved", race_1, race_2),
    ])
    return changes(before, build_export(db, IMPERATORI).data)


def test_a_session_that_moved_otherwise_than_its_meeting_is_told_too(
    demo_db: Database, tmp_path: Path
) -> None:
    # The meeting moves a week; Race 2 keeps its Sunday 15:00, Race 1 goes from Saturday
    # afternoon to Sunday morning on top of that.
    found = _sepang_moved(demo_db, tmp_path, "2018-04-21,2018-04-22",
                          "2018-04-22T11:00,2018-04-22T12:00", "2018-04-22T15:00,2018-04-22T16:00")
    sepang = [c for c in found if c.text.startswith("Blancpain GT Series Asia R1:")]
    assert [c.text.split(";")[0] for c in sepang] == [
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) moved from 14-15 Apr to 21-22 Apr",
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) - Race 1 moved from Sat 14 Apr 14:00 "
        "to Sun 22 Apr 11:00",
    ]  # Race 2 moved only with its meeting: the meeting's line says it
    race_1 = sepang[1]
    assert race_1.starts == (datetime(2018, 4, 14, 6, tzinfo=UTC),
                             datetime(2018, 4, 22, 3, tzinfo=UTC))
    assert soon(found, datetime(2018, 4, 21, 12, tzinfo=UTC)) == [race_1]


def test_times_before_ten_keep_their_leading_zero_and_days_lose_theirs(
    demo_db: Database, tmp_path: Path
) -> None:
    found = _sepang_moved(demo_db, tmp_path, "2018-04-07,2018-04-08",
                          "2018-04-08T09:00,2018-04-08T10:00", "2018-04-08T15:00,2018-04-08T16:00")
    assert "Blancpain GT Series Asia R1: Sepang (Races 1-2) - Race 1 moved from Sat 14 Apr " \
        "14:00 to Sun 8 Apr 09:00" in [c.text.split(";")[0] for c in found]


def test_a_session_cancelled_on_its_own_is_told_and_a_cancelled_meeting_tells_for_all(
    demo_db: Database, tmp_path: Path
) -> None:
    import_files(demo_db, [_sessions_csv(tmp_path, "2018-04-14T14:00,2018-04-14T15:00",
                                         "2018-04-15T15:00,2018-04-15T16:00")])
    before = build_export(demo_db, IMPERATORI).data
    (tmp_path / "moved").mkdir()
    race_2_off = _sessions_csv(tmp_path / "moved", "2018-04-21T14:00,2018-04-21T16:00",
                               "2018-04-22T15:00,2018-04-22T16:00,cancelled")
    race_2_off.write_text(race_2_off.read_text().replace("end\n", "end,status\n", 1))
    import_files(demo_db, [
        _events_csv(tmp_path, "Sepang International Circuit,2018-04-14,2018-04-15",
                    "Sepang International Circuit,2018-04-21,2018-04-22"), race_2_off])
    after = build_export(demo_db, IMPERATORI).data
    sepang = [line.split(";")[0] for line in change_report(before, after)
              if line.startswith("Blancpain GT Series Asia R1:")]
    assert sepang == [
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) moved from 14-15 Apr to 21-22 Apr",
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) - Race 1 now ends Sat 21 Apr 16:00 "
        "(was Sat 14 Apr 15:00)",
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) - Race 2 cancelled",
    ]
    off = tmp_path / "off"
    off.mkdir()
    (off / "events.csv").write_text(
        "series,round,event_name,circuit,start_date,end_date,status\n"
        "Blancpain GT Series Asia,1,Sepang (Races 1-2),Sepang International Circuit,2018-04-28,"
        "2018-04-29,cancelled\n", encoding="utf-8")
    import_files(demo_db, [off / "events.csv", _sessions_csv(
        off, "2018-04-28T09:00,2018-04-28T10:00", "2018-04-29T15:00,2018-04-29T16:00")])
    report = change_report(after, build_export(demo_db, IMPERATORI).data)
    sepang = [line for line in report if line.startswith("Blancpain GT Series Asia R1:")]
    assert len(sepang) == 1 and sepang[0].startswith(
        "Blancpain GT Series Asia R1: Sepang (Races 1-2) moved from 21-22 Apr to 28-29 Apr; "
        "cancelled")  # its sessions, cancelled with it, need no line
