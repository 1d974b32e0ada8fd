"""One rule for names from every source (CSV, .ics, edits), and terminal output escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from csv_support import CIRCUITS, DRIVERS, EVENTS, ROSTER_HEAD, dump, write
from sqlalchemy import text

from paddock_desk.cli import main
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.text_rules import terminal_safe, text_problem
from paddock_desk.services import edits_forms
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database

ESC = "\x1b"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Alexandre Imperatori", None),
        ("Nürburgring Nordschleife", None),
        ("Kamui\u200dKobayashi", None),  # a joiner some scripts need is no control
        ("Red\x1b[31mBull", "holds the control character ESC (a name is printable text)"),
        ("Ring\x07", "holds the control character BEL (a name is printable text)"),
        ("Tab\there", "holds the control character tab (a name is printable text)"),
        ("C1\x9b31m", "holds the control character U+009B (a name is printable text)"),
        ("reversed\u202eodnum", "holds the control character U+202E (a name is printable text)"),
        ("two\nlines", "has a line break (a name is one line)"),
        ("two\u2028lines", "has a line break (a name is one line)"),
        ("nul\x00", "holds a NUL character (text cannot hold one)"),
    ],
)
def test_the_name_rule(value: str, problem: str | None) -> None:
    assert text_problem(value) == problem


def test_terminal_output_shows_control_characters_as_escapes() -> None:
    assert terminal_safe("Red\x1b[31mBull\x07\u202e") == "Red\\u001b[31mBull\\u0007\\u202e"
    assert terminal_safe("a\nb") == "a\\u000ab"
    assert terminal_safe("a\nb\tc", keep_newlines=True) == "a\nb\\u0009c"
    assert terminal_safe("Zoë Wenham") == "Zoë Wenham"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("Alexandre\x1b[2JImperatori", "holds the control character ESC"),
        ("Alexandre\x00Imperatori", "holds a NUL character"),
    ],
)
def test_csv_names_with_control_characters_are_refused_on_every_backend(
    db: Database, tmp_path: Path, bad: str, problem: str
) -> None:
    files = [
        write(tmp_path, "circuits.csv", CIRCUITS),
        write(tmp_path, "events.csv", EVENTS),
        write(tmp_path, "drivers.csv", DRIVERS + f"{bad},CH,Europe/Zurich\n"),
        write(tmp_path, "roster.csv", ROSTER_HEAD + "Kei Cozzolino,KCMG,GT Asia,18,1;2\x07\n"),
    ]
    before = dump(db)
    with pytest.raises(PaddockError) as refused:
        import_files(db, files)
    lines = str(refused.value).splitlines()
    assert f"  drivers.csv, line 3, column driver: {problem} (" in "\n".join(lines)
    assert any(
        line.startswith("  roster.csv, line 2, column rounds: holds the control character BEL")
        for line in lines
    )
    assert dump(db) == before


def test_ics_names_with_control_characters_are_refused_naming_the_line(
    db: Database, tmp_path: Path
) -> None:
    feed = write(
        tmp_path,
        "feed.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nX-WR-CALNAME:GT Asia\r\n"
        "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;VALUE=DATE:20180414\r\n"
        "DTEND;VALUE=DATE:20180416\r\nSUMMARY:Sepang\x1b]0;owned\x07\r\n"
        "LOCATION:Sepang International Circuit\\nJalan Pekeliling\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
    )
    with pytest.raises(PaddockError) as refused:
        import_files(db, [feed])
    message = str(refused.value)
    assert "feed.ics, line 9" in message
    assert "the SUMMARY of the event" in message
    assert "holds the control character ESC" in message


def test_an_address_of_several_lines_is_still_a_location(db: Database, tmp_path: Path) -> None:
    feed = write(
        tmp_path,
        "feed.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nX-WR-CALNAME:GT Asia\r\n"
        "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;VALUE=DATE:20180414\r\n"
        "DTEND;VALUE=DATE:20180416\r\nSUMMARY:Sepang\r\n"
        "LOCATION:Sepang International Circuit\\nJalan Pekeliling\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
    )
    report = import_files(db, [feed])
    assert report.created["meeting"] == 1


def test_edits_refuse_the_same_names(demo: Database) -> None:
    values = {"name": "Tsugio\nMatsuda", "nationality": "JP", "home_tz": "Asia/Tokyo"}
    found = edits_forms.problems(demo, "drivers", values)
    assert found["name"] == "The text has a line break (a name is one line)."
    values["name"] = "Tsugio\x1b[5mMatsuda"
    with pytest.raises(PaddockError, match="holds the control character ESC"):
        edits_forms.checked(demo, "drivers", values)


def test_names_stored_before_the_rule_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.db"
    assert main(["--db", str(path), "demo"]) == 0
    db = open_database(path)
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE drivers SET name = :bad WHERE name = 'Alexandre Imperatori'"),
            {"bad": f"Alexandre{ESC}[2J{ESC}]0;owned\x07Imperatori"},
        )
        conn.execute(text("UPDATE teams SET name = :bad WHERE name = 'KCMG'"), {"bad": "KC\x9bMG"})
    db.close()
    capsys.readouterr()
    assert main(["--db", str(path), "clashes"]) == 0
    out = capsys.readouterr().out
    assert "Alexandre\\u001b[2J\\u001b]0;owned\\u0007Imperatori: 2 clashes" in out
    assert ESC not in out and "\x07" not in out
    series = "Blancpain GT Series Asia"
    assert main(["--db", str(path), "substitutes", "--series", series, "--round", "1"]) == 0
    out = capsys.readouterr().out
    assert "Tsugio Matsuda [KC\\u009bMG]: drives for KC\\u009bMG" in out
    assert "\x9b" not in out
    unavailable = write(
        tmp_path,
        "away.csv",
        "driver,start_date,end_date,reason\nAlexandre[2J]0;ownedImperatori,2018-05-01,"
        "2018-05-02,test\n",
    )
    assert main(["--db", str(path), "import", str(unavailable)]) == 1
    err = capsys.readouterr().err
    assert "did you mean 'Alexandre\\u001b[2J" in err
    assert ESC not in err
