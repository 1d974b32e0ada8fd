"""`paddock-desk clashes` on the demo season, as a user runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from paddock_desk.cli import main

INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def demo_db(db_url: str) -> str:
    assert main(["--db", db_url, "demo"]) == 0
    return db_url


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(list(argv)) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list)
    return data


def test_imperatori_has_exactly_the_two_real_clashes(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run_json(
        capsys, "--db", demo_db, "clashes", "--driver", "Alexandre Imperatori", "--json"
    )
    clashes = [c for c in found if c["severity"] == "clash"]
    pairs = [(c["kind"], c["first"]["event"], c["second"]["circuit"]) for c in clashes]  # type: ignore[index]
    assert pairs == [
        ("overlap", "4 Hours of Le Castellet", "Sepang International Circuit"),
        ("overlap", "46. ADAC Zurich 24h-Rennen", "Chang International Circuit"),
    ]
    first = clashes[0]
    assert first["first"] == {
        "series": "European Le Mans Series", "round": "1", "event": "4 Hours of Le Castellet",
        "circuit": "Circuit Paul Ricard", "start": "2018-04-13T00:00:00+02:00",
        "end": "2018-04-16T00:00:00+02:00",
    }
    assert first["second"]["start"] == "2018-04-14T00:00:00+08:00"  # type: ignore[index]
    assert first["second"]["end"] == "2018-04-16T00:00:00+08:00"  # type: ignore[index]
    message = str(first["message"])
    assert message.startswith("Alexandre Imperatori: ")
    assert "13-15 Apr 2018" in message and "14-15 Apr 2018" in message


def test_whole_season_json_shape_and_order(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run_json(capsys, "--db", demo_db, "clashes", "--json")
    assert found, "the demo season has clashes"
    keys = {"driver", "kind", "severity", "first", "second", "message"}
    for clash in found:
        assert set(clash) == keys
        first, second = clash["first"], clash["second"]
        assert isinstance(first, dict) and isinstance(second, dict)
        assert set(first) == {"series", "round", "event", "circuit", "start", "end"}
        assert all(INSTANT.match(first[k]) for k in ("start", "end"))
        assert all(INSTANT.match(second[k]) for k in ("start", "end"))
    drivers = [str(c["driver"]) for c in found]
    assert drivers == sorted(drivers)


def test_plain_output_is_grouped_by_driver_with_explanations(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", demo_db, "clashes"]) == 0
    out = capsys.readouterr().out
    assert "Alexandre Imperatori: 2 clashes" in out
    assert "overlaps Blancpain GT Series Asia round 1" in out
    assert out.rstrip().endswith("driver.") or out.rstrip().endswith("drivers.")


def test_unknown_driver_is_an_error_with_a_suggestion(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo_db, "clashes", "--driver", "Alexandre Imperator"]) == 1
    assert 'did you mean "Alexandre Imperatori"' in capsys.readouterr().err


def test_an_empty_database_has_no_clashes(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    result = subprocess.run(
        [sys.executable, "-m", "paddock_desk", "--db", str(db), "clashes", "--json"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_the_command_runs_without_qt_alembic_or_icalendar(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo"]) == 0
    probe = (
        "import sys\n"
        "from paddock_desk.cli import main\n"
        f"code = main(['--db', {str(db)!r}, 'clashes', '--json'])\n"
        "heavy = [m for m in ('PySide6', 'alembic', 'icalendar') if m in sys.modules]\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().splitlines()[-1] == "0 []"


def write_season(folder: Path) -> list[str]:
    files = {
        "circuits.csv": "circuit,country,lat,lon,tz\n"
        "Circuit Paul Ricard,FR,43.250556,5.791667,Europe/Paris\n"
        "Sepang International Circuit,MY,2.760556,101.7375,Asia/Kuala_Lumpur\n",
        "drivers.csv": "driver,nationality,home_tz\nKim Sim,KR,Asia/Seoul\n",
        "events.csv": "series,round,event_name,circuit,start_date,end_date\n"
        "Euro Cup,1,Le Castellet,Circuit Paul Ricard,2018-04-13,2018-04-15\n"
        "Euro Cup,2,Le Castellet Again,Circuit Paul Ricard,2018-05-01,2018-05-01\n"
        "Asia Cup,1,Sepang,Sepang International Circuit,2018-04-17,2018-04-17\n",
        "roster.csv": "driver,team,series,car,rounds\n"
        "Kim Sim,Red,Euro Cup,7,\nKim Sim,Blue,Asia Cup,7,\n",
        "unavailability.csv": "driver,start_date,end_date,reason,rrule\n"
        "Kim Sim,2018-04-03,2018-04-03,simulator,FREQ=WEEKLY;BYDAY=TU\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in files]


def test_imported_repeating_unavailability_in_json(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db_url, "import", *write_season(tmp_path)]) == 0
    found = run_json(capsys, "--db", db_url, "clashes", "--json")
    summary = [(c["kind"], c["first"]["event"]) for c in found]  # type: ignore[index]
    # Paul Ricard's Sunday ends at 22:00 UTC, Sepang's Tuesday starts at 16:00 UTC on Monday:
    # 18 h, enough for the 16.8 h trip (no clash, but a tight turnaround: a warning). Tuesdays
    # in Seoul are simulator days: 17 Apr (Sepang) and 1 May (Paul Ricard).
    assert summary == [
        ("tight_turnaround", "Le Castellet"), ("unavailable", "Sepang"),
        ("unavailable", "Le Castellet Again"),
    ]
    assert found[0]["severity"] == "warning"
    sepang = found[1]
    assert sepang["second"] == {
        "reason": "simulator", "start": "2018-04-17T00:00:00+09:00",
        "end": "2018-04-18T00:00:00+09:00",
    }
    assert "simulator (17 Apr 2018)" in str(sepang["message"])
