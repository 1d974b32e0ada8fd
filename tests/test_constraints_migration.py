"""Migration 0003 (CHECK constraints) on databases written before it, on both backends."""

from __future__ import annotations

import pytest
from race_workers import run_cli
from sqlalchemy import Engine, text

from paddock_desk.store.database import (
    HEAD_REVISION,
    DatabaseError,
    current_revision,
    make_engine,
    open_database,
    upgrade,
)

ROWS = [
    "INSERT INTO circuits (id, name, country, lat, lon, tz, version) "
    "VALUES (1, 'Sepang International Circuit', 'MY', 2.76, 101.74, 'Asia/Kuala_Lumpur', 1)",
    "INSERT INTO series (id, name, colour, arrival_days, version) "
    "VALUES (1, 'Blancpain GT Series Asia', '#d7263d', 0, 1)",
    "INSERT INTO meetings (id, series_id, round, name, circuit_id, start_date, end_date, "
    "cancelled, sequence, version) VALUES (1, 1, '1', 'Sepang', 1, '2018-04-14', '2018-04-15', "
    "false, 0, 1)",
    "INSERT INTO meetings (id, series_id, round, name, circuit_id, start_date, end_date, "
    "cancelled, sequence, version) VALUES (2, 1, '2', 'Buriram', 1, '2018-05-12', '2018-05-13', "
    "false, 0, 3)",
    'INSERT INTO sessions (id, meeting_id, name, start, "end", sequence, version) '
    "VALUES (1, 1, 'Race 1', '2018-04-14 08:00:00', '2018-04-14 09:00:00', 0, 1)",
    "INSERT INTO teams (id, name, version) VALUES (1, 'KCMG', 1)",
    "INSERT INTO cars (id, series_id, team_id, number, version) VALUES (1, 1, 1, '18', 1)",
    "INSERT INTO drivers (id, name, nationality, version) VALUES (1, 'Alexandre Imperatori', "
    "'CH', 1)",
    "INSERT INTO lineups (id, driver_id, car_id, rounds, version) VALUES (1, 1, 1, NULL, 1)",
]
COUNTS = {"meetings": 2, "sessions": 1, "cars": 1, "lineups": 1, "drivers": 1}


def at_0002(db_url: str, *extra: str) -> Engine:
    """A database as the previous Paddock Desk left it, with a season's rows."""
    engine = make_engine(db_url)
    upgrade(engine, "0002")
    with engine.begin() as conn:
        for statement in [*ROWS, *extra]:
            conn.execute(text(statement))
    return engine


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in COUNTS}


def test_a_good_database_is_migrated_keeping_every_row_and_version(db_url):
    engine = at_0002(db_url)
    engine.dispose()
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        assert counts(db.engine) == COUNTS  # nothing cascaded away while tables were rebuilt
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT version FROM meetings WHERE id = 2")).scalar() == 3
            with pytest.raises(Exception, match="(?i)check"):
                conn.execute(text("UPDATE meetings SET end_date = '2018-05-01' WHERE id = 2"))
    finally:
        db.close()


def test_a_database_with_a_bad_row_is_left_untouched_and_the_row_named(db_url):
    engine = at_0002(db_url, "UPDATE meetings SET end_date = '2018-05-10' WHERE id = 2",
                     "UPDATE series SET arrival_days = -2")
    with pytest.raises(DatabaseError) as refused:
        open_database(db_url)
    message = str(refused.value)
    assert "nothing was changed" in message
    assert ("meeting 'Blancpain GT Series Asia' round 2 (Buriram) ends on 2018-05-10, "
            "before it starts on 2018-05-12") in message
    assert "series 'Blancpain GT Series Asia' has -2 arrival days" in message
    assert current_revision(engine) == "0002"
    assert counts(engine) == COUNTS
    with engine.begin() as conn:  # the user corrects the rows, then opens it again
        conn.execute(text("UPDATE meetings SET end_date = '2018-05-13' WHERE id = 2"))
        conn.execute(text("UPDATE series SET arrival_days = 0"))
    engine.dispose()
    open_database(db_url).close()
    assert current_revision(make_engine(db_url)) == HEAD_REVISION


def test_the_command_line_names_the_bad_row_without_a_traceback(db_url):
    at_0002(db_url, "UPDATE circuits SET lat = 120").dispose()
    status, _out, err = run_cli(["--db", db_url, "show", "circuit", "Sepang International Circuit"])
    assert status == 1
    assert "circuit 'Sepang International Circuit' has latitude 120" in err
    assert "Traceback" not in err and "CHECK" not in err
