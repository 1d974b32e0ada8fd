"""`paddock-desk import` and `paddock-desk demo` as a user runs them: exit codes and messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paddock_desk.cli import main

EVENTS_HEAD = "series,round,event_name,circuit,start_date,end_date\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_loads_the_2018_season_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "a.db"
    code, out, _ = run(capsys, "--db", db, "demo")
    assert code == 0
    assert "19 new circuits, 9 new series, 10 new drivers, 40 new meetings" in out
    assert "18 new line-ups" in out
    code, out, _ = run(capsys, "--db", db, "demo")
    assert (code, out.splitlines()[-1]) == (0, "Nothing to change: up to date.")


def test_import_of_the_2018_files_in_any_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, season2018: Path
) -> None:
    files = [season2018 / n for n in ("circuits.csv", "events.csv", "roster.csv", "drivers.csv")]
    code, out, err = run(capsys, "--db", tmp_path / "b.db", "import", *reversed(files))
    assert (code, err) == (0, "")
    assert out.startswith(
        "Imported: 19 new circuits, 10 new drivers, 9 new series, 40 new meetings"
    )
    code, out, _ = run(capsys, "--db", tmp_path / "b.db", "import", *files)
    assert (code, out.strip()) == (0, "Nothing to change: up to date.")


def test_bad_row_exits_1_naming_file_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, season2018: Path
) -> None:
    events = tmp_path / "events.csv"
    lines = (season2018 / "events.csv").read_text().splitlines()
    lines[6] = lines[6].replace(lines[6].split(",")[4], "2018-02-30")
    events.write_text("\n".join(lines) + "\n")
    shutil.copy(season2018 / "circuits.csv", tmp_path)
    code, out, err = run(
        capsys, "--db", tmp_path / "c.db", "import", tmp_path / "circuits.csv", events
    )
    assert (code, out) == (1, "")
    assert err.startswith(
        "paddock-desk: events.csv, line 7, column start_date: '2018-02-30' is not a date"
    )
    assert "Nothing was imported." in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as no_files:
        main(["--db", str(tmp_path / "d.db"), "import"])
    assert no_files.value.code == 2
    with pytest.raises(SystemExit) as bad_option:
        main(["--db", str(tmp_path / "d.db"), "import", "--skip", "x.csv", "--everything"])
    assert bad_option.value.code == 2
    assert "unrecognized arguments: --everything" in capsys.readouterr().err


def test_missing_file_and_unknown_header_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("name,date\nx,2018-01-01\n")
    code, _, err = run(capsys, "--db", tmp_path / "e.db", "import", tmp_path / "gone.csv", odd)
    assert code == 1
    assert "cannot read" in err and "gone.csv" in err
    assert "odd.csv, line 1: the header (name,date) names no kind of file" in err


def test_skip_invalid_and_dry_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, season2018: Path
) -> None:
    db = tmp_path / "f.db"
    assert run(capsys, "--db", db, "import", season2018 / "circuits.csv")[0] == 0
    events = tmp_path / "events.csv"
    events.write_text(
        EVENTS_HEAD
        + "ELMS,1,Le Castellet,Circuit Paul Ricard,2018-04-13,2018-04-15\n"
        + "ELMS,2,Monza,Monza Circuit,2018-05-12,2018-05-13\n"
    )
    code, out, err = run(capsys, "--db", db, "import", "--dry-run", "--skip-invalid", events)
    assert code == 0
    assert out.startswith("Would import: 1 new series, 1 new meeting.")
    assert "Skipped 1 invalid row(s):\n  events.csv, line 3, column circuit: unknown circuit" in out
    assert out.rstrip().endswith("Dry run: nothing was changed.")
    code, out, _ = run(capsys, "--db", db, "import", "--skip-invalid", events)
    assert (code, out.splitlines()[0]) == (0, "Imported: 1 new series, 1 new meeting.")


def test_warnings_go_to_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    drivers = tmp_path / "drivers.csv"
    drivers.write_text(
        "driver,nationality,home_tz,shoe_size\n"
        "Alexandre Imperatori,CH,Asia/Shanghai,43\n"
        "Alexandre Imperator,CH,Asia/Shanghai,43\n"
    )
    code, out, err = run(capsys, "--db", tmp_path / "g.db", "import", drivers)
    assert code == 0
    assert out.strip() == "Imported: 2 new drivers."
    assert err.splitlines() == [
        "warning: drivers.csv: ignored column(s) shoe_size (a drivers file)",
        "warning: new driver 'Alexandre Imperator' is close to 'Alexandre Imperatori'",
    ]


def test_many_close_names_are_counted_after_twenty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    drivers = tmp_path / "drivers.csv"
    names = [f"Driver Ab{chr(97 + i)}" for i in range(26)]
    drivers.write_text("driver,nationality,home_tz\n" + "".join(f"{n},,\n" for n in names))
    code, _, err = run(capsys, "--db", tmp_path / "h.db", "import", drivers)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 21
    assert lines[0] == "warning: new driver 'Driver Abb' is close to 'Driver Aba'"
    assert lines[-1] == "warning: ... and 5 more new names close to known ones"
