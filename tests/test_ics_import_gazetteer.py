"""Calendar import finds circuits in the shipped gazetteer: a feed with fixed-offset zones and no
GEO gets real circuits (coordinates, IANA zones), and circuits the season already has are found
under the names the feed uses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from paddock_desk.cli import main
from paddock_desk.interop.circuit_matching import distance_km
from paddock_desk.interop.gazetteer import lookup
from paddock_desk.interop.import_report import ImportReport
from paddock_desk.services.calendar_import import import_calendar_files
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SessionRow

MOTOGP = Path(__file__).parent / "data" / "ics" / "gazetteer_motogp_fixed_offsets.ics"
MOTOGP_CIRCUITS = {
    # the feed's LOCATION's circuit, its zone, and the race's start in UTC
    "Lusail International Circuit": ("Asia/Qatar", datetime(2024, 3, 10, 15, 0, tzinfo=UTC)),
    "Algarve International Circuit": ("Europe/Lisbon", datetime(2024, 3, 24, 14, 0, tzinfo=UTC)),
    "Circuito de Jerez - Ángel Nieto": ("Europe/Madrid", datetime(2024, 4, 28, 12, 0, tzinfo=UTC)),
    "Bugatti Circuit": ("Europe/Paris", datetime(2024, 5, 12, 12, 0, tzinfo=UTC)),
    "Mobility Resort Motegi": ("Asia/Tokyo", datetime(2024, 10, 6, 5, 0, tzinfo=UTC)),
    "Phillip Island Grand Prix Circuit": (
        "Australia/Melbourne", datetime(2024, 10, 20, 2, 0, tzinfo=UTC)
    ),
}


@pytest.fixture
def empty(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def season(db_url: str, real2024: Path) -> Iterator[Database]:
    """A database holding the 58 circuits of the real 2024 calendars."""
    database = open_database(db_url)
    import_files(database, [real2024 / "circuits.csv"])
    yield database
    database.close()


def run(db: Database, path: Path, series: str | None = None) -> ImportReport:
    report = ImportReport()
    with db.session() as session:
        import_calendar_files(session, [path], series=series, skip_invalid=False, report=report)
        session.commit()
    return report


def circuits(db: Database) -> dict[str, CircuitRow]:
    with db.session() as session:
        return {row.name: row for row in session.scalars(select(CircuitRow))}


def races(db: Database) -> dict[str, tuple[str, datetime, date]]:
    """Per circuit: the meeting's race start and first day."""
    with db.session() as session:
        rows = session.scalars(select(SessionRow).where(SessionRow.name.contains("Race"))).all()
        out = {}
        for row in rows:
            meeting: MeetingRow = row.meeting
            out[meeting.circuit.name] = (row.name, row.start, meeting.start_date)
        return out


def table_dump(db: Database) -> list[tuple[object, ...]]:
    with db.session() as session:
        return [
            (c.name, c.country, c.lat, c.lon, c.tz, c.version)
            for c in session.scalars(select(CircuitRow).order_by(CircuitRow.name))
        ] + [
            (s.name, s.start, s.end, s.meeting.round, s.meeting.name)
            for s in session.scalars(select(SessionRow).order_by(SessionRow.start))
        ]


def write_ics(folder: Path, name: str, *events: str) -> Path:
    path = folder / name
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{name}-{i}@test.example\r\nDTSTAMP:20240101T000000Z\r\n{e}"
        "END:VEVENT\r\n"
        for i, e in enumerate(events)
    )
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n"
        f"X-WR-CALNAME:{path.stem}\r\n{body}END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def test_fixed_offset_feed_without_geo_creates_real_circuits(empty: Database) -> None:
    report = run(empty, MOTOGP)
    created = circuits(empty)
    assert set(created) == set(MOTOGP_CIRCUITS)
    for name, (tz, _race) in MOTOGP_CIRCUITS.items():
        row, known = created[name], lookup(name)
        assert known is not None
        assert row.tz == tz and not row.tz.startswith("Etc/")
        assert (row.lat, row.lon) != (0.0, 0.0)
        assert distance_km(row.lat, row.lon, known.lat, known.lon) == 0
        assert row.country == known.country
    assert report.warnings == [  # in the feed's order
        "circuits created by the calendar import: " + ", ".join(MOTOGP_CIRCUITS)
    ]
    assert not any("zone to check" in w or "coordinates to enter" in w for w in report.warnings)


def test_fixed_offset_times_keep_their_instants_and_local_days(empty: Database) -> None:
    run(empty, MOTOGP)
    found = races(empty)
    assert {c: start for c, (_n, start, _d) in found.items()} == {
        c: race for c, (_tz, race) in MOTOGP_CIRCUITS.items()
    }
    # the meeting's first day is the local Friday at the circuit (04:00 UTC there)
    assert found["Phillip Island Grand Prix Circuit"][2] == date(2024, 10, 18)


def test_the_seasons_own_circuits_are_found_under_the_feeds_names(season: Database) -> None:
    before = set(circuits(season))
    report = run(season, MOTOGP)
    assert not report.created["circuit"]
    assert set(circuits(season)) == before
    assert set(races(season)) == set(MOTOGP_CIRCUITS)
    assert not any(w.startswith("circuits created") for w in report.warnings)


def test_importing_the_feed_again_changes_nothing(empty: Database) -> None:
    run(empty, MOTOGP)
    first = table_dump(empty)
    report = run(empty, MOTOGP)
    assert table_dump(empty) == first
    assert not report.created["circuit"] and not report.warnings


def test_a_short_name_finds_the_seasons_circuit_of_the_long_name(
    season: Database, tmp_path: Path
) -> None:
    feed = write_ics(
        tmp_path, "spa.ics",
        "SUMMARY:Spa - Race\r\nLOCATION:Spa\r\n"
        "DTSTART;TZID=UTC+02:00:20240630T143000\r\nDTEND;TZID=UTC+02:00:20240630T163000\r\n",
    )
    report = run(season, feed)
    assert not report.created["circuit"]
    assert set(races(season)) == {"Circuit de Spa-Francorchamps"}


def season_circuit(db: Database, tmp_path: Path, name: str, lat: float, lon: float) -> None:
    path = tmp_path / "circuits.csv"
    path.write_text(
        f"circuit,country,lat,lon,tz\n{name},FR,{lat},{lon},Europe/Paris\n", encoding="utf-8"
    )
    import_files(db, [path])


def test_a_season_circuit_the_gazetteer_does_not_name_is_found_within_5_km(
    empty: Database, tmp_path: Path
) -> None:
    season_circuit(empty, tmp_path, "Our Le Mans test venue", 47.9550, 0.2100)
    report = run(empty, MOTOGP)
    assert "Bugatti Circuit" not in circuits(empty)  # "Le Mans - Le Mans" is the season's
    assert "Our Le Mans test venue" in races(empty)
    assert "Bugatti Circuit" not in report.warnings[0]


def test_another_known_circuit_nearby_is_not_taken_for_it(
    empty: Database, tmp_path: Path
) -> None:
    season_circuit(empty, tmp_path, "Circuit de la Sarthe", 47.937694, 0.225611)  # 2.5 km away
    run(empty, MOTOGP)
    assert {"Circuit de la Sarthe", "Bugatti Circuit"} <= set(circuits(empty))
    assert "Bugatti Circuit" in races(empty) and "Circuit de la Sarthe" not in races(empty)


def test_geo_alone_near_a_known_circuit_creates_it_as_known(
    empty: Database, tmp_path: Path
) -> None:
    feed = write_ics(
        tmp_path, "zolder.ics",
        "SUMMARY:Test Race\r\nGEO:50.9911;5.2580\r\n"
        "DTSTART;TZID=UTC+01:00:20240310T100000\r\nDTEND;TZID=UTC+01:00:20240310T120000\r\n",
    )
    run(empty, feed)
    zolder = circuits(empty)["Circuit Zolder"]
    assert (zolder.tz, zolder.country, zolder.lat, zolder.lon) == (
        "Europe/Brussels", "BE", 50.9906, 5.2567
    )


def test_an_unknown_place_still_gets_a_fixed_offset_to_check(
    empty: Database, tmp_path: Path
) -> None:
    feed = write_ics(
        tmp_path, "club.ics",
        "SUMMARY:Club Race\r\nLOCATION:Hillcrest Club Test Track\r\n"
        "DTSTART;TZID=UTC+02:00:20240505T100000\r\nDTEND;TZID=UTC+02:00:20240505T120000\r\n",
    )
    report = run(empty, feed)
    assert circuits(empty)["Hillcrest Club Test Track"].tz == "Etc/GMT-2"
    assert "zone to check: Hillcrest Club Test Track (Etc/GMT-2)" in report.warnings


def test_an_unknown_place_takes_the_events_zone_else_the_zone_at_its_geo(
    empty: Database, tmp_path: Path
) -> None:
    feed = write_ics(
        tmp_path, "clubs.ics",
        "SUMMARY:Club Race\r\nLOCATION:Hillcrest Club Test Track\r\n"
        "DTSTART;TZID=Europe/Berlin:20240505T100000\r\nDTEND;TZID=Europe/Berlin:20240505T120000\r\n",
        "SUMMARY:Hill Race\r\nLOCATION:Valley Farm Hill Course\r\nGEO:-41.3;174.0\r\n"
        "DTSTART:20240512T000000Z\r\nDTEND:20240512T020000Z\r\n",
    )
    report = run(empty, feed)
    made = circuits(empty)
    assert made["Hillcrest Club Test Track"].tz == "Europe/Berlin"
    assert (made["Valley Farm Hill Course"].tz, made["Valley Farm Hill Course"].lat) == (
        "Pacific/Auckland", -41.3
    )
    assert not any(w.startswith("zone to check") for w in report.warnings)


def test_the_command_line_names_the_circuits_it_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "season.db"
    code = main(["--db", str(db), "import", str(MOTOGP)])
    out, err = capsys.readouterr()
    assert (code, err.count("Traceback")) == (0, 0)
    assert "6 new circuits" in out
    assert "Bugatti Circuit" in out + err and "zone to check" not in out + err
