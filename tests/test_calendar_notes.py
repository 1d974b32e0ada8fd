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


def test_a_drivers_calendar_says_his_line_up_and_document_findings_too(
    db: Database, tmp_path: Path
) -> None:
    files = {
        "circuits.csv": "circuit,country,lat,lon,tz\nTwin Ring,DE,50.0,8.0,Europe/Berlin\n",
        "drivers.csv": "driver,nationality,home_tz,category\nAnn Able,GB,Europe/London,Gold\n",
        "events.csv": "series,round,event_name,circuit,start_date,end_date\n"
        "Alpha Cup,1,Spring Race,Twin Ring,2026-05-16,2026-05-17\n"
        "Alpha Cup,2,Summer Race,Twin Ring,2026-07-04,2026-07-05\n",
        "roster.csv": "driver,team,series,car,rounds,class\nAnn Able,Red,Alpha Cup,7,1,Pro-Am\n"
        "Ann Able,Red,Alpha Cup,8,2,\n",
        "lineup_rules.csv": "series,class,categories,min,max\nAlpha Cup,Pro-Am,Gold,,0\n",
        "documents.csv": "driver,document,expires\nAnn Able,licence,2026-07-04\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    import_files(db, [tmp_path / name for name in files])
    described = _descriptions(build_export(db, ExportTarget("driver", "Ann Able")).data)
    assert described["Alpha Cup R1: Spring Race"][0] == (
        "Red #7, Alpha Cup round 1 (Pro-Am): 1 driver is Gold (Ann Able); "
        "the class allows at most 0"
    )
    assert described["Alpha Cup R2: Summer Race"][0] == (
        "Ann Able's licence expires on 4 Jul 2026, before the end of Alpha Cup round 2 "
        "(Twin Ring, 4-5 Jul 2026): it must be renewed to race there"
    )
    assert described["Alpha Cup R2: Summer Race"][-1].startswith("Car #8")
