"""CSV import validation: each kind of bad value is named by its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from csv_support import (
    CIRCUITS,
    DRIVERS,
    EVENTS,
    ROSTER_HEAD,
    UNAVAILABLE_HEAD,
    calendar,
    dump,
    write,
)

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database

# Validation: each kind of bad value names its file, line and column

NOT_PLACES = ("localtime", "Factory", "posixrules", "Etc/GMT-3", "EST5EDT", "GMT", "US/Eastern")
"""Names IANA's database holds that are no place; UTC is the one zone of no place kept."""

BAD_ROWS = [
    *(
        (
            "circuits.csv",
            CIRCUITS + f"Nowhere,XX,1.5,2.5,{zone}\n",
            "tz",
            f"'{zone}' is not an IANA time zone of a place (such as Europe/Paris, or UTC)",
        )
        for zone in NOT_PLACES
    ),
    (
        "drivers.csv",
        "driver,nationality,home_tz\nA B,CH,Japan\n",
        "home_tz",
        "'Japan' is not an IANA time zone of a place (such as Europe/Paris, or UTC)",
    ),
    (
        "circuits.csv",
        CIRCUITS + "Nowhere,XX,1.5,2.5,Europe/Pariss\n",
        "tz",
        "'Europe/Pariss' is not an IANA time zone of a place (such as Europe/Paris, or UTC); "
        "did you mean 'Europe/Paris'?",
    ),
    ("circuits.csv", CIRCUITS + "Nowhere,XX,north,2.5,UTC\n", "lat", "'north' is not a number"),
    (
        "circuits.csv",
        CIRCUITS + "Nowhere,XX,1.5,190,UTC\n",
        "lon",
        "'190' is out of range (-180 to 180)",
    ),
    ("circuits.csv", CIRCUITS + ",XX,1.5,2.5,UTC\n", "circuit", "is empty (a value is required)"),
    (
        "series.csv",
        "series,colour,arrival_days\nGT Asia,red,0\n",
        "colour",
        "'red' is not a colour (write #rrggbb",
    ),
    (
        "series.csv",
        "series,colour,arrival_days\nGT Asia,#d7263d,-1\n",
        "arrival_days",
        "'-1' is not a whole number of days, 0 or more",
    ),
    (
        "series.csv",
        "series,colour,arrival_days\nGT Asia,#d7263d,1.5\n",
        "arrival_days",
        "'1.5' is not a whole number of days, 0 or more",
    ),
    (
        "events.csv",
        EVENTS + "GT Asia,4;5,Sepang,Sepang International Circuit,2018-07-14,2018-07-15\n",
        "round",
        "'4;5' is not a round label (a round has no ';')",
    ),
    (
        "series.csv",
        "series,colour,arrival_days\nGT Asia,#d7263d,400\n",
        "arrival_days",
        "'400' is more than 60 days",
    ),
    (
        "drivers.csv",
        "driver,nationality,home_tz,category\nA B,CH,UTC,Diamond\n",
        "category",
        "'Diamond' is not an FIA category",
    ),
    (
        "events.csv",
        EVENTS + "GT Asia,4,Nowhere,Sepang Circuit,2018-07-14,2018-07-15\n",
        "circuit",
        "unknown circuit 'Sepang Circuit'; did you mean 'Sepang International Circuit'?",
    ),
    (
        "events.csv",
        EVENTS + "GT Asia,4,Sepang,Sepang International Circuit,2018-07-14,2018-07-13\n",
        "end_date",
        "'2018-07-13' is before the start date 2018-07-14",
    ),
    (
        "events.csv",
        EVENTS + "GT Asia,4,Sepang,Sepang International Circuit,14.07.2018,2018-07-15\n",
        "start_date",
        "'14.07.2018' is not a date (write YYYY-MM-DD)",
    ),
    (
        "events.csv",
        EVENTS.replace("end_date", "end_date,status") + "GT Asia,4,S,Circuit Paul Ricard,"
        "2018-07-14,2018-07-15,postponed\n",
        "status",
        "'postponed' is not a status (write scheduled or cancelled)",
    ),
    (
        "sessions.csv",
        "series,round,session,start,end\nGT Asia,9,Race,2018-04-14T15:00,2018-04-14T16:00\n",
        "round",
        "series 'GT Asia' has no round '9' (rounds: 1, 2, 3)",
    ),
    (
        "sessions.csv",
        "series,round,session,start,end\nGT Asai,1,Race,2018-04-14T15:00,2018-04-14T16:00\n",
        "series",
        "no meetings of series 'GT Asai'; did you mean 'GT Asia'?",
    ),
    (
        "sessions.csv",
        "series,round,session,start,end\nGT Asia,1,Race,2018-04-16T15:00,2018-04-16T16:00\n",
        "start",
        "'2018-04-16T15:00' is not within the meeting's dates (2018-04-14 to 2018-04-15",
    ),
    (
        "sessions.csv",
        "series,round,session,start,end\nGT Asia,1,Race,2018-04-14T15:00,2018-04-14T14:00\n",
        "end",
        "'2018-04-14T14:00' is before the start",
    ),
    (
        "sessions.csv",
        "series,round,session,start,end\nGT Asia,1,Race,2018-04-14 3pm,2018-04-14T16:00\n",
        "start",
        "'2018-04-14 3pm' is not a date and time",
    ),
    (
        "sessions.csv",
        "series,round,session,start,end\nGT Asia,2,Race,2018-05-12T15:00,2018-05-12T16h\n",
        "end",
        "'2018-05-12T16h' is not a date and time",
    ),
    (
        "roster.csv",
        ROSTER_HEAD + "A B,KCMG,GT Asai,18,\n",
        "series",
        "unknown series 'GT Asai'; did you mean 'GT Asia'?",
    ),
    (
        "roster.csv",
        ROSTER_HEAD + "A B,KCMG,GT Asia,18,1;7\n",
        "rounds",
        "series 'GT Asia' has no round '7' (rounds: 1, 2, 3)",
    ),
    ("roster.csv", ROSTER_HEAD + "A B,KCMG,GT Asia,,1\n", "car", "is empty (a value is required)"),
    (
        "unavailability.csv",
        UNAVAILABLE_HEAD + "Alexandre Imperatory,2018-03-01,2018-03-02,x,\n",
        "driver",
        "unknown driver 'Alexandre Imperatory'; did you mean 'Alexandre Imperatori'?",
    ),
    (
        "unavailability.csv",
        UNAVAILABLE_HEAD + "Alexandre Imperatori,2018-03-01,2018-03-02,x,WEEKLY\n",
        "rrule",
        "'WEEKLY' is not a repeat rule",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "column", "message"),
    BAD_ROWS,
    ids=[
        f"{name.removesuffix('.csv')}-{column}-{i}"
        for i, (name, _, column, _) in enumerate(BAD_ROWS)
    ],
)
def test_bad_value_is_named_by_file_line_and_column(
    sqlite_url: str, tmp_path: Path, name: str, text: str, column: str, message: str
) -> None:
    db = open_database(sqlite_url)
    base_folder = tmp_path / "base"
    base_folder.mkdir()
    base = [*calendar(base_folder), write(base_folder, "drivers.csv", DRIVERS)]
    import_files(db, base)
    before = dump(db)
    bad_line = len(text.splitlines())
    with pytest.raises(PaddockError) as refused:
        import_files(db, [write(tmp_path, name, text)])
    assert str(refused.value).startswith(f"{name}, line {bad_line}, column {column}: {message}")
    assert dump(db) == before
    db.close()


def test_session_in_a_skipped_hour_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    circuits = "circuit,country,lat,lon,tz\nCircuit Paul Ricard,FR,43.25,5.79,Europe/Paris\n"
    events = "series,round,event_name,circuit,start_date,end_date\n"
    events += "ELMS,1,Le Castellet,Circuit Paul Ricard,2018-03-24,2018-03-25\n"
    sessions = "series,round,session,start,end\nELMS,1,Warm-up,2018-03-25T02:30,2018-03-25T03:30\n"
    db = open_database(sqlite_url)
    paths = [
        write(tmp_path, n, t)
        for n, t in (("c.csv", circuits), ("e.csv", events), ("s.csv", sessions))
    ]
    with pytest.raises(
        PaddockError, match=r"s\.csv, line 2, column start: .* does not exist in Europe/Paris"
    ):
        import_files(db, paths)
    db.close()




def test_zones_and_nul_are_refused_alike_on_every_backend(db: Database, tmp_path: Path) -> None:
    circuits = CIRCUITS + "".join(
        f"Place {i},XX,1.5,2.5,{zone}\n" for i, zone in enumerate(NOT_PLACES)
    )
    circuits += "Null\x00Ring,XX,1.5,2.5,UTC\nUTC Ring,XX,1.5,2.5,UTC\n"
    with pytest.raises(PaddockError) as refused:
        import_files(db, [write(tmp_path, "circuits.csv", circuits)])
    message = str(refused.value)
    assert message.startswith(f"{len(NOT_PLACES) + 1} problems; nothing was imported:")
    assert "circuits.csv, line 11, column circuit: holds a NUL character" in message
    assert "UTC Ring" not in message
    assert dump(db) == {table: [] for table in dump(db)}
