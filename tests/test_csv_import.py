"""CSV import: kinds by header, one transaction, idempotency, validation, warnings, roster rules.

Store cases run on SQLite and on PostgreSQL (``db_url``); the validation matrix runs on SQLite.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from csv_support import (
    CIRCUITS,
    DRIVERS,
    EVENTS,
    ROSTER_HEAD,
    SEASON_FILES,
    UNAVAILABLE_HEAD,
    calendar,
    dump,
    rows,
    write,
)
from sqlalchemy import select

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.names import NameIndex, closest
from paddock_desk.services.demo import load_demo
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database
from paddock_desk.store.schema import (
    CarRow,
    CircuitRow,
    DriverRow,
    LineupRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    UnavailabilityRow,
)

# The real season of 2018 and the real calendars of 2024


def test_season2018_imports_and_again_changes_nothing(db: Database, season2018: Path) -> None:
    paths = [season2018 / name for name in SEASON_FILES]
    report = import_files(db, paths)
    assert report.created["meeting"] == 40
    assert report.created["series"] == 9
    assert report.created["circuit"] == 19
    assert report.created["driver"] == 10
    assert report.created["line-up"] == 18
    assert all(s.colour is None for s in rows(db, SeriesRow))
    before = dump(db)
    again = import_files(db, paths)
    assert not again.changed
    assert again.summary().startswith("Nothing to change")
    assert dump(db) == before


def test_bad_date_refuses_the_import_and_leaves_the_database(
    db: Database, season2018: Path, tmp_path: Path
) -> None:
    import_files(db, [season2018 / "circuits.csv"])
    before = dump(db)
    for name in SEASON_FILES:
        shutil.copy(season2018 / name, tmp_path / name)
    lines = (tmp_path / "events.csv").read_text().splitlines()
    fields = lines[6].split(",")
    fields[4] = "2018-02-30"
    lines[6] = ",".join(fields)
    (tmp_path / "events.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(PaddockError) as refused:
        import_files(db, [tmp_path / name for name in SEASON_FILES])
    assert str(refused.value).startswith(
        "events.csv, line 7, column start_date: '2018-02-30' is not a date (write YYYY-MM-DD)"
    )
    assert dump(db) == before


def test_real2024_calendars_import(db: Database, real2024: Path) -> None:
    names = ("sessions.csv", "events.csv", "series.csv", "circuits.csv")  # any order
    report = import_files(db, [real2024 / name for name in names])
    assert (report.created["circuit"], report.created["series"]) == (58, 7)
    assert (report.created["meeting"], report.created["session"]) == (109, 519)
    meetings = rows(db, MeetingRow)
    assert [m.name for m in meetings if m.cancelled] == ["Gran Prix of India"]
    with db.session() as session:
        fp1 = session.scalars(
            select(SessionRow)
            .join(MeetingRow)
            .join(SeriesRow)
            .where(SeriesRow.name == "Formula 1", MeetingRow.round == "1", SessionRow.name == "fp1")
        ).one()
        assert fp1.start == datetime(2024, 2, 29, 11, 30, tzinfo=UTC)
    assert not import_files(db, [real2024 / name for name in names]).changed


def test_demo_season_loads_once(db: Database) -> None:
    report = load_demo(db)
    assert report.created["meeting"] == 40
    assert report.created["series"] == 9
    assert report.created["circuit"] == 19
    assert report.created["driver"] == 10
    before = dump(db)
    assert not load_demo(db).changed
    assert dump(db) == before


# One transaction, every problem at once, dry runs and skipped rows


def test_every_problem_is_reported_and_nothing_is_kept(db: Database, tmp_path: Path) -> None:
    events = EVENTS + "GT Asia,4,Nowhere,Sepang Circuit,2018-07-14,2018-07-13\n"
    paths = [write(tmp_path, "circuits.csv", CIRCUITS), write(tmp_path, "events.csv", events)]
    paths.append(write(tmp_path, "drivers.csv", DRIVERS + "Jane Doe,GB,Mars/Olympus\n"))
    with pytest.raises(PaddockError) as refused:
        import_files(db, paths)
    message = str(refused.value)
    assert message.startswith("3 problems; nothing was imported:")
    assert "drivers.csv, line 3, column home_tz: 'Mars/Olympus' is not an IANA time zone" in message
    assert (
        "events.csv, line 5, column circuit: unknown circuit 'Sepang Circuit'; "
        "did you mean 'Sepang International Circuit'?"
    ) in message
    assert "events.csv, line 5, column end_date: '2018-07-13' is before the start" in message
    assert all(not rows(db, t) for t in (SeriesRow, MeetingRow, DriverRow))


def test_dry_run_reports_and_changes_nothing(db: Database, tmp_path: Path) -> None:
    import_files(db, calendar(tmp_path))
    before = dump(db)
    moved = EVENTS.replace("2018-05-12,2018-05-13", "2018-05-19,2018-05-20")
    report = import_files(db, [write(tmp_path, "events.csv", moved)], dry_run=True)
    assert report.updated["meeting"] == 1
    assert report.changes == [
        "meeting GT Asia round 2: start date 2018-05-12 -> 2018-05-19; "
        "end date 2018-05-13 -> 2018-05-20"
    ]
    assert report.summary().endswith("Dry run: nothing was changed.")
    assert dump(db) == before


def test_skip_invalid_imports_the_valid_rows(db: Database, tmp_path: Path) -> None:
    events = EVENTS.replace("2018-05-12", "2018-05-32")
    paths = [write(tmp_path, "circuits.csv", CIRCUITS), write(tmp_path, "events.csv", events)]
    report = import_files(db, paths, skip_invalid=True)
    assert [str(p) for p in report.skipped] == [
        "events.csv, line 3, column start_date: '2018-05-32' is not a date (write YYYY-MM-DD)"
    ]
    assert sorted(m.round for m in rows(db, MeetingRow)) == ["1", "3"]


# Changes update what they name; sequences move with dates, times and circuits


def test_moving_a_meeting_raises_its_sequence_once(db: Database, tmp_path: Path) -> None:
    import_files(db, calendar(tmp_path))
    moved = EVENTS.replace("2018-05-12,2018-05-13", "2018-05-19,2018-05-20").replace(
        "Sepang again", "Sepang 3 Hours"
    )
    import_files(db, [write(tmp_path, "events.csv", moved)])
    by_round = {m.round: m for m in rows(db, MeetingRow)}
    assert (by_round["2"].sequence, by_round["2"].start_date) == (1, date(2018, 5, 19))
    assert (by_round["3"].sequence, by_round["3"].name) == (0, "Sepang 3 Hours")
    assert by_round["1"].sequence == 0 and by_round["1"].version == 1
    to_paul_ricard = moved.replace(
        "Sepang 3 Hours,Sepang International Circuit", "Sepang 3 Hours,Circuit Paul Ricard"
    )
    import_files(db, [write(tmp_path, "events.csv", to_paul_ricard)])
    by_round = {m.round: m for m in rows(db, MeetingRow)}
    with db.session() as session:
        moved_to = session.scalars(
            select(CircuitRow.name).join(MeetingRow).where(MeetingRow.round == "3")
        ).one()
    assert moved_to == "Circuit Paul Ricard"
    assert (by_round["2"].sequence, by_round["3"].sequence) == (1, 1)


def test_moving_a_session_raises_its_sequence(db: Database, tmp_path: Path) -> None:
    sessions = (
        "series,round,session,start,end\nGT Asia,1,Race 1,2018-04-14T15:00,2018-04-14T16:00\n"
    )
    import_files(db, [*calendar(tmp_path), write(tmp_path, "sessions.csv", sessions)])
    [race] = rows(db, SessionRow)
    assert race.start == datetime(2018, 4, 14, 7, 0, tzinfo=UTC)
    same_instant = sessions.replace("2018-04-14T15:00,", "2018-04-14T09:00+02:00,")
    assert not import_files(db, [write(tmp_path, "sessions.csv", same_instant)]).changed
    later = sessions.replace("T16:00", "T16:30")
    report = import_files(db, [write(tmp_path, "sessions.csv", later)])
    assert report.updated["session"] == 1
    [race] = rows(db, SessionRow)
    assert race.sequence == 1
    assert race.end == datetime(2018, 4, 14, 8, 30, tzinfo=UTC)


def test_status_column_cancels_and_its_absence_keeps(db: Database, tmp_path: Path) -> None:
    import_files(db, calendar(tmp_path))
    lines = EVENTS.splitlines()
    cancelled = "\n".join([lines[0] + ",status", *(f"{line},scheduled" for line in lines[1:3])])
    cancelled += f"\n{lines[3]},cancelled\n"
    import_files(db, [write(tmp_path, "events.csv", cancelled)])
    import_files(db, [write(tmp_path, "events.csv", EVENTS)])
    by_round = {m.round: m for m in rows(db, MeetingRow)}
    assert [by_round[r].cancelled for r in "123"] == [False, False, True]


# Roster: a row replaces the rounds of a seat; rows of one import add up


def roster_rounds(db: Database) -> dict[tuple[str, str], str | None]:
    with db.session() as session:
        found = session.execute(
            select(DriverRow.name, CarRow.number, LineupRow.rounds)
            .join(LineupRow.driver)
            .join(LineupRow.car)
        )
        return {(name, number): rounds for name, number, rounds in found}


def test_roster_rows_add_up_then_replace(db: Database, tmp_path: Path) -> None:
    header = "driver,team,series,car,rounds,class\n"
    first = header + (
        "Alexandre Imperatori,KCMG,GT Asia,18,1,Pro-Am\n"
        "Alexandre Imperatori,KCMG,GT Asia,18,3,\n"
        "Yuke Taniguchi,KCMG,GT Asia,18,,\n"
    )
    report = import_files(db, [*calendar(tmp_path), write(tmp_path, "roster.csv", first)])
    assert (report.created["team"], report.created["car"], report.created["line-up"]) == (1, 1, 2)
    assert roster_rounds(db) == {
        ("Alexandre Imperatori", "18"): "1;3",
        ("Yuke Taniguchi", "18"): None,
    }
    assert [c.car_class for c in rows(db, CarRow)] == ["Pro-Am"]
    second = (
        header + "Alexandre Imperatori,KCMG,GT Asia,18,2,\nYuke Taniguchi,KCMG,GT Asia,18,1;2,\n"
    )
    import_files(db, [write(tmp_path, "roster.csv", second)])
    assert roster_rounds(db) == {
        ("Alexandre Imperatori", "18"): "2",
        ("Yuke Taniguchi", "18"): "1;2",
    }
    every = (
        header + "Alexandre Imperatori,KCMG,GT Asia,18,2,\nAlexandre Imperatori,KCMG,GT Asia,18,,\n"
    )
    import_files(db, [write(tmp_path, "roster.csv", every)])
    assert roster_rounds(db)[("Alexandre Imperatori", "18")] is None


def test_two_drivers_of_one_classed_car_are_both_entered(db: Database, tmp_path: Path) -> None:
    roster = "driver,team,series,car,rounds,class\n"
    roster += "A One,KCMG,GT Asia,18,,Pro-Am\nB Two,KCMG,GT Asia,18,2,Pro-Am\n"
    import_files(db, [*calendar(tmp_path), write(tmp_path, "roster.csv", roster)])
    assert roster_rounds(db) == {("A One", "18"): None, ("B Two", "18"): "2"}
    assert [c.car_class for c in rows(db, CarRow)] == ["Pro-Am"]


def test_car_named_with_two_classes_is_refused_naming_both_lines(
    db: Database, tmp_path: Path
) -> None:
    roster = "driver,team,series,car,rounds,class\n"
    roster += "A One,KCMG,GT Asia,18,,Pro\nB Two,KCMG,GT Asia,18,,Am\nC Three,KCMG,GT Asia,18,,\n"
    paths = [*calendar(tmp_path), write(tmp_path, "roster.csv", roster)]
    with pytest.raises(PaddockError) as refused:
        import_files(db, paths)
    assert str(refused.value).splitlines()[0] == (
        "roster.csv, line 3: names the car GT Asia KCMG #18 again with other values than "
        "line 2 (one import names it once, or the same way each time)"
    )
    roster = roster.replace(",Am\n", ",Pro\n")
    paths[-1] = write(tmp_path, "roster.csv", roster)
    import_files(db, paths)
    assert sorted(roster_rounds(db)) == [("A One", "18"), ("B Two", "18"), ("C Three", "18")]
    before = dump(db)
    assert not import_files(db, paths).changed
    assert dump(db) == before


def test_unavailability_is_keyed_by_driver_and_dates(db: Database, tmp_path: Path) -> None:
    blocks = (
        "driver,start_date,end_date,reason,rrule\n"
        "Alexandre Imperatori,2018-03-01,2018-03-02,test,\n"
        "Alexandre Imperatori,2018-03-06,2018-03-06,gym,RRULE:FREQ=WEEKLY;BYDAY=TU\n"
    )
    paths = [write(tmp_path, "drivers.csv", DRIVERS), write(tmp_path, "un.csv", blocks)]
    assert import_files(db, paths).created["unavailability block"] == 2
    changed = blocks.replace(",test,", ",tyre test,")
    report = import_files(db, [write(tmp_path, "un.csv", changed)])
    assert report.updated["unavailability block"] == 1
    found = {(u.start_date, u.reason, u.rrule) for u in rows(db, UnavailabilityRow)}
    assert found == {
        (date(2018, 3, 1), "tyre test", None),
        (date(2018, 3, 6), "gym", "FREQ=WEEKLY;BYDAY=TU"),
    }


# Files: BOM, header case and order, extra columns, encodings, unknown kinds


def test_bom_header_in_any_case_and_order_with_extra_column(db: Database, tmp_path: Path) -> None:
    circuits = "\ufeffTZ, Circuit ,lon,LAT,country,notes\n"
    circuits += "Europe/Paris,Circuit Paul Ricard,5.79,43.25,FR,new\n"
    report = import_files(db, [write(tmp_path, "c.csv", circuits)])
    assert report.created["circuit"] == 1
    assert report.warnings == ["c.csv: ignored column(s) notes (a circuits file)"]


def test_file_not_utf8_is_refused_naming_it(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "latin.csv",
        "circuit,country,lat,lon,tz\nNürburgring,DE,50.3,6.9,UTC\n",
        "latin-1",
    )
    with pytest.raises(PaddockError, match=r"latin\.csv, line 2: the file is not UTF-8"):
        import_files(db, [path])


def test_header_of_no_kind_is_refused_naming_the_file(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path, "odd.csv", "series,round,event_name,circuit,start_date\nx,1,y,z,2018-01-01\n"
    )
    with pytest.raises(PaddockError) as refused:
        import_files(db, [path])
    assert "odd.csv, line 1: the header" in str(refused.value)
    assert "the events header also has end_date" in str(refused.value)


# Close names: warnings for new names that look like typos of known ones


def test_new_names_close_to_known_ones_are_warned(db: Database, tmp_path: Path) -> None:
    drivers = DRIVERS + "Sébastien Buemi,CH,Europe/Zurich\n"
    import_files(db, [*calendar(tmp_path), write(tmp_path, "drivers.csv", drivers)])
    roster = ROSTER_HEAD + (
        "Alexandre Imperator,KCMG,GT Asia,18,\n"
        "sebastien buemi,KCMG,GT Asia,18,\n"
        "Yuke Taniguchi,KCMG,GT Asia,18,\n"
    )
    events = EVENTS + "GT Asia 2,1,Sepang,Sepang International Circuit,2019-04-14,2019-04-15\n"
    events += "GT Asla,1,Sepang,Sepang International Circuit,2019-04-14,2019-04-15\n"
    paths = [write(tmp_path, "roster.csv", roster), write(tmp_path, "events.csv", events)]
    report = import_files(db, paths)
    assert report.warnings == [
        "new series 'GT Asla' is close to 'GT Asia'",
        "new driver 'Alexandre Imperator' is close to 'Alexandre Imperatori'",
        "new driver 'sebastien buemi' is close to 'Sébastien Buemi'",
    ]


def test_name_index_rules() -> None:
    index = NameIndex(["Formula 1", "Formula 1 2024", "Alexandre Imperatori", "Team WRT"])
    assert index.close_to("Formula E") is None
    assert index.close_to("Formula 1 2025") is None
    assert index.close_to("ALEXANDRE  IMPERATORI") == "Alexandre Imperatori"
    assert index.close_to("Alexandr Imperator") == "Alexandre Imperatori"
    assert index.close_to("Alex Imperatori") is None
    assert index.close_to("Team WRT Racing") is None
    assert index.close_to("TeamWRT") == "Team WRT"
    assert index.close_to("Formula 12") is None
    assert closest("Sepang Circuit", ["Suzuka Circuit", "Sepang International Circuit"]) == (
        "Sepang International Circuit"
    )
    assert closest("Zandvoort", ["Suzuka Circuit"]) is None


def test_lines_are_physical_lines_of_the_file(db: Database, tmp_path: Path) -> None:
    text = (
        'circuit,country,lat,lon,tz\r\n"Sepang\r\nInternational",MY,2.7,101.7,Asia/Kuala_Lumpur\r\n'
        "\r\nSuzuka,JP,north,136.5,Asia/Tokyo\r\n"
    )
    with pytest.raises(PaddockError) as refused:
        import_files(db, [write(tmp_path, "c.csv", text)])
    assert str(refused.value).splitlines()[1:] == [
        "  c.csv, line 2, column circuit: has a line break (a name is one line)",
        "  c.csv, line 5, column lat: 'north' is not a number "
        "(write it like 43.7347, with a point)",
    ]


def test_semicolon_separated_file_is_explained(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "semi.csv", "circuit;country;lat;lon;tz\nX;MY;1;2;UTC\n")
    with pytest.raises(PaddockError, match=r"separate the columns with commas"):
        import_files(db, [path])


def test_bad_calendar_file_undoes_the_csv_files_too(db: Database, tmp_path: Path) -> None:
    broken = write(tmp_path, "feed.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    with pytest.raises(PaddockError):
        import_files(db, [*calendar(tmp_path), broken])
    assert all(not rows(db, t) for t in (CircuitRow, SeriesRow, MeetingRow))


def test_same_block_in_two_files_is_one_block(db: Database, tmp_path: Path) -> None:
    first = UNAVAILABLE_HEAD + "Alexandre Imperatori,2018-03-01,2018-03-02,test,\n"
    paths = [
        write(tmp_path, "drivers.csv", DRIVERS),
        write(tmp_path, "u1.csv", first),
        write(tmp_path, "u2.csv", first + first.splitlines()[1] + "\n"),
    ]
    assert import_files(db, paths).created["unavailability block"] == 1
    assert [(u.reason, u.version) for u in rows(db, UnavailabilityRow)] == [("test", 1)]
    assert not import_files(db, paths).changed


def test_one_block_named_with_two_reasons_is_refused_naming_both_lines(
    db: Database, tmp_path: Path
) -> None:
    first = UNAVAILABLE_HEAD + "Alexandre Imperatori,2018-03-01,2018-03-02,test,\n"
    second = UNAVAILABLE_HEAD + "Alexandre Imperatori,2018-03-01,2018-03-02,tyre test,\n"
    paths = [
        write(tmp_path, "drivers.csv", DRIVERS),
        write(tmp_path, "u1.csv", first),
        write(tmp_path, "u2.csv", second),
    ]
    with pytest.raises(PaddockError) as refused:
        import_files(db, paths)
    assert str(refused.value) == (
        "u2.csv, line 2: names the unavailability of Alexandre Imperatori from 2018-03-01 to "
        "2018-03-02 again with other values than u1.csv, line 2 (one import names it once, or "
        "the same way each time)\nNothing was imported."
    )
    assert rows(db, UnavailabilityRow) == []


@pytest.mark.parametrize(
    ("name", "text", "again", "what"),
    [
        ("circuits.csv", CIRCUITS, "Circuit Paul Ricard,FR,43.2506,5.7917,Europe/London",
         "the circuit 'Circuit Paul Ricard'"),
        ("events.csv", EVENTS,
         "GT Asia,2,Le Castellet,Circuit Paul Ricard,2018-05-19,2018-05-20",
         "the meeting GT Asia round 2"),
        ("drivers.csv", DRIVERS, "Alexandre Imperatori,IT,Asia/Shanghai",
         "the driver 'Alexandre Imperatori'"),
        ("series.csv", "series,colour,arrival_days\nGT Asia,#123456,0\n", "GT Asia,#123456,1",
         "the series 'GT Asia'"),
    ],
)
def test_a_row_naming_something_again_differently_is_refused_naming_both_lines(
    db: Database, tmp_path: Path, name: str, text: str, again: str, what: str
) -> None:
    lines = text.splitlines()
    first_line = next(i for i, line in enumerate(lines, 1) if line.startswith(again[:12]))
    files = {"circuits.csv": CIRCUITS, "events.csv": EVENTS, name: text + again + "\n"}
    paths = [write(tmp_path, n, t) for n, t in files.items()]
    with pytest.raises(PaddockError) as refused:
        import_files(db, paths)
    assert str(refused.value).splitlines()[0] == (
        f"{name}, line {len(lines) + 1}: names {what} again with other values than line "
        f"{first_line} (one import names it once, or the same way each time)"
    )
    write(tmp_path, name, text + lines[first_line - 1] + "\n")
    import_files(db, paths)  # the same row twice is no conflict


def test_sessions_named_twice_differently_are_refused(db: Database, tmp_path: Path) -> None:
    sessions = (
        "series,round,session,start,end\n"
        "GT Asia,1,Race 1,2018-04-14T16:10,2018-04-14T17:20\n"
        "GT Asia,1,Race 1,2018-04-14T16:10,2018-04-14T17:20\n"
        "GT Asia,1,Race 1,2018-04-15T16:10,2018-04-15T17:20\n"
    )
    paths = [*calendar(tmp_path), write(tmp_path, "sessions.csv", sessions)]
    with pytest.raises(PaddockError) as refused:
        import_files(db, paths)
    assert str(refused.value).startswith(
        "sessions.csv, line 4: names the session 'Race 1' of GT Asia round 1 again with other "
        "values than line 2"
    )


def test_roster_for_a_series_without_meetings_is_refused(db: Database, tmp_path: Path) -> None:
    series = write(tmp_path, "series.csv", "series,colour,arrival_days\nELMS,#123456,0\n")
    roster = write(tmp_path, "roster.csv", ROSTER_HEAD + "A B,G-Drive,ELMS,26,\n")
    with pytest.raises(PaddockError) as refused:
        import_files(db, [roster, series])
    assert str(refused.value).startswith(
        "roster.csv, line 2, column series: series 'ELMS' has no meetings (import its events)"
    )


def test_a_long_file_written_in_chunks_is_still_one_transaction(
    db: Database, tmp_path: Path
) -> None:
    from paddock_desk.interop.csv_state import CHUNK

    blocks = [
        f"Alexandre Imperatori,{date(2019, 1, 1) + timedelta(days=i)},"
        f"{date(2019, 1, 1) + timedelta(days=i)},day {i},\n"
        for i in range(2 * CHUNK + 10)
    ]
    drivers = write(tmp_path, "drivers.csv", DRIVERS)
    bad = write(tmp_path, "u.csv", UNAVAILABLE_HEAD + "".join(blocks) + "Nobody,x,y,z,\n")
    with pytest.raises(PaddockError) as refused:
        import_files(db, [drivers, bad])
    assert str(refused.value).startswith(f"3 problems; nothing was imported:\n  u.csv, line "
                                         f"{len(blocks) + 2}, column driver: unknown driver")
    assert dump(db) == {table: [] for table in dump(db)}
    good = write(tmp_path, "u.csv", UNAVAILABLE_HEAD + "".join(blocks) + blocks[0])
    assert import_files(db, [drivers, good]).created["unavailability block"] == len(blocks)
    assert len(rows(db, UnavailabilityRow)) == len(blocks)
    assert not import_files(db, [drivers, good]).changed
