"""The season database: schema, migrations, refusals, UTC instants, version counters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from paddock_desk.store.database import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    DatabaseError,
    NewerDatabaseError,
    current_revision,
    make_engine,
    open_database,
    upgrade,
)
from paddock_desk.store.schema import (
    Base,
    CircuitRow,
    DriverRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    UnavailabilityRow,
)
from paddock_desk.store.season_loader import load_season


def _add_meeting(session: Session) -> MeetingRow:
    circuit = CircuitRow(
        name="Sepang International Circuit", country="MY", lat=2.76, lon=101.74,
        tz="Asia/Kuala_Lumpur",
    )
    series = SeriesRow(name="Blancpain GT Series Asia", colour="#d7263d", arrival_days=0)
    meeting = MeetingRow(
        series=series, round="1", name="Sepang", circuit=circuit,
        start_date=date(2018, 4, 14), end_date=date(2018, 4, 15), cancelled=False, sequence=0,
    )
    session.add(meeting)
    return meeting


def test_script_revisions_match_what_the_code_knows() -> None:
    config = Config()
    config.set_main_option("script_location", "paddock_desk.store:migrations")
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == HEAD_REVISION
    assert sorted(r.revision for r in script.walk_revisions()) == sorted(KNOWN_REVISIONS)


def test_new_database_is_created_at_the_current_schema(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.engine.connect() as conn:
            # The migrations build exactly the schema the ORM declares.
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        db.close()


def test_first_revision_database_is_migrated_and_keeps_its_rows(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        assert "rrule" not in {c["name"] for c in inspect(conn).get_columns("unavailability")}
        conn.execute(
            text(
                "INSERT INTO drivers (name, nationality, home_tz, version) "
                "VALUES ('Alexandre Imperatori', 'CH', 'Asia/Shanghai', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO unavailability (driver_id, start_date, end_date, reason, version) "
                "VALUES (1, '2018-06-01', '2018-06-03', 'simulator', 1)"
            )
        )
    engine.dispose()

    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.session() as session:
            block = session.scalars(select(UnavailabilityRow)).one()
            assert block.driver.name == "Alexandre Imperatori"
            assert (block.start_date, block.end_date, block.rrule) == (
                date(2018, 6, 1), date(2018, 6, 3), None
            )
    finally:
        db.close()


def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(path).close()
    with create_engine(f"sqlite:///{path}").begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    before = path.read_bytes()

    with pytest.raises(NewerDatabaseError, match="newer version of Paddock Desk"):
        open_database(path)
    assert path.read_bytes() == before


def test_newer_database_is_refused_on_postgresql_too(db_url: str) -> None:
    open_database(db_url).close()
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(NewerDatabaseError):
        open_database(db_url)


def test_a_file_that_is_not_a_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list: tyres, fuel\n" * 100)
    with pytest.raises(DatabaseError, match="is not a database file, or it is damaged"):
        open_database(path)
    assert path.read_text().startswith("shopping list")


def test_a_foreign_sqlite_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with create_engine(f"sqlite:///{path}").begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseError, match="not a Paddock Desk season"):
        open_database(path)
    with create_engine(f"sqlite:///{path}").connect() as conn:
        assert inspect(conn).get_table_names() == ["invoices"]


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "s.db")
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()


def test_a_path_is_opened_from_any_folder_as_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = open_database("relative/season.db")
    db.close()
    assert (tmp_path / "relative" / "season.db").exists()
    assert db.name == "season.db"


def test_instants_are_stored_in_utc_and_come_back_aware(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.session() as session:
            meeting = _add_meeting(session)
            kl = timezone(timedelta(hours=8))
            session.add(
                SessionRow(
                    meeting=meeting, name="Race 1", sequence=0,
                    start=datetime(2018, 4, 14, 16, 10, tzinfo=kl),
                    end=datetime(2018, 4, 14, 17, 20, tzinfo=kl),
                )
            )
            session.commit()
        with db.engine.connect() as conn:
            season = load_season(conn)
        (race,) = season.sessions.values()
        assert race.start == datetime(2018, 4, 14, 8, 10, tzinfo=UTC)
        assert race.start.utcoffset() == timedelta(0)
        (sepang,) = season.meetings.values()
        assert (sepang.start_date, sepang.end_date) == (date(2018, 4, 14), date(2018, 4, 15))
    finally:
        db.close()


def test_naive_datetimes_are_refused(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.session() as session:
            meeting = _add_meeting(session)
            session.add(
                SessionRow(
                    meeting=meeting, name="Race 1", sequence=0,
                    start=datetime(2018, 4, 14, 16, 10),  # noqa: DTZ001 - the point of the test
                    end=datetime(2018, 4, 14, 17, 20, tzinfo=UTC),
                )
            )
            with pytest.raises(StatementError, match="naive datetime"):
                session.commit()
        with db.session() as session:
            assert session.scalars(select(SessionRow)).all() == []
    finally:
        db.close()


def test_a_stale_write_is_refused_instead_of_losing_an_edit(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.session() as setup:
            setup.add(DriverRow(name="Tsugio Matsuda", nationality="JP", home_tz="Asia/Tokyo"))
            setup.commit()
        first, second = db.session(), db.session()
        mine = first.scalars(select(DriverRow)).one()
        theirs = second.scalars(select(DriverRow)).one()
        mine.category = "Platinum"
        first.commit()
        theirs.category = "Gold"
        with pytest.raises(StaleDataError):
            second.commit()
        second.rollback()
        first.close()
        second.close()
        with db.session() as check:
            driver = check.scalars(select(DriverRow)).one()
            assert (driver.category, driver.version) == ("Platinum", 2)
    finally:
        db.close()


def test_deleting_a_meeting_deletes_its_sessions(db_url: str) -> None:
    db = open_database(db_url)
    try:
        with db.session() as session:
            meeting = _add_meeting(session)
            start = datetime(2018, 4, 14, 8, tzinfo=UTC)
            session.add(
                SessionRow(
                    meeting=meeting, name="Race 1", start=start,
                    end=start + timedelta(hours=1), sequence=0,
                )
            )
            session.commit()
            session.delete(meeting)
            session.commit()
            assert session.scalars(select(SessionRow)).all() == []
    finally:
        db.close()


def test_an_unreachable_server_is_named_without_its_password() -> None:
    url = "postgresql+psycopg://manager:s3cret@127.0.0.1:1/season"
    with pytest.raises(DatabaseError) as refused:
        open_database(url)
    message = str(refused.value)
    assert "127.0.0.1:1/season" in message
    assert "s3cret" not in message
    assert "sqlalche.me" not in message
