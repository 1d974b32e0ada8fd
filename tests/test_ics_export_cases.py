"""The awkward cases of an export: clock changes in both hemispheres, local dates that are not
the UTC dates, names in German and Japanese, a driver name that tries to inject properties,
long text, alarms. Imported with the real import, read back by independent readers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import update
from test_ics_export_readers import (
    READERS,
    calcurse_read,
    database_spans,
    read_icalendar,
    read_libical,
    read_vobject,
    rename_zones,
)

from paddock_desk.services.calendar_export import ExportError, ExportTarget, build_export
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import DriverRow

LONG_NAME = "Grand Prix " + " ".join(f"Gesamtwertung-Lauf-{i}" for i in range(12))

FILES = {
    "circuits.csv": """circuit,country,lat,lon,tz
Nürburgring,DE,50.3356,6.9475,Europe/Berlin
鈴鹿サーキット,JP,34.8431,136.5406,Asia/Tokyo
Circuit Paul Ricard,FR,43.2506,5.7917,Europe/Paris
Las Vegas Strip Circuit,US,36.1147,-115.1728,America/Los_Angeles
Albert Park Circuit,AU,-37.8497,144.9683,Australia/Melbourne
Guia Circuit,MO,22.1972,113.5508,Asia/Macau
Homestead-Miami Speedway,US,25.4519,-80.4089,America/New_York
Phoenix Raceway,US,33.3747,-112.3111,America/Phoenix
Indianapolis Motor Speedway,US,39.7950,-86.2347,America/Indiana/Indianapolis
Autodromo Jose Carlos Pace,BR,-23.7036,-46.6997,America/Sao_Paulo
""",
    "series.csv": """series,colour,arrival_days
Test Cup,#112233,2
"Endurance, Asia; Pacific",#445566,0
""",
    "events.csv": f"""series,round,event_name,circuit,start_date,end_date,status
Test Cup,1,Paris clock change,Circuit Paul Ricard,2024-03-30,2024-03-31,scheduled
Test Cup,2,Las Vegas night,Las Vegas Strip Circuit,2024-11-22,2024-11-23,scheduled
Test Cup,3,Melbourne summer,Albert Park Circuit,2024-03-01,2024-03-03,scheduled
Test Cup,4,Melbourne clock change,Albert Park Circuit,2024-04-06,2024-04-07,scheduled
Test Cup,5,Macau,Guia Circuit,2024-11-14,2024-11-17,scheduled
Test Cup,6,{LONG_NAME},Nürburgring,2024-05-31,2024-06-02,scheduled
Test Cup,7,鈴鹿 1000km,鈴鹿サーキット,2024-08-10,2024-08-11,scheduled
Test Cup,8,Miami clock change,Homestead-Miami Speedway,2024-03-09,2024-03-10,scheduled
Test Cup,9,Phoenix no change,Phoenix Raceway,2024-03-09,2024-03-10,scheduled
Test Cup,10,Indianapolis clock change,Indianapolis Motor Speedway,2024-03-09,2024-03-10,cancelled
Test Cup,11,Interlagos 2018,Autodromo Jose Carlos Pace,2018-11-09,2018-11-11,scheduled
Test Cup,12,Interlagos before summer time,Autodromo Jose Carlos Pace,2018-10-27,2018-10-28,scheduled
"Endurance, Asia; Pacific",Q,Qualifying race,鈴鹿サーキット,2024-08-09,2024-08-09,scheduled
""",
    "sessions.csv": """series,round,session,start,end
Test Cup,1,night,2024-03-31T01:30:00+01:00,2024-03-31T04:00:00+02:00
Test Cup,1,race,2024-03-31T14:00:00,2024-03-31T16:00:00
Test Cup,2,race,2024-11-23T22:00:00,2024-11-24T00:00:00
Test Cup,3,race,2024-03-02T10:00:00,2024-03-02T11:00:00
Test Cup,4,first half hour,2024-04-07T02:30:00+11:00,2024-04-07T02:45:00+11:00
Test Cup,4,second half hour,2024-04-07T02:30:00+10:00,2024-04-07T02:45:00+10:00
Test Cup,5,race,2024-11-17T15:30:00,2024-11-17T16:30:00
Test Cup,6,race,2024-06-01T15:30:00,2024-06-02T15:30:00
Test Cup,7,race,2024-08-11T11:00:00,2024-08-11T18:00:00
Test Cup,8,early,2024-03-10T01:30:00,2024-03-10T03:30:00
Test Cup,8,race,2024-03-10T13:00:00,2024-03-10T15:00:00
Test Cup,9,early,2024-03-10T01:30:00,2024-03-10T03:30:00
Test Cup,10,early,2024-03-10T01:30:00,2024-03-10T03:30:00
Test Cup,11,race,2018-11-11T15:10:00,2018-11-11T17:00:00
Test Cup,12,race,2018-10-28T14:00:00,2018-10-28T15:00:00
""",
    "drivers.csv": """driver,nationality,home_tz
Max Fahrer,DE,Europe/Berlin
山田 太郎,JP,Asia/Tokyo
""",
    "roster.csv": """driver,team,series,car,rounds
Max Fahrer,Rennteam Nürburg,Test Cup,7,
山田 太郎,Rennteam Nürburg,Test Cup,7,7
""",
}

INJECTION = "Evil\r\nBEGIN:VEVENT\r\nUID:injected\r\nSUMMARY:Owned; X=1: yes, really"


@pytest.fixture
def cases_db(db_url: str, tmp_path: Path) -> Iterator[Database]:
    folder = tmp_path / "cases"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = open_database(db_url)
    import_files(db, [folder / name for name in FILES])
    yield db
    db.close()


def _events(data: bytes) -> dict[str, icalendar.cal.Component]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_agrees_with_the_database(cases_db: Database, reader: str) -> None:
    data = build_export(cases_db, ExportTarget("all")).data
    expected, _ = database_spans(cases_db)
    assert READERS[reader](data) == expected


@pytest.mark.parametrize("reader", [read_icalendar, read_vobject, read_libical])
def test_our_vtimezones_alone_give_the_same_instants(cases_db: Database, reader: object) -> None:
    data = rename_zones(build_export(cases_db, ExportTarget("all")).data)
    expected, _ = database_spans(cases_db)
    assert reader(data) == expected  # type: ignore[operator]


def test_calcurse_shows_meetings_on_their_days(cases_db: Database, tmp_path: Path) -> None:
    data = build_export(cases_db, ExportTarget("all")).data
    _, expected = database_spans(cases_db)
    assert calcurse_read(data, tmp_path) == expected


def test_clock_change_days(cases_db: Database) -> None:
    events = _events(build_export(cases_db, ExportTarget("series", "Test Cup")).data)
    paris = events["Test Cup R1: Paris clock change - Night"]
    assert paris.decoded("DTSTART").isoformat() == "2024-03-31T01:30:00+01:00"
    assert paris.decoded("DTEND").isoformat() == "2024-03-31T04:00:00+02:00"
    miami = events["Test Cup R8: Miami clock change - Early"]
    assert miami.decoded("DTEND").isoformat() == "2024-03-10T03:30:00-04:00"
    phoenix = events["Test Cup R9: Phoenix no change - Early"]
    assert phoenix.decoded("DTEND").isoformat() == "2024-03-10T03:30:00-07:00"
    interlagos = events["Test Cup R11: Interlagos 2018 - Race"]  # Brazil had summer time then
    assert interlagos.decoded("DTSTART").isoformat() == "2018-11-11T15:10:00-02:00"
    before = events["Test Cup R12: Interlagos before summer time - Race"]
    assert before.decoded("DTSTART").isoformat() == "2018-10-28T14:00:00-03:00"


def test_melbourne_in_march_is_summer_and_utc_date_differs(cases_db: Database) -> None:
    data = build_export(cases_db, ExportTarget("series", "Test Cup")).data
    race = _events(data)["Test Cup R3: Melbourne summer - Race"]
    assert race.decoded("DTSTART").isoformat() == "2024-03-02T10:00:00+11:00"
    assert "DTSTART;TZID=Australia/Melbourne:20240302T100000" in data.decode()
    vegas = _events(data)["Test Cup R2: Las Vegas night - Race"]
    assert "DTSTART;TZID=America/Los_Angeles:20241123T220000" in data.decode()
    assert vegas.decoded("DTEND").isoformat() == "2024-11-24T00:00:00-08:00"


def test_repeated_hour_when_clocks_go_back_keeps_both_instants(cases_db: Database) -> None:
    """02:30 happens twice in Melbourne on 7 April 2024: both are written in UTC."""
    text = build_export(cases_db, ExportTarget("series", "Test Cup")).data.decode()
    assert "DTSTART:20240406T153000Z\r\nDTEND:20240406T154500Z" in text
    assert "DTSTART:20240406T163000Z\r\nDTEND:20240406T164500Z" in text
    assert "Australia/Melbourne:20240407T02" not in text


def test_meetings_are_all_day_over_their_own_dates_without_arrival_days(
    cases_db: Database,
) -> None:
    text = build_export(cases_db, ExportTarget("series", "Test Cup", only="meetings")).data.decode()
    macau = text[text.index("SUMMARY:Test Cup R5: Macau") - 200:]
    assert "DTSTART;VALUE=DATE:20241114\r\nDTEND;VALUE=DATE:20241118\r\n" in macau
    assert "TZID" not in text and "VTIMEZONE" not in text


def test_german_and_japanese_names_survive_every_reader(cases_db: Database) -> None:
    data = build_export(cases_db, ExportTarget("series", "Test Cup")).data
    data.decode("utf-8")  # valid UTF-8 after folding
    events = _events(data)
    suzuka = events["Test Cup R7: 鈴鹿 1000km"]
    assert str(suzuka["LOCATION"]) == "鈴鹿サーキット"
    assert "山田 太郎" in str(suzuka["DESCRIPTION"])
    long = events[f"Test Cup R6: {LONG_NAME}"]
    assert str(long["LOCATION"]) == "Nürburgring"
    import vobject

    cal = vobject.readOne(data.decode("utf-8"))
    summaries = {e.summary.value for e in cal.vevent_list}
    assert f"Test Cup R6: {LONG_NAME}" in summaries and "Test Cup R7: 鈴鹿 1000km" in summaries


def test_long_lines_fold_at_75_octets_without_splitting_characters(cases_db: Database) -> None:
    db = cases_db
    with db.session() as s, s.begin():
        s.execute(update(DriverRow).where(DriverRow.name == "山田 太郎")
                  .values(name="山田 太郎 " + "サーキット" * 30))
    data = build_export(db, ExportTarget("team", "Rennteam Nürburg")).data
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert sum(1 for line in lines if line.startswith(b" ")) > 10
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    assert "サーキット" * 30 in str(_events(data)["Test Cup R7: 鈴鹿 1000km"]["DESCRIPTION"])


def test_a_driver_name_cannot_inject_properties(cases_db: Database) -> None:
    with cases_db.session() as s, s.begin():
        s.execute(update(DriverRow).where(DriverRow.name == "Max Fahrer").values(name=INJECTION))
    data = build_export(cases_db, ExportTarget("driver", INJECTION)).data
    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert "injected" not in {str(e["UID"]) for e in events}
    assert len(events) == len(read_vobject(data)) == len(read_libical(data))
    assert not any(str(e["SUMMARY"]).startswith("Owned") for e in events)
    flat = INJECTION.replace("\r\n", "\n")
    assert flat in str(events[0]["DESCRIPTION"])
    assert re.search(rb"^NAME:Evil\\nBEGIN:VEVENT\\nUID:injected\\nSUMMARY:Owned\\; X=1",
                     data, re.M)
    assert re.search(rb"^X-WR-CALNAME:Evil\\nBEGIN:VEVENT\\nUID:injected\\nSUMMARY:Owned\\; X=1",
                     data, re.M)


def test_series_name_with_comma_and_semicolon_is_one_category(cases_db: Database) -> None:
    data = build_export(cases_db, ExportTarget("series", "endurance, asia; pacific")).data
    (event,) = _events(data).values()
    assert event["CATEGORIES"].cats == ["Endurance, Asia; Pacific"]
    assert b"\r\nX-WR-CALNAME:Endurance\\, Asia\\; Pacific\r\n" in data


def test_cancelled_meeting_cancels_its_sessions(cases_db: Database) -> None:
    events = _events(build_export(cases_db, ExportTarget("series", "Test Cup")).data)
    assert str(events["Test Cup R10: Indianapolis clock change"]["STATUS"]) == "CANCELLED"
    assert str(events["Test Cup R10: Indianapolis clock change - Early"]["STATUS"]) == "CANCELLED"
    assert str(events["Test Cup R9: Phoenix no change"]["STATUS"]) == "CONFIRMED"


def test_alarms_on_sessions_or_on_meetings_when_only_meetings(cases_db: Database) -> None:
    plain = build_export(cases_db, ExportTarget("series", "Test Cup")).data
    assert b"VALARM" not in plain
    both = build_export(cases_db, ExportTarget("series", "Test Cup", alarm_minutes=30)).data
    for event in icalendar.Calendar.from_ical(both).walk("VEVENT"):
        alarms = event.walk("VALARM")
        timed = isinstance(event.decoded("DTSTART"), datetime)
        assert len(alarms) == (1 if timed else 0), event["SUMMARY"]
        for alarm in alarms:
            assert str(alarm["ACTION"]) == "DISPLAY"
            assert alarm.decoded("TRIGGER").total_seconds() == -30 * 60
    target = ExportTarget("series", "Test Cup", only="meetings", alarm_minutes=60)
    only = build_export(cases_db, target).data
    meetings = icalendar.Calendar.from_ical(only).walk("VEVENT")
    assert meetings and all(len(e.walk("VALARM")) == 1 for e in meetings)
    assert b"TRIGGER:-PT60M\r\n" in only


def test_only_sessions_and_what_the_export_says_it_holds(cases_db: Database) -> None:
    export = build_export(cases_db, ExportTarget("series", "Test Cup", only="sessions"))
    assert export.meetings == 0 and export.sessions == 15
    assert export.describe() == "Test Cup: 0 meetings, 15 sessions, 10 time zones"
    assert all(
        not start.startswith("D") for start, _ in read_icalendar(export.data).values()
    )


def test_driver_and_team_exports_hold_their_meetings(cases_db: Database) -> None:
    yamada = _events(build_export(cases_db, ExportTarget("driver", "山田 太郎")).data)
    assert sorted(yamada) == ["Test Cup R7: 鈴鹿 1000km", "Test Cup R7: 鈴鹿 1000km - Race"]
    team = build_export(cases_db, ExportTarget("team", "rennteam nürburg", only="meetings"))
    assert team.meetings == 12 and team.title == "Rennteam Nürburg (team)"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"driver": "Max Fahrr"}, 'No driver named "Max Fahrr". Did you mean "Max Fahrer"?'),
        ({"series": "Tset Cup"}, 'No series named "Tset Cup". Did you mean "Test Cup"?'),
        ({"team": "Nobody At All"}, 'No team named "Nobody At All".'),
    ],
)
def test_unknown_names_suggest_the_closest(
    cases_db: Database, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(ExportError) as caught:
        build_export(cases_db, ExportTarget.chosen(**kwargs))
    assert str(caught.value) == message
