"""A driver's calendar opens each meeting's and session's DESCRIPTION with his clashes there."""

from __future__ import annotations

from pathlib import Path

import icalendar

from paddock_desk.services.calendar_export import ExportTarget, build_export
from paddock_desk.services.clashes import find_clashes
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database

DRIVER = "Alexandre Imperatori"


def _descriptions(data: bytes) -> dict[str, list[str]]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["SUMMARY"]): str(e.get("DESCRIPTION", "")).split("\n")
            for e in cal.walk("VEVENT")}


def _add_sepang_sessions(db: Database, folder: Path) -> None:
    sessions = folder / "sessions.csv"
    sessions.write_text(
        "series,round,session,start,end\n"
        "Blancpain GT Series Asia,1,Race 1,2018-04-14T16:00:00,2018-04-14T17:00:00\n"
        "Blancpain GT Series Asia,1,Race 2,2018-04-15T11:00:00,2018-04-15T12:00:00\n",
        encoding="utf-8",
    )
    import_files(db, [sessions])


def test_every_event_begins_with_the_drivers_clashes_at_that_meeting(
    demo_db: Database, tmp_path: Path
) -> None:
    _add_sepang_sessions(demo_db, tmp_path)
    clashes = find_clashes(demo_db, DRIVER)
    assert len(clashes) == 2
    described = _descriptions(build_export(demo_db, ExportTarget("driver", DRIVER)).data)
    for summary, lines in described.items():
        at = [c.message for c in clashes
              if any(p.meeting.name in summary for p in (c.first, c.second) if hasattr(p, "slot"))]
        assert lines[: len(at)] == at, summary
        rest = lines[len(at):]
        assert rest and rest[-1].startswith("Car #"), summary  # then his car, never a clash
        assert not any("overlaps" in line for line in rest)
    sepang = [lines for s, lines in described.items() if "Sepang" in s]
    assert len(sepang) == 3  # the meeting and its two races
    assert all("Sepang" in lines[0] and "overlaps" in lines[0] for lines in sepang)
    quiet = [lines for s, lines in described.items() if "Fuji" in s]
    assert quiet and quiet[0][0].startswith("Car #")


def test_team_and_series_calendars_carry_no_drivers_clashes(demo_db: Database) -> None:
    asia = ExportTarget("series", "Blancpain GT Series Asia")
    for target in (ExportTarget("team", "KCMG"), asia):
        text = build_export(demo_db, target).data.decode()
        assert "overlaps" not in text


BGT = "Blancpain GT Series Asia"
FINDING_FILES = {
    "categories.csv": "driver,nationality,home_tz,category\n"
                      "Alexandre Imperatori,CH,Asia/Shanghai,Platinum\n"
                      "Yuke Taniguchi,JP,Asia/Tokyo,Bronze\n"
                      "Tsugio Matsuda,JP,Asia/Tokyo,Platinum\n",
    "matsuda.csv": f"driver,team,series,car,rounds,class\n"
                   f"Tsugio Matsuda,KCMG,{BGT},18,1,Pro-Am\n",
    "rules.csv": f"series,class,categories,min,max\n{BGT},Pro-Am,Platinum;Gold,,1\n",
    # valid at every meeting but Macau (15-18 Nov), where it runs out on the second day
    "documents.csv": "driver,document,expires\nAlexandre Imperatori,licence,2018-11-16\n",
}
BREACH = ("KCMG #18, Blancpain GT Series Asia round 1 (Pro-Am): 2 drivers are Gold or Platinum "
          "(Alexandre Imperatori, Tsugio Matsuda); the class allows at most 1")
LICENCE = ("Alexandre Imperatori's licence expires on 16 Nov 2018, before the end of FIA GT World "
           "Cup (Guia Circuit, 15-18 Nov 2018): it must be renewed to race there")


def add_findings(db: Database, folder: Path) -> None:
    """A Pro-Am breach of car 18 at Sepang and Imperatori's licence running out at Macau."""
    paths = []
    for name, text in FINDING_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    import_files(db, paths)


def test_the_drivers_findings_follow_his_clashes_at_their_meeting_only(
    demo_db: Database, tmp_path: Path
) -> None:
    _add_sepang_sessions(demo_db, tmp_path)
    add_findings(demo_db, tmp_path)
    described = _descriptions(build_export(demo_db, ExportTarget("driver", DRIVER)).data)
    sepang = [lines for s, lines in described.items() if "Sepang" in s]
    assert len(sepang) == 3  # the meeting and its two races, alike
    for lines in sepang:
        notes = lines[: lines.index("")]
        assert "overlaps" in notes[0] and notes[1:] == [BREACH]  # the clash, then the finding
    macau = [lines for s, lines in described.items() if "Macau" in s]
    assert len(macau) == 1 and macau[0][:2] == [LICENCE, ""]
    elsewhere = [line for s, lines in described.items() if "Sepang" not in s and "Macau" not in s
                 for line in lines]
    assert BREACH not in elsewhere and LICENCE not in elsewhere
    # Taniguchi shares car 18 at Sepang: the breach is his too, the licence is not
    taniguchi = _descriptions(build_export(demo_db, ExportTarget("driver", "Yuke Taniguchi")).data)
    seen = [line for lines in taniguchi.values() for line in lines]
    assert seen.count(BREACH) == 3 and LICENCE not in seen
