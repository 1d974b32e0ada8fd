"""Exports of the real 2024 calendars and the demo season, read back by independent readers.

Every reader (icalendar, ical, vobject, libical) must put every meeting on its dates and every
session at its instant exactly as the database holds them, and calcurse must show them there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_ics_export_readers import (
    READERS,
    calcurse_read,
    database_spans,
    read_icalendar,
    read_libical,
    read_vobject,
    rename_zones,
)

from paddock_desk.services.calendar_export import ExportTarget, build_export
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database

CALENDAR_FILES = ("circuits.csv", "series.csv", "events.csv", "sessions.csv")


@pytest.fixture
def real_db(db_url: str, real2024: Path) -> Iterator[Database]:
    db = open_database(db_url)
    import_files(db, [real2024 / name for name in CALENDAR_FILES])
    yield db
    db.close()


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Database]:
    """The --all export of the real 2024 calendars (an SQLite file; built once)."""
    from conftest import real_data

    folder = real_data("real2024")
    db = open_database(tmp_path_factory.mktemp("real") / "season.db")
    import_files(db, [folder / name for name in CALENDAR_FILES])
    return build_export(db, ExportTarget("all")).data, db


@pytest.mark.parametrize("reader", sorted(READERS))
def test_all_2024_every_reader_puts_every_event_at_its_instant(
    real_export: tuple[bytes, Database], reader: str
) -> None:
    data, db = real_export
    expected, _ = database_spans(db)
    assert len(expected) == 109 + 519
    assert READERS[reader](data) == expected


@pytest.mark.parametrize("reader", [read_icalendar, read_vobject, read_libical])
def test_all_2024_readers_agree_using_only_our_vtimezones(
    real_export: tuple[bytes, Database], reader: object
) -> None:
    """TZIDs renamed to names no zone database knows: the instants come from our VTIMEZONEs.

    (The ical package cannot read a VTIMEZONE under a TZID it does not know.)
    """
    data, db = real_export
    expected, _ = database_spans(db)
    renamed = rename_zones(data)
    assert b"TZID=Paddock-Australia/Melbourne:" in renamed
    assert reader(renamed) == expected  # type: ignore[operator]


def test_all_2024_calcurse_shows_every_meeting_and_session(
    real_export: tuple[bytes, Database], tmp_path: Path
) -> None:
    data, db = real_export
    _, expected = database_spans(db)
    assert calcurse_read(data, tmp_path) == expected


def test_all_2024_on_each_database(real_db: Database) -> None:
    export = build_export(real_db, ExportTarget("all"))
    expected, _ = database_spans(real_db)
    assert read_icalendar(export.data) == expected
    assert (export.meetings, export.sessions) == (109, 519)
    assert "Australia/Melbourne" in export.zones


def test_cancelled_meeting_and_its_sessions_are_cancelled(
    real_export: tuple[bytes, Database],
) -> None:
    import icalendar

    data, _ = real_export
    cal = icalendar.Calendar.from_ical(data)
    india = [e for e in cal.walk("VEVENT") if "MotoGP R15:" in str(e["SUMMARY"])]
    assert india, "the Indian Grand Prix (cancelled) is exported"
    assert {str(e["STATUS"]) for e in india} == {"CANCELLED"}
    others = [e for e in cal.walk("VEVENT") if "MotoGP R14:" in str(e["SUMMARY"])]
    assert {str(e["STATUS"]) for e in others} == {"CONFIRMED"}


def test_las_vegas_saturday_night_race_stays_on_saturday(
    real_export: tuple[bytes, Database],
) -> None:
    import icalendar

    data, _ = real_export
    cal = icalendar.Calendar.from_ical(data)
    race = next(
        e for e in cal.walk("VEVENT")
        if str(e["SUMMARY"]).startswith("Formula 1 R22: Las Vegas") and "GP" in str(e["SUMMARY"])
    )
    start = race.decoded("DTSTART")
    assert start.date().isoformat() == "2024-11-23"  # local Saturday at the circuit
    assert start.astimezone(UTC).date().isoformat() == "2024-11-24"  # Sunday in UTC
    meeting = next(
        e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Formula 1 R22: Las Vegas Grand Prix"
    )
    assert meeting.decoded("DTEND").isoformat() == "2024-11-24"  # exclusive: last day Saturday


def test_calendar_header_follows_the_rules(real_export: tuple[bytes, Database]) -> None:
    data, _ = real_export
    text = data.decode("utf-8")
    assert "X-WR-CALNAME:All series\r\n" in text and "\r\nNAME:All series\r\n" in text
    for absent in ("X-WR-TIMEZONE", "METHOD:", "COMMENT", "RDATE"):
        assert absent not in text
    assert text.count("BEGIN:VTIMEZONE") == len(set(re.findall(r"TZID=([^:;]+)", text)))
    assert re.fullmatch(r"(?:[^\r\n]*\r\n)+", text), "every line ends in CRLF"
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_two_exports_in_a_row_differ_only_in_dtstamp(real_db: Database) -> None:
    first = build_export(real_db, ExportTarget("all"), now=datetime(2024, 1, 1, tzinfo=UTC)).data
    later = datetime(2024, 6, 1, 12, tzinfo=UTC)
    second = build_export(real_db, ExportTarget("all"), now=later).data
    assert first != second
    stamp = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
    assert stamp.sub(b"", first) == stamp.sub(b"", second)
    assert set(read_icalendar(first)) == set(read_icalendar(second))


def test_a_series_export_imports_back_into_an_empty_database(
    real_export: tuple[bytes, Database], tmp_path: Path
) -> None:
    """Exported, then imported with the real import: the same meetings and session instants."""
    from paddock_desk.store.season_loader import load_season

    _, db = real_export
    ics = tmp_path / "formula-1.ics"
    ics.write_bytes(build_export(db, ExportTarget("series", "Formula 1")).data)
    fresh = open_database(tmp_path / "fresh.db")
    import_files(fresh, [ics])

    def calendar(source: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        with source.engine.connect() as conn:
            season = load_season(conn)
        meetings = {i: m for i, m in season.meetings.items() if m.series == "Formula 1"}
        return (
            sorted((m.start_date, m.end_date, m.circuit.tz) for m in meetings.values()),
            sorted((s.start, s.end) for s in season.sessions.values() if s.meeting_id in meetings),
        )

    assert calendar(fresh) == calendar(db)
    fresh.close()
