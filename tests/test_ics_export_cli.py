"""`paddock-desk export-ics` run as a user runs it, on the demo season."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from test_ics_export_readers import READERS, calcurse_read, database_spans

from paddock_desk.store.database import open_database
from paddock_desk.store.season_loader import load_season

DRIVER = "Alexandre Imperatori"
STAMP = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")


def paddock(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paddock_desk", *map(str, args)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    done = paddock("--db", db, "demo")
    assert done.returncode == 0, done.stderr
    return db


def _his_meetings(db_path: Path) -> set[int]:
    db = open_database(db_path)
    with db.engine.connect() as conn:
        season = load_season(conn)
    db.close()
    driver = season.driver_named(DRIVER)
    assert driver is not None
    mine = set()
    for a in season.assignments.values():
        if a.driver_id != driver.id:
            continue
        car = season.cars[a.car_id]
        mine |= {
            m.id for m in season.meetings.values()
            if m.series == car.series and a.covers(m.round)
        }
    return mine


def _export(db: Path, out: Path, *extra: str) -> bytes:
    done = paddock("--db", db, "export-ics", "--driver", DRIVER, "-o", out, *extra)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {out}: {DRIVER} (driver): 13 meetings")
    return out.read_bytes()


def test_imperatori_calendar_is_read_alike_by_every_reader_and_calcurse(
    demo: Path, tmp_path: Path
) -> None:
    data = _export(demo, tmp_path / "imperatori.ics")
    db = open_database(demo)
    expected, by_summary = database_spans(db, meetings=_his_meetings(demo))
    db.close()
    assert len(expected) == 13
    for name, reader in READERS.items():
        assert reader(data) == expected, name
    shown = calcurse_read(data, tmp_path)
    assert shown == by_summary
    sepang_days = shown["Blancpain GT Series Asia R1: Sepang (Races 1-2)"]
    assert sepang_days == ("D2018-04-14", "D2018-04-15")
    assert shown["European Le Mans Series R1: 4 Hours of Le Castellet"] == (
        "D2018-04-13", "D2018-04-15"
    )
    cal = icalendar.Calendar.from_ical(data)
    sepang = next(e for e in cal.walk("VEVENT") if "Sepang" in str(e["SUMMARY"]))
    clashes = paddock("--db", demo, "clashes", "--driver", DRIVER, "--json")
    at_sepang = [c["message"] for c in json.loads(clashes.stdout)
                 if "Sepang" in c["first"]["event"] + c["second"].get("event", "")]
    assert len(at_sepang) == 1 and "overlaps" in at_sepang[0]
    assert str(sepang["DESCRIPTION"]).split("\n") == [
        *at_sepang, "", "Car #18 KCMG: Alexandre Imperatori, Yuke Taniguchi"
    ]
    assert str(sepang["CATEGORIES"].cats[0]) == "Blancpain GT Series Asia"
    assert sepang.decoded("GEO") is not None and str(sepang["LOCATION"]).startswith("Sepang")


def test_exporting_again_keeps_uids_and_moving_a_meeting_raises_its_sequence(
    demo: Path, tmp_path: Path, season2018: Path
) -> None:
    first = _export(demo, tmp_path / "first.ics")
    again = _export(demo, tmp_path / "again.ics")
    assert STAMP.sub(b"", first) == STAMP.sub(b"", again)

    events = (season2018 / "events.csv").read_text(encoding="utf-8")
    moved = events.replace(
        "Sepang International Circuit,2018-04-14,2018-04-15",
        "Sepang International Circuit,2018-04-21,2018-04-22",
    )
    assert moved != events
    (tmp_path / "events.csv").write_text(moved, encoding="utf-8")
    done = paddock("--db", demo, "import", tmp_path / "events.csv")
    assert done.returncode == 0, done.stderr

    after = icalendar.Calendar.from_ical(_export(demo, tmp_path / "after.ics"))
    before = icalendar.Calendar.from_ical(first)
    old = {str(e["UID"]): e for e in before.walk("VEVENT")}
    new = {str(e["UID"]): e for e in after.walk("VEVENT")}
    assert old.keys() == new.keys()
    changed = {uid for uid in new if int(new[uid]["SEQUENCE"]) != int(old[uid]["SEQUENCE"])}
    (sepang,) = changed
    assert (int(old[sepang]["SEQUENCE"]), int(new[sepang]["SEQUENCE"])) == (0, 1)
    assert new[sepang].decoded("DTSTART").isoformat() == "2018-04-21"
    assert new[sepang].decoded("DTEND").isoformat() == "2018-04-23"


def test_unknown_driver_is_an_error_that_suggests_the_closest(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.ics"
    done = paddock("--db", demo, "export-ics", "--driver", "Alexandre Imperator", "-o", out)
    assert done.returncode == 1
    assert 'No driver named "Alexandre Imperator". Did you mean "Alexandre Imperatori"?' in (
        done.stderr
    )
    assert not out.exists()


def test_unwritable_file_is_an_error(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "x.ics"
    done = paddock("--db", demo, "export-ics", "--all", "-o", out)
    assert done.returncode == 1
    assert done.stderr.startswith(f"paddock-desk: Cannot write {out}: No such file or directory")


@pytest.mark.parametrize(
    "args",
    [
        ["--driver", DRIVER],  # no -o
        ["--driver", DRIVER, "--all", "-o", "x.ics"],
        ["--all", "--alarm", "-5", "-o", "x.ics"],
        ["--all", "--only", "everything", "-o", "x.ics"],
    ],
)
def test_bad_usage_exits_2(demo: Path, args: list[str]) -> None:
    assert paddock("--db", demo, "export-ics", *args).returncode == 2


def test_team_and_series_and_alarm_from_the_command_line(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "kcmg.ics"
    done = paddock("--db", demo, "export-ics", "--team", "KCMG", "--only", "meetings",
                   "--alarm", "1440", "-o", out)
    assert done.returncode == 0, done.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == len(cal.walk("VALARM")) == 8
    done = paddock("--db", demo, "export-ics", "--series", "Super GT", "-o", out)
    assert done.returncode == 0 and "Super GT: 8 meetings, 0 sessions" in done.stdout
