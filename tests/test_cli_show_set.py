"""`show` and `set` as DESIGN.md's contract says, on the demo season (both backends)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from race_workers import run_cli

from paddock_desk.services.importing import import_files

BGTA = "Blancpain GT Series Asia"


@pytest.fixture
def season(demo, tmp_path: Path, db_url: str) -> str:
    """The demo season with two sessions at Sepang; the URL to give --db."""
    sessions = tmp_path / "sessions.csv"
    sessions.write_text(
        "series,round,session,start,end\n"
        f"{BGTA},1,Race 1,2018-04-14T16:00,2018-04-14T17:00\n"
        f"{BGTA},1,Race 2,2018-04-15T15:00,2018-04-15T16:00\n"
    )
    import_files(demo, [sessions])
    return db_url


def shown(url: str, *words: str) -> dict:
    status, out, err = run_cli(["--db", url, "show", *words, "--json"])
    assert status == 0, err
    return json.loads(out)


def test_show_prints_every_kind_under_its_csv_names_with_a_version(season):
    assert shown(season, "circuit", "Sepang International Circuit") == {
        "circuit": "Sepang International Circuit", "country": "MY", "lat": 2.760556,
        "lon": 101.7375, "tz": "Asia/Kuala_Lumpur", "version": 1,
    }
    assert shown(season, "series", BGTA) == {
        "series": BGTA, "colour": "#d7263d", "arrival_days": 0, "version": 1,
    }
    driver = shown(season, "driver", "Alexandre Imperatori")
    assert set(driver) == {"driver", "nationality", "home_tz", "category", "version"}
    assert shown(season, "team", "KCMG") == {"team": "KCMG", "version": 1}
    assert shown(season, "meeting", BGTA, "1") == {
        "series": BGTA, "round": "1", "event_name": "Sepang (Races 1-2)",
        "circuit": "Sepang International Circuit", "start_date": "2018-04-14",
        "end_date": "2018-04-15", "status": "scheduled", "version": 1,
    }
    assert shown(season, "session", BGTA, "1", "Race 1") == {
        "series": BGTA, "round": "1", "session": "Race 1",
        "start": "2018-04-14T16:00:00+08:00", "end": "2018-04-14T17:00:00+08:00",
        "status": "scheduled", "version": 1,
    }
    assert shown(season, "car", BGTA, "KCMG", "18") == {
        "series": BGTA, "team": "KCMG", "car": "18", "class": None, "version": 1,
    }


def test_set_saves_prints_the_new_version_and_show_sees_it(season):
    status, out, err = run_cli(["--db", season, "set", "meeting", BGTA, "1",
                                "end_date=2018-04-16", "status=cancelled"])
    assert (status, out.strip(), err) == (0, "2", "")
    meeting = shown(season, "meeting", BGTA, "1")
    assert (meeting["end_date"], meeting["status"], meeting["version"]) == (
        "2018-04-16", "cancelled", 2)
    status, out, _err = run_cli(["--db", season, "set", "session", BGTA, "1", "Race 1",
                                 "start=2018-04-14T15:30", "--if-version", "1"])
    assert (status, out.strip()) == (0, "2")
    assert shown(season, "session", BGTA, "1", "Race 1")["start"] == "2018-04-14T15:30:00+08:00"
    status, out, _err = run_cli(["--db", season, "set", "driver", "Tsugio Matsuda",
                                 "category=gold", "home_tz=Asia/Tokyo"])
    assert status == 0
    assert shown(season, "driver", "Tsugio Matsuda")["category"] == "Gold"


def test_a_stale_version_is_refused_saying_what_the_row_is_now(season):
    assert run_cli(["--db", season, "set", "series", BGTA, "colour=#112233"])[0] == 0
    status, out, err = run_cli(["--db", season, "set", "series", BGTA, "arrival_days=2",
                                "--if-version", "1"])
    assert (status, out) == (1, "")
    assert f"The series '{BGTA}' was changed by someone else since version 1" in err
    assert f"It is now at version 2: series={BGTA}, colour=#112233, arrival_days=0" in err
    assert shown(season, "series", BGTA)["arrival_days"] == 0


def test_a_whole_row_that_would_be_invalid_is_refused(season):
    status, _out, err = run_cli(["--db", season, "set", "meeting", BGTA, "1",
                                 "start_date=2018-04-16"])
    assert status == 1
    assert "round 1 was not saved" in err and "end_date: the end is before the start" in err
    assert "start_date=2018-04-16, end_date=2018-04-15" in err
    assert shown(season, "meeting", BGTA, "1")["version"] == 1


ERRORS = [
    (["set", "meeting", BGTA, "1", "end_dat=2018-04-16"], 2,
     "a meeting has no field 'end_dat'; did you mean 'end_date'?"),
    (["set", "meeting", BGTA, "1", "round=2"], 2, "'round' names the meeting"),
    (["set", "meeting", BGTA, "end_date=2018-04-16"], 2, "a meeting is named by SERIES ROUND"),
    (["set", "meeting", BGTA, "1"], 2, "name at least one FIELD=VALUE"),
    (["show", "boat", "x"], 2, "invalid choice: 'boat'"),
    (["show", "driver", "Alexandre Imperator"], 1,
     "there is no driver 'Alexandre Imperator'; did you mean 'Alexandre Imperatori'?"),
    (["show", "meeting", BGTA, "9"], 1, "has no round '9' (rounds: 1, 2, 3, 4, 5, 6)"),
    (["show", "car", BGTA, "KCMG", "99"], 1, "KCMG has no car 99"),
    (["set", "meeting", BGTA, "1", "end_date=2018-13-01"], 1,
     "end_date: '2018-13-01' is not a date (write YYYY-MM-DD)"),
    (["set", "circuit", "Sepang International Circuit", "lat=91"], 1,
     "lat: '91' is out of range (-90 to 90)"),
    (["set", "series", BGTA, "arrival_days=-1"], 1, "is not a whole number of days"),
    (["set", "driver", "Tsugio Matsuda", "home_tz=Asia/Tokio"], 1, "did you mean 'Asia/Tokyo'?"),
]
"""(words, exit status, what the message says): 2 for bad usage, 1 for data."""


def test_usage_and_data_errors_are_one_sentence(season):
    for words, status, says in ERRORS:
        found, out, err = run_cli(["--db", season, *words])
        assert (found, out) == (status, ""), words
        assert says in err, (words, err)
        assert "Traceback" not in err


def test_the_installed_command_shows_and_sets(season):
    command = [sys.executable, "-m", "paddock_desk", "--db", season]
    done = subprocess.run([*command, "set", "team", "KCMG", "team=X"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 2 and "'team' names the team" in done.stderr
    done = subprocess.run([*command, "show", "series", BGTA], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines()[0] == f"series        {BGTA}"
    assert done.stdout.splitlines()[-1] == "version       1"
