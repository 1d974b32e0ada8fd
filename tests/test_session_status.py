"""A session's status (scheduled or cancelled): migration 0007, show/set, CSV, export."""

from __future__ import annotations

import pytest
from sqlalchemy import text

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
