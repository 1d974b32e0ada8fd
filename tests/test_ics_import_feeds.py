"""Published feeds and exports of other programs, imported as a person reading them expects.

Each file in tests/data/ics is written the way its program writes it; each test checks dates,
local times, names and counts, and that importing the file again changes nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.import_report import ImportRefusedError, ImportReport
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow

ICS = Path(__file__).parent / "data" / "ics"


@pytest.fixture
def db(db_url: str, real2024: Path) -> Iterator[Database]:
    """A database holding the 58 circuits of the real 2024 calendars."""
    database = open_database(db_url)
    import_files(database, [real2024 / "circuits.csv"])
    yield database
    database.close()


def dump(db: Database) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in (SeriesRow, CircuitRow, MeetingRow, SessionRow):
            rows = session.execute(select(table.__table__)).all()  # type: ignore[attr-defined]
            out += sorted(tuple(r) for r in rows)
    return out


def twice(db: Database, name: str, **options: object) -> ImportReport:
    """Import ``name``, then again: the second import must change nothing, byte for byte."""
    report = import_files(db, [ICS / name], **options)  # type: ignore[arg-type]
    before = dump(db)
    again = import_files(db, [ICS / name], **options)  # type: ignore[arg-type]
    assert not again.changed and again.changes == []
    assert dump(db) == before
    return report


def season(db: Database, series: str) -> list[dict[str, object]]:
    """The series' meetings in round order: name, dates, circuit, zone, local session times."""
    with db.session() as session:
        rows = session.scalars(
            select(MeetingRow).join(SeriesRow).where(SeriesRow.name == series)
        ).all()
        out = []
        for row in sorted(rows, key=lambda r: int(r.round)):
            tz = ZoneInfo(row.circuit.tz) if "/" in row.circuit.tz else None
            sessions = sorted(row.sessions, key=lambda s: (s.start, s.name))
            out.append({
                "round": row.round, "name": row.name, "dates": (row.start_date, row.end_date),
                "circuit": row.circuit.name, "tz": row.circuit.tz,
                "sessions": [(s.name, f"{s.start.astimezone(tz):%a %d %b %H:%M}")
                             for s in sessions],
            })
        return out


def created(report: ImportReport) -> list[str]:
    line = next((w for w in report.warnings if w.startswith("circuits created")), "")
    return line.split(": ", 1)[1].split(", ") if line else []


def test_wec_sessions_sharing_a_summary_and_a_start_get_distinct_stable_names(
    db: Database,
) -> None:
    report = twice(db, "wec_2025.ics")
    assert report.created["meeting"] == 3 and report.created["session"] == 15
    assert created(report) == []
    lone_star = season(db, "FIA WEC 2025")[2]
    assert lone_star["name"] == "Lone Star Le Mans 2025"
    assert lone_star["dates"] == (date(2025, 9, 5), date(2025, 9, 7))
    names = [n for n, _ in lone_star["sessions"]]  # type: ignore[attr-defined]
    assert len(names) == len(set(names)) == 8
    assert names[:3] == ["Session", "Session 2025-09-05 10:30", "Session 2025-09-05 10:30 (2)"]
    assert lone_star["sessions"][0][1] == "Fri 05 Sep 10:30"  # type: ignore[index]


@pytest.mark.parametrize("options", [{"dry_run": True}, {"skip_invalid": True}])
def test_wec_dry_run_and_skip_invalid_do_not_crash(db: Database, options: dict[str, bool]) -> None:
    report = import_files(db, [ICS / "wec_2025.ics"], **options)  # type: ignore[arg-type]
    assert report.created["session"] == 15 and report.skipped == []


def test_f1_2026_meetings_take_the_grand_prix_in_brackets_and_the_series_its_name(
    db: Database,
) -> None:
    report = twice(db, "f1_2026_it.ics")
    assert report.created["meeting"] == 4 and created(report) == []
    meetings = season(db, "Formula 1 2026")
    assert [m["name"] for m in meetings] == [
        "Gran Premio d'Australia", "Gran Premio della Cina", "Gran Premio del Giappone",
        "Gran Premio del Bahrain",
    ]
    australia = meetings[0]
    assert australia["circuit"] == "Albert Park Circuit"
    assert australia["sessions"] == [
        ("Prove libere 1", "Fri 06 Mar 12:30"), ("Prove libere 2", "Fri 06 Mar 16:00"),
        ("Prove libere 3", "Sat 07 Mar 12:30"), ("Qualifiche", "Sat 07 Mar 16:00"),
        ("Gara", "Sun 08 Mar 15:00"),
    ]
    assert [n for n, _ in meetings[1]["sessions"]][1:3] == [  # type: ignore[attr-defined]
        "Qualifiche Sprint", "Sprint"
    ]


def test_motogp_fixed_offsets_without_geo_match_the_seasons_circuits(db: Database) -> None:
    report = twice(db, "motogp_2024_offsets.ics")
    meetings = season(db, "MotoGP 2024")
    by_name = {m["name"]: m for m in meetings}
    assert by_name["Gran Premio de España"]["circuit"] == "Circuito de Jerez - Ángel Nieto"
    assert by_name["Grande Prémio de Portugal"]["circuit"] == "Algarve International Circuit"
    assert by_name["Gran Premio de España"]["sessions"][-1] == (  # type: ignore[index]
        "Race", "Sun 28 Apr 14:00"
    )
    assert not any(name.endswith((" -", "-")) for name in created(report))
    phillip = by_name["Australian Motorcycle Grand Prix"]
    assert phillip["circuit"] == "Phillip Island Grand Prix Circuit"  # the season's, by gazetteer
    assert phillip["dates"] == (date(2024, 10, 18), date(2024, 10, 20))
    assert created(report) == ["Circuit Ricardo Tormo"]  # the gazetteer's name, zone and place
    assert not any(w.startswith("zone to check") for w in report.warnings)


def test_outlook_display_name_zones_keep_summer_time(db: Database) -> None:
    report = twice(db, "outlook_display_names.ics")
    meetings = season(db, "IMSA endurance (Outlook)")
    glen = meetings[0]
    assert glen["tz"] == "America/New_York"
    assert glen["sessions"] == [("Practice", "Fri 21 Jun 11:00"), ("Race", "Sun 23 Jun 10:40")]
    with db.session() as session:
        race = session.scalars(select(SessionRow).where(SessionRow.name == "Race")).first()
        assert race is not None
    assert meetings[1]["circuit"] == "Road America"  # Central time, matched
    assert meetings[1]["sessions"] == [("Race", "Sun 04 Aug 13:20")]
    assert not any(w.startswith("zone to check") for w in report.warnings)


def test_google_utc_events_take_the_calendar_zone_for_dates_and_new_circuits(
    db: Database,
) -> None:
    report = twice(db, "google_season.ics")
    meetings = {m["name"]: m for m in season(db, "IMSA 2024 (team)")}
    winter = meetings["Winter Showdown"]
    day = date(2024, 12, 22)
    assert winter["dates"] == (day, day)  # both on 22 Dec, as Google shows them
    assert winter["tz"] == "America/New_York"
    assert winter["sessions"] == [("Practice", "Sun 22 Dec 18:00"), ("Feature", "Sun 22 Dec 21:00")]
    assert meetings["Road America"]["circuit"] == "Road America"  # the season's circuit
    assert sorted(created(report)) == [
        "Bowman Gray Stadium", "Daytona International Speedway",
        "Sebring International Raceway", "Watkins Glen International",
    ]
    assert report.created["meeting"] == 8 and report.created["session"] == 18


def test_events_without_dtend_last_a_day_or_no_time_with_a_warning(db: Database) -> None:
    report = twice(db, "no_dtend.ics")
    zandvoort, spa = season(db, "Club Sprint 2024")
    assert zandvoort["name"] == "Zandvoort" and spa["name"] == "Spa"  # "Club Sprint" is the tag
    assert zandvoort["dates"] == (date(2024, 5, 18),) * 2
    assert zandvoort["sessions"] == [("Race start", "Sat 18 May 14:30")]
    with db.session() as session:
        start = session.scalars(select(SessionRow)).one()
        assert start.start == start.end
    (warning,) = [w for w in report.warnings if "without an end" in w]
    assert warning.startswith("no_dtend.ics: 2 events without an end (DTEND), the first on line 5")


def test_nextcloud_event_lines_name_the_meeting(db: Database) -> None:
    twice(db, "nextcloud.ics")
    (monza,) = season(db, "Endurance Cup 2024")
    assert monza["name"] == "3 Hours of Monza"
    assert monza["circuit"] == "Autodromo Nazionale Monza"
    assert monza["sessions"] == [
        ("Free practice", "Fri 19 Apr 10:30"), ("Qualifying", "Sat 20 Apr 15:00"),
        ("Race", "Sun 21 Apr 13:00"),
    ]


def test_ics_py_feed_without_a_name_takes_the_file_name_or_series(db: Database) -> None:
    twice(db, "icspy_feed.ics", series="MotoGP 2024")
    assen, germany = season(db, "MotoGP 2024")
    assert (assen["name"], assen["circuit"]) == ("Motul TT Assen", "TT Circuit Assen")
    assert germany["name"] == "Liqui Moly Motorrad Grand Prix Deutschland"
    assert [n for n, _ in assen["sessions"]] == [  # type: ignore[attr-defined]
        "Practice 1", "Qualifying", "Race"
    ]
    import_files(db, [ICS / "icspy_feed.ics"])
    assert [m["name"] for m in season(db, "icspy_feed")] == [assen["name"], germany["name"]]


def test_skip_invalid_keeps_the_biweekly_training_and_lists_the_broken_race(
    db: Database,
) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        import_files(db, [ICS / "thunderbird_biweekly_and_broken.ics"])
    first = str(refused.value).splitlines()[0]
    assert first == (
        'thunderbird_biweekly_and_broken.ics, line 18: the event "Club race": impossible date '
        "20240431T100000 in DTSTART; nothing was imported (--skip-invalid imports the rest)"
    )
    assert [(p.line, p.file) for p in refused.value.problems] == [
        (18, "thunderbird_biweekly_and_broken.ics")
    ]
    report = twice(db, "thunderbird_biweekly_and_broken.ics", skip_invalid=True)
    assert [str(p) for p in report.skipped] == [
        'thunderbird_biweekly_and_broken.ics, line 18: the event "Club race": impossible date '
        "20240431T100000 in DTSTART"
    ]
    meetings = season(db, "Karting club 2024")
    assert [(m["name"], m["dates"][0].isoformat()) for m in meetings] == [  # type: ignore[index]
        ("Club training", "2024-04-06"), ("Club training", "2024-04-20"),
        ("Club training", "2024-05-04"), ("Club training", "2024-05-18"),
        ("Club cup", "2024-05-25"),
    ]
    assert any("line 29: left out the unreadable line" in w for w in report.warnings)


def test_a_refusal_lists_every_problem_first_the_main_one(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "two.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nX-WR-CALNAME:Two\nBEGIN:VEVENT\nSUMMARY:No start\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:Bad day\nDTSTART:20240230T100000Z\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    with pytest.raises(PaddockError) as refused:
        import_files(db, [path])
    lines = str(refused.value).splitlines()
    assert lines[0].startswith('two.ics, line 3: the event "No start" has no start (DTSTART)')
    assert "(and 1 more)" not in lines[0]
    assert lines[1:] == [
        "1 more problem:",
        '  two.ics, line 8: the event "Bad day": impossible date 20240230T100000Z in DTSTART',
    ]


def test_google_places_typed_by_people_match_the_same_circuits_the_second_time(
    db: Database,
) -> None:
    # "Sebring, FL" comes after the race at "..., Sebring, Florida, USA"; once a second import
    # matched the race at a circuit the first one created. Both are the gazetteer's Sebring.
    report = twice(db, "google_team_places.ics")
    meetings = {m["name"]: m for m in season(db, "Team Florida 2024")}
    sebring = "Sebring International Raceway"
    assert meetings["Sebring 12"]["circuit"] == meetings["Shakedown"]["circuit"] == sebring
    assert meetings["Roar before the 24"]["circuit"] == "Florida"
    assert meetings["Petit Le Mans"]["circuit"] == "Michelin Raceway Road Atlanta"
    assert len(created(report)) == 5 and report.created["meeting"] == 6


def test_sessions_sharing_one_uid_are_each_kept_and_a_second_import_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:elms-2024-barcelona\r\nDTSTAMP:20240101T000000Z\r\n"
        f"DTSTART:202404{day}T{hour}0000Z\r\nDTEND:202404{day}T{hour}3000Z\r\n"
        f"SUMMARY:4 Hours of Barcelona - {name}\r\nLOCATION:Circuit de Barcelona-Catalunya\r\n"
        "END:VEVENT\r\n"
        for day, hour, name in (("12", "09", "Free Practice 1"), ("13", "10", "Qualifying"),
                                ("14", "10", "Race"))
    )
    path = tmp_path / "elms.ics"
    path.write_bytes(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:ELMS 2024\r\n{events}END:VCALENDAR\r\n"
        .encode()
    )
    report = import_files(db, [path])
    before = dump(db)
    again = import_files(db, [path])
    assert dump(db) == before and not again.changed
    (barcelona,) = season(db, "ELMS 2024")
    assert [n for n, _ in barcelona["sessions"]] == [  # type: ignore[attr-defined]
        "Free Practice 1", "Qualifying", "Race"
    ]
    assert report.created["session"] == 3


def test_sessions_whose_summary_is_the_meeting_take_their_name_from_the_description(
    db: Database, tmp_path: Path
) -> None:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:lm-{i}\r\nDTSTAMP:20240101T000000Z\r\n"
        f"DTSTART:202406{day}T{hour}0000Z\r\nDTEND:202406{day}T{hour}3000Z\r\n"
        f"SUMMARY:24 Hours of Le Mans -\r\nDESCRIPTION:{name}\r\n"
        "LOCATION:Circuit des 24 Heures du Mans\r\nEND:VEVENT\r\n"
        for i, (day, hour, name) in enumerate((
            ("12", "12", "Free Practice 1"), ("13", "18", "Hyperpole"),
            ("15", "14", "Race\\nStart at 16:00 local time."),
        ))
    )
    path = tmp_path / "lemans.ics"
    path.write_bytes(
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:WEC 2024\r\n{events}END:VCALENDAR\r\n"
        .encode()
    )
    twice(db, str(path))
    (lemans,) = season(db, "WEC 2024")
    assert lemans["name"] == "24 Hours of Le Mans"
    assert [n for n, _ in lemans["sessions"]] == [  # type: ignore[attr-defined]
        "Free Practice 1", "Hyperpole", "Race"
    ]


def test_outlook_customized_time_zone_takes_an_iana_zone_with_the_same_rules(
    db: Database,
) -> None:
    report = twice(db, "outlook_customized_zone.ics")
    (day,) = season(db, "Test days (Outlook)")
    assert day["circuit"] == "Circuit Nowhere" and day["tz"] == "Europe/Amsterdam"
    assert day["sessions"] == [("Test day", "Fri 05 Jul 09:00")]
    assert "zone to check: Circuit Nowhere (Europe/Amsterdam)" in report.warnings
