"""Importing calendars into a real database: meetings, sessions, circuits, re-imports, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.circuit_matching import distance_km
from paddock_desk.interop.import_report import ImportReport
from paddock_desk.services.calendar_import import import_calendar_files
from paddock_desk.services.import_preview import preview_import
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


def run(
    db: Database, *names: str, series: str | None = None, skip_invalid: bool = False
) -> ImportReport:
    report = ImportReport()
    with db.session() as session:
        import_calendar_files(
            session, [ICS / n for n in names], series=series, skip_invalid=skip_invalid,
            report=report,
        )
        session.commit()
    return report


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def meetings(db: Database, series: str) -> dict[str, MeetingRow]:
    """The series' meetings by round label, with circuit and sessions loaded."""
    with db.session() as session:
        rows = session.scalars(
            select(MeetingRow).join(SeriesRow).where(SeriesRow.name == series)
        ).all()
        for row in rows:
            _ = row.circuit.name, [s.name for s in row.sessions]
        return {row.round: row for row in rows}


def sessions_of(row: MeetingRow) -> dict[str, tuple[datetime, datetime]]:
    return {s.name: (s.start, s.end) for s in row.sessions}


def circuit(db: Database, name: str) -> CircuitRow:
    with db.session() as session:
        return session.scalars(select(CircuitRow).where(CircuitRow.name == name)).one()


def dump(db: Database) -> list[tuple[object, ...]]:
    """Every season row the import writes, all columns, to compare before and after."""
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in (SeriesRow, CircuitRow, MeetingRow, SessionRow):
            rows = session.execute(select(table.__table__)).all()  # type: ignore[attr-defined]
            out += sorted(tuple(r) for r in rows)
    return out


def test_google_sessions_chain_into_one_meeting_at_the_matched_circuit(db: Database) -> None:
    report = run(db, "google.ics")
    assert report.created["meeting"] == 1 and report.created["session"] == 4
    assert not report.created["circuit"]
    (meeting,) = meetings(db, "Spa 24 Hours 2024").values()
    assert meeting.name == "24 Hours of Spa"
    assert meeting.round == "1"
    assert meeting.circuit.name == "Circuit de Spa-Francorchamps"
    assert (meeting.start_date, meeting.end_date) == (date(2024, 6, 27), date(2024, 6, 30))
    assert sessions_of(meeting)["Race"] == (utc(2024, 6, 29, 14, 30), utc(2024, 6, 30, 14, 30))
    assert set(sessions_of(meeting)) == {"Free Practice", "Qualifying", "Superpole", "Race"}


def test_apple_sessions_join_the_all_day_meeting_and_a_circuit_is_created(db: Database) -> None:
    report = run(db, "apple.ics")
    (meeting,) = meetings(db, "Bathurst 12 Hour").values()
    assert set(sessions_of(meeting)) == {"Race", "Qualifying"}
    assert (meeting.start_date, meeting.end_date) == (date(2024, 2, 16), date(2024, 2, 18))
    created = circuit(db, "Mount Panorama Circuit")
    assert (created.tz, created.country) == ("Australia/Sydney", "AU")  # the gazetteer's
    assert distance_km(created.lat, created.lon, -33.4475, 149.5556) < 1  # the file's GEO
    assert any("Mount Panorama Circuit" in w for w in report.warnings)


def test_created_circuit_takes_the_events_iana_zone(db: Database) -> None:
    report = run(db, "thunderbird.ics")
    assert "thunderbird" in {s for s in _series_names(db)}  # no X-WR-CALNAME: the file name
    assert circuit(db, "Nürburgring Nordschleife").tz == "Europe/Berlin"  # named as known
    assert report.warnings[0] == "circuits created by the calendar import: Nürburgring Nordschleife"
    assert not any(w.startswith("zone to check") for w in report.warnings)


def _series_names(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(SeriesRow.name)))


def test_fixed_offset_at_a_known_circuit_takes_the_gazetteer_zone(db: Database) -> None:
    report = run(db, "fixed_offset.ics", series="Gulf Sprint 2024")
    rounds = meetings(db, "Gulf Sprint 2024")
    assert rounds["1"].circuit.name == "Bahrain International Circuit"
    assert sessions_of(rounds["1"])["Race"][0] == utc(2024, 3, 2, 15, 0)
    okayama = circuit(db, "Okayama International Circuit")
    assert (okayama.tz, okayama.country) == ("Asia/Tokyo", "JP")
    assert distance_km(okayama.lat, okayama.lon, 34.915, 134.2211) < 2
    assert not any(w.startswith("zone to check") for w in report.warnings)


def test_floating_times_are_local_to_the_circuit_then_the_display_zone_then_utc(
    db: Database,
) -> None:
    report = run(db, "floating.ics")
    rounds = meetings(db, "Floating")
    suzuka = next(m for m in rounds.values() if m.circuit.name == "Suzuka Circuit")
    assert sessions_of(suzuka)["Race"][0] == utc(2024, 4, 7, 5, 0)  # 14:00 in Japan
    elsewhere = next(m for m in rounds.values() if m.circuit.name != "Suzuka Circuit")
    assert sessions_of(elsewhere)["Track day"][0] == utc(2024, 5, 10, 9, 0)
    assert any("read as UTC" in w for w in report.warnings)
    run(db, "floating_display_zone.ics", series="Shown in New York")
    (shown,) = meetings(db, "Shown in New York").values()
    assert sessions_of(shown)["Track day"][0] == utc(2024, 5, 10, 13, 0)  # 09:00 EDT


def test_outlook_and_quirky_files_import(db: Database) -> None:
    run(db, "outlook.ics", "quirks.ics")
    tests = meetings(db, "Team test days")
    assert [(m.name, m.circuit.name) for m in sorted(tests.values(), key=lambda m: m.round)] == [
        ("Monza test", "Autodromo Nazionale Monza"),
        ("Silverstone test", "Silverstone Circuit"),
    ]
    assert set(sessions_of(tests["1"])) == {"Day 1", "Day 2"}
    quirky = meetings(db, "Quirky Cup")
    assert {m.name for m in quirky.values()} == {"Quirky Cup Round 1", "Quirky Cup Round 2"}
    assert circuit(db, "Circuit Paul Ricard").tz == "Europe/Paris"


def test_timed_events_chain_while_the_gap_is_at_most_two_days(
    db: Database, tmp_path: Path
) -> None:
    days = ["20240605", "20240612", "20240613", "20240615", "20240619"]  # Wed, Wed, Thu, Sat, Wed
    events = "".join(
        f"BEGIN:VEVENT\nUID:lm-{d}\nSUMMARY:Le Mans - Day {d[-2:]}\nLOCATION:Circuit de la Sarthe"
        f"\nGEO:47.956;0.2075\nDTSTART;TZID=Europe/Paris:{d}T100000\nEND:VEVENT\n"
        for d in days
    )
    path = tmp_path / "lemans.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n", encoding="utf-8")
    with db.session() as session:
        import_calendar_files(
            session, [path], series="Le Mans", skip_invalid=False, report=ImportReport()
        )
        session.commit()
    spans = sorted((m.start_date, m.end_date) for m in meetings(db, "Le Mans").values())
    assert spans == [
        (date(2024, 6, 5), date(2024, 6, 5)),
        (date(2024, 6, 12), date(2024, 6, 15)),
        (date(2024, 6, 19), date(2024, 6, 19)),
    ]


def test_new_rounds_follow_the_highest_numeric_round(db: Database) -> None:
    with db.session() as session:
        series = SeriesRow(name="Asia GT 2024", colour=None, arrival_days=0)
        spa = session.scalars(select(CircuitRow).where(CircuitRow.name.like("%Spa%"))).one()
        for label, day in (("7", 1), ("Q", 2)):
            session.add(
                MeetingRow(
                    series=series, round=label, name=f"Old {label}", circuit=spa,
                    start_date=date(2023, 5, day), end_date=date(2023, 5, day),
                )
            )
        session.commit()
    run(db, "reimport_v1.ics")
    by_round = {r: m.name for r, m in meetings(db, "Asia GT 2024").items()}
    assert by_round == {"7": "Old 7", "Q": "Old Q", "8": "Sepang", "9": "Suzuka", "10": "Buriram"}


def test_reimport_lists_moved_new_cancelled_and_raises_sequence(db: Database) -> None:
    run(db, "reimport_v1.ics")
    report = run(db, "reimport_v2.ics")
    assert report.changes == [
        "moved: Asia GT 2024 round 1 Sepang, Race: Sun 14 Apr 2024 15:00 -> Sun 14 Apr 2024 16:00",
        "moved: Asia GT 2024 round 2 Suzuka: 25-26 May 2024 at Suzuka Circuit -> "
        "1-2 Jun 2024 at Suzuka Circuit",
        "cancelled: Asia GT 2024 round 3 Buriram, 15-16 Jun 2024 at Chang International Circuit",
        "new: Asia GT 2024 round 4 Mandalika, 20-21 Jul 2024 at Pertamina Mandalika Circuit",
    ]
    rounds = meetings(db, "Asia GT 2024")
    assert (rounds["1"].sequence, rounds["2"].sequence, rounds["4"].sequence) == (0, 1, 0)
    assert rounds["3"].cancelled
    race = next(s for s in rounds["1"].sessions if s.name == "Race")
    assert race.sequence == 1 and race.start == utc(2024, 4, 14, 8, 0)
    assert "Qualifying" in sessions_of(rounds["1"])  # gone from the file, kept in the season
    before = dump(db)
    again = run(db, "reimport_v2.ics")
    assert not again.changed and again.changes == []
    assert dump(db) == before


def test_reimport_without_uids_matches_by_start_and_summary(db: Database) -> None:
    run(db, "reimport_nouid_v1.ics")
    before = dump(db)
    assert not run(db, "reimport_nouid_v1.ics").changed
    assert dump(db) == before
    report = run(db, "reimport_nouid_v2.ics")
    assert "cancelled: Asia GT no UID round 3 Buriram, 15-16 Jun 2024 at Chang International " \
        "Circuit" in report.changes
    # Without a UID a moved meeting cannot be told from a new one.
    assert sorted(m.name for m in meetings(db, "Asia GT no UID").values()) == [
        "Buriram", "Mandalika", "Sepang", "Suzuka", "Suzuka",
    ]


def test_dry_run_reports_and_changes_nothing(db: Database) -> None:
    run(db, "reimport_v1.ics")
    before = dump(db)
    report = import_files(db, [ICS / "reimport_v2.ics"], dry_run=True)
    assert report.dry_run and len(report.changes) == 4
    assert dump(db) == before


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken_not_ical.ics", ["line 1", "not an iCalendar file"]),
        ("broken_truncated.ics", ["cut short"]),
        ("broken_latin1.ics", ["line 15", "UTF-8"]),
        ("broken_no_dtstart.ics", ["line 13", '"Mystery round"']),
        ("broken_feb30.ics", ["line 18", "20240230"]),
        ("broken_unknown_zone.ics", ["line 18", "Middle Earth Standard Time"]),
    ],
)
def test_broken_files_are_refused_and_nothing_is_imported(
    db: Database, name: str, words: list[str]
) -> None:
    before = dump(db)
    with pytest.raises(PaddockError) as caught:
        import_files(db, [ICS / "series_feed.ics", ICS / name])
    for word in [name, *words]:
        assert word in str(caught.value)
    assert dump(db) == before


def test_skip_invalid_imports_the_rest_and_lists_the_skipped(db: Database) -> None:
    report = run(db, "broken_feb30.ics", "broken_truncated.ics", skip_invalid=True)
    assert [m.name for m in meetings(db, "Broken").values()] == ["Good round"]
    skipped = [str(p) for p in report.skipped]
    assert skipped[0] == (
        'broken_feb30.ics, line 18: the event "Leap round": impossible date 20240230 in DTSTART'
    )
    assert "broken_truncated.ics" in skipped[1] and "cut short" in skipped[1]


def test_preview_shows_the_clash_an_import_adds_and_changes_nothing(
    db: Database, tmp_path: Path
) -> None:
    run(db, "reimport_v1.ics")
    (tmp_path / "events.csv").write_text(
        "series,round,event_name,circuit,start_date,end_date\n"
        "Euro Cup,1,Zandvoort Cup,Circuit Zandvoort,2024-06-01,2024-06-02\n",
        encoding="utf-8",
    )
    (tmp_path / "drivers.csv").write_text(
        "driver,nationality,home_tz\nAnna Example,NL,Europe/Amsterdam\n", encoding="utf-8"
    )
    (tmp_path / "roster.csv").write_text(
        "driver,team,series,car,rounds\n"
        "Anna Example,Team A,Asia GT 2024,7,\nAnna Example,Team B,Euro Cup,8,\n",
        encoding="utf-8",
    )
    import_files(db, [tmp_path / n for n in ("events.csv", "drivers.csv", "roster.csv")])
    before = dump(db)
    preview = preview_import(db, [ICS / "reimport_v2.ics"])
    assert dump(db) == before
    assert len(preview.report.changes) == 4
    (added,) = [c for c in preview.added if c.severity == "clash"]
    assert added.kind == "overlap"
    assert "Suzuka" in added.message and "Zandvoort" in added.message
    assert preview.lines()[0].startswith("new clash: ")
    dry = import_files(db, [ICS / "reimport_v2.ics"], dry_run=True)
    assert dry.changes == preview.report.changes + preview.lines()
    assert dump(db) == before


def test_a_meeting_no_longer_cancelled_is_reinstated(db: Database) -> None:
    run(db, "reimport_v2.ics")
    report = run(db, "reimport_v1.ics")
    assert "reinstated: Asia GT 2024 round 3 Buriram, 15-16 Jun 2024 at Chang International " \
        "Circuit" in report.changes
    assert not meetings(db, "Asia GT 2024")["3"].cancelled


def test_a_cancelled_session_is_created_cancelled_and_a_known_one_is_kept_cancelled(
    db: Database, tmp_path: Path
) -> None:
    def feed(status: str) -> Path:
        path = tmp_path / f"cup{status}.ics"
        path.write_text(
            "BEGIN:VCALENDAR\nX-WR-CALNAME:Cup\nBEGIN:VEVENT\nUID:m\nSUMMARY:Monza\n"
            "LOCATION:Autodromo Nazionale Monza\nDTSTART;VALUE=DATE:20240906\n"
            "DTEND;VALUE=DATE:20240909\nEND:VEVENT\nBEGIN:VEVENT\nUID:r\nSUMMARY:Monza - Race\n"
            f"{status}DTSTART;TZID=Europe/Rome:20240908T150000\nEND:VEVENT\nEND:VCALENDAR\n",
            encoding="utf-8",
        )
        return path

    def race() -> tuple[str, int]:
        with db.session() as session:
            row = session.scalars(select(SessionRow).where(SessionRow.name == "Race")).one()
            return row.status, row.sequence

    report = ImportReport()
    with db.session() as session:
        import_calendar_files(
            session, [feed("STATUS:CANCELLED\n")], series=None, skip_invalid=False,
            report=report,
        )
        session.commit()
    assert "new: Cup round 1 Monza, 6-8 Sep 2024 at Autodromo Nazionale Monza (1 session, " \
        "1 cancelled)" in report.changes
    assert set(sessions_of(meetings(db, "Cup")["1"])) == {"Race"}
    assert race() == ("cancelled", 0)
    report = ImportReport()
    with db.session() as session:
        for status in ("", "STATUS:CANCELLED\n"):
            import_calendar_files(
                session, [feed(status)], series=None, skip_invalid=False, report=report
            )
        session.commit()
    assert set(sessions_of(meetings(db, "Cup")["1"])) == {"Race"}
    assert "cancelled: Cup round 1 Monza, Race, Sun 08 Sep 2024 15:00 (cancelled in the " \
        "calendar)" in report.changes
    assert race() == ("cancelled", 2)  # scheduled again, then cancelled again
    assert [w for w in report.warnings if "without an end" not in w] == []
    report = ImportReport()
    with db.session() as session:  # in the calendar again, not cancelled: scheduled again
        import_calendar_files(session, [feed("")], series=None, skip_invalid=False, report=report)
        session.commit()
    assert race() == ("scheduled", 3)
    assert any(c.startswith("reinstated: Cup round 1 Monza, Race") for c in report.changes)


def test_floating_sessions_without_a_place_take_the_zone_of_their_meeting(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "Suzuka club.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Suzuka 1000\nLOCATION:Suzuka Circuit\n"
        "DTSTART;VALUE=DATE:20240831\nDTEND;VALUE=DATE:20240902\nEND:VEVENT\n"
        "BEGIN:VEVENT\nSUMMARY:Suzuka 1000 - Race\nDTSTART:20240901T110000\n"
        "DTEND:20240901T180000\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    report = ImportReport()
    with db.session() as session:
        import_calendar_files(session, [path], series=None, skip_invalid=False, report=report)
        session.commit()
    (meeting,) = meetings(db, "Suzuka club").values()
    assert sessions_of(meeting) == {"Race": (utc(2024, 9, 1, 2, 0), utc(2024, 9, 1, 9, 0))}
    assert report.warnings == []


def test_our_export_edited_elsewhere_comes_back_onto_the_same_meeting(
    db_url: str, season2018: Path, tmp_path: Path
) -> None:
    from paddock_desk.services.calendar_export import ExportTarget, export_calendar

    database = open_database(db_url)
    try:
        import_files(database, sorted(season2018.glob("*.csv")))
        exported = export_calendar(database, ExportTarget("series", "Blancpain GT Series Asia"))
        moved = tmp_path / "bgt.ics"
        moved.write_bytes(
            exported.replace(b"DTSTART;VALUE=DATE:20180414", b"DTSTART;VALUE=DATE:20180421")
            .replace(b"DTEND;VALUE=DATE:20180416", b"DTEND;VALUE=DATE:20180423")
        )
        unchanged = tmp_path / "same.ics"
        unchanged.write_bytes(exported)
        assert not import_files(database, [unchanged]).changed
        dry = import_files(database, [moved], dry_run=True)
        assert dry.changes[0].startswith(
            "moved: Blancpain GT Series Asia round 1 Sepang (Races 1-2): 14-15 Apr 2018"
        )
        assert any(
            line.startswith("clash resolved: Alexandre Imperatori: European Le Mans Series")
            for line in dry.changes
        )
        import_files(database, [moved])
        round_one = meetings(database, "Blancpain GT Series Asia")["1"]
        assert (round_one.start_date, round_one.sequence) == (date(2018, 4, 21), 1)
        again = export_calendar(database, ExportTarget("series", "Blancpain GT Series Asia"))
        assert b"SEQUENCE:1" in again
    finally:
        database.close()


def test_published_series_feed_all_day_meetings_with_their_sessions(db: Database) -> None:
    report = run(db, "series_feed.ics")
    rounds = meetings(db, "GT Asia 2024")
    assert {r: (m.name, m.circuit.name) for r, m in rounds.items()} == {
        "1": ("Round 1 Sepang", "Sepang International Circuit"),
        "2": ("Round 2 Fuji", "Fuji Speedway"),
    }
    assert sessions_of(rounds["1"]) == {
        "Qualifying": (utc(2024, 4, 13, 2, 0), utc(2024, 4, 13, 3, 0)),
        "Race": (utc(2024, 4, 14, 7, 0), utc(2024, 4, 14, 8, 0)),  # no LOCATION: its meeting's
    }
    assert sessions_of(rounds["2"]) == {"Race": (utc(2024, 5, 26, 4, 0), utc(2024, 5, 26, 5, 0))}
    fuji = circuit(db, "Fuji Speedway")
    assert (fuji.tz, fuji.country) == ("Asia/Tokyo", "JP")
    assert distance_km(fuji.lat, fuji.lon, 35.3717, 138.9275) < 1  # the gazetteer's, by GEO
    assert report.warnings == ["circuits created by the calendar import: Fuji Speedway"]
