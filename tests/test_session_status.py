"""A session's status (scheduled or cancelled): migration 0007, show/set, CSV, export."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from race_workers import run_cli
from sqlalchemy import text

from paddock_desk.services.importing import import_files
from paddock_desk.store.database import HEAD_REVISION, current_revision, make_engine, open_database
from paddock_desk.store.database import upgrade as upgrade_to
from paddock_desk.store.season_loader import read_season

ROWS_0006 = [
    "INSERT INTO circuits (id, name, country, lat, lon, tz, version) "
    "VALUES (1, 'Sepang International Circuit', 'MY', 2.76, 101.74, 'Asia/Kuala_Lumpur', 1)",
    "INSERT INTO series (id, name, colour, arrival_days, version) "
    "VALUES (1, 'Blancpain GT Series Asia', '#d7263d', 0, 1)",
    "INSERT INTO meetings (id, series_id, round, name, circuit_id, start_date, end_date, "
    "cancelled, sequence, version) VALUES (1, 1, '1', 'Sepang', 1, '2018-04-14', '2018-04-15', "
    "false, 0, 1)",
    'INSERT INTO sessions (id, meeting_id, name, start, "end", sequence, version) '
    "VALUES (1, 1, 'Race 1', '2018-04-14 08:00:00', '2018-04-14 09:00:00', 2, 4)",
    'INSERT INTO sessions (id, meeting_id, name, start, "end", sequence, version) '
    "VALUES (2, 1, 'Race 2', '2018-04-15 08:00:00', '2018-04-15 09:00:00', 0, 1)",
]


def test_the_migration_keeps_every_session_scheduled_and_refuses_other_statuses(
    db_url: str,
) -> None:
    engine = make_engine(db_url)
    upgrade_to(engine, "0006")
    with engine.begin() as conn:
        for statement in ROWS_0006:
            conn.execute(text(statement))
    engine.dispose()

    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == HEAD_REVISION == "0007"
        with db.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT name, status, sequence, version FROM sessions ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [
                ("Race 1", "scheduled", 2, 4), ("Race 2", "scheduled", 0, 1)]
        season = read_season(db.engine)
        assert sorted((s.name, s.status, s.cancelled) for s in season.sessions.values()) == [
            ("Race 1", "scheduled", False), ("Race 2", "scheduled", False)]
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE sessions SET status = 'cancelled' WHERE id = 2"))
        assert read_season(db.engine).sessions[2].cancelled
        with db.engine.connect() as conn, pytest.raises(Exception, match="(?i)check"):
            conn.execute(text("UPDATE sessions SET status = 'postponed' WHERE id = 1"))
    finally:
        db.close()


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


def session_shown(url: str, name: str) -> dict:
    status, out, err = run_cli(["--db", url, "show", "session", BGTA, "1", name, "--json"])
    assert status == 0, err
    return json.loads(out)


def exported(url: str, folder: Path) -> dict[str, tuple[str, int]]:
    """The series' sessions in its exported calendar: STATUS and SEQUENCE by SUMMARY."""
    out = folder / "bgta.ics"
    status, _out, err = run_cli(["--db", url, "export-ics", "--series", BGTA,
                                 "--only", "sessions", "-o", str(out)])
    assert status == 0, err
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    return {str(e["SUMMARY"]).rsplit(" - ", 1)[-1]: (str(e["STATUS"]), int(e["SEQUENCE"]))
            for e in calendar.walk("VEVENT") if "Sepang" in str(e["SUMMARY"])}


def test_set_session_status_cancels_it_raises_its_sequence_and_export_says_cancelled(
    season: str, tmp_path: Path
) -> None:
    assert exported(season, tmp_path) == {"Race 1": ("CONFIRMED", 0), "Race 2": ("CONFIRMED", 0)}
    status, out, err = run_cli(["--db", season, "set", "session", BGTA, "1", "Race 2",
                                "status=cancelled"])
    assert (status, out.strip(), err) == (0, "2", "")
    assert session_shown(season, "Race 2")["status"] == "cancelled"
    assert session_shown(season, "Race 1")["status"] == "scheduled"
    assert exported(season, tmp_path) == {"Race 1": ("CONFIRMED", 0), "Race 2": ("CANCELLED", 1)}
    # setting the status it has already changes nothing the calendar shows
    assert run_cli(["--db", season, "set", "session", BGTA, "1", "Race 2",
                    "status=Cancelled"])[0] == 0
    assert exported(season, tmp_path)["Race 2"] == ("CANCELLED", 1)


def test_set_session_status_refuses_a_status_that_is_not_one(season: str) -> None:
    status, _out, err = run_cli(["--db", season, "set", "session", BGTA, "1", "Race 1",
                                 "status=postponed"])
    assert status == 1
    assert "'postponed' is not a status (write scheduled or cancelled)" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert session_shown(season, "Race 1")["status"] == "scheduled"


def test_a_sessions_csv_may_carry_a_status_column_and_without_it_keeps_the_status(
    season: str, tmp_path: Path
) -> None:
    with_status = tmp_path / "sessions-status.csv"
    with_status.write_text(
        "series,round,session,start,end,status\n"
        f"{BGTA},1,Race 1,2018-04-14T16:00,2018-04-14T17:00,cancelled\n"
        f"{BGTA},1,Warm-up,2018-04-15T09:00,2018-04-15T09:20,\n"
    )
    status, out, err = run_cli(["--db", season, "import", str(with_status)])
    assert status == 0, err
    assert "status scheduled -> cancelled" in out
    assert session_shown(season, "Race 1")["status"] == "cancelled"
    assert session_shown(season, "Warm-up")["status"] == "scheduled"
    assert exported(season, tmp_path)["Race 1"] == ("CANCELLED", 1)

    plain = tmp_path / "sessions-plain.csv"
    plain.write_text("series,round,session,start,end\n"
                     f"{BGTA},1,Race 1,2018-04-14T16:00,2018-04-14T17:00\n")
    assert run_cli(["--db", season, "import", str(plain)])[0] == 0
    assert session_shown(season, "Race 1")["status"] == "cancelled"

    bad = tmp_path / "sessions-bad.csv"
    bad.write_text("series,round,session,start,end,status\n"
                   f"{BGTA},1,Race 2,2018-04-15T15:00,2018-04-15T16:00,postponed\n")
    status, _out, err = run_cli(["--db", season, "import", str(bad)])
    assert status == 1
    assert "sessions-bad.csv" in err and "'postponed' is not a status" in err
    assert session_shown(season, "Race 2")["status"] == "scheduled"


def test_a_printed_schedule_marks_a_cancelled_session(season: str) -> None:
    from paddock_desk.services.printing import build_printout

    assert run_cli(["--db", season, "set", "session", BGTA, "1", "Race 2",
                    "status=cancelled"])[0] == 0
    db = open_database(season)
    try:
        printout = build_printout(db, series=BGTA)
    finally:
        db.close()
    sepang = next(m for m in printout.meetings if m.round == "1")
    assert [s.name for s in sepang.sessions] == ["Race 1", "Race 2 (cancelled)"]
