"""Importing a generated calendar twice changes nothing, byte for byte (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow

PLACES = ["Circuit Zandvoort, Zandvoort", "Sepang International Circuit", "Kartbahn Oppenrod",
          "Bowman Gray Stadium, Winston-Salem", "", "Circuit Zandvoort", "Austin, USA", "USA",
          "Sebring Raceway, Florida, USA", "Florida", "Rolex 24 - Daytona", "Race"]
NAMES = ["Race", "Practice", "Qualifying", "", "Round 1 -", "F1: Gara (Gran Premio d'Olanda)"]
ZONES = ["Z", "Europe/Amsterdam", "(UTC-05:00) Eastern Time (US & Canada)", "UTC+03:00", ""]

event = st.tuples(
    st.integers(0, 40),  # day of the season
    st.integers(0, 23),  # hour
    st.integers(0, 5),  # length in hours (0: no DTEND)
    st.sampled_from(NAMES),
    st.sampled_from(PLACES),
    st.sampled_from(ZONES),
    st.sampled_from([None, "own", "common"]),  # no UID, its own, one several events share
    st.booleans(),  # all-day
)


Event = tuple[int, int, int, str, str, str, str | None, bool]


def calendar(events: list[Event], header: str) -> str:
    start = datetime(2024, 5, 1, tzinfo=UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//gen//EN", header]
    for i, (day, hour, hours, name, place, tz, uid, all_day) in enumerate(events):
        when = start + timedelta(days=day, hours=hour)
        lines.append("BEGIN:VEVENT")
        if uid:
            lines.append(f"UID:gen-{i if uid == 'own' else 'common'}@example.org")
        if all_day:
            lines.append(f"DTSTART;VALUE=DATE:{when:%Y%m%d}")
            if hours:
                lines.append(f"DTEND;VALUE=DATE:{when + timedelta(days=hours):%Y%m%d}")
        else:
            zone = "" if tz in ("", "Z") else f';TZID="{tz}"'
            suffix = "Z" if tz == "Z" else ""
            lines.append(f"DTSTART{zone}:{when:%Y%m%dT%H%M%S}{suffix}")
            if hours:
                lines.append(f"DTEND{zone}:{when + timedelta(hours=hours):%Y%m%dT%H%M%S}{suffix}")
        lines += [f"SUMMARY:{name}", f"LOCATION:{place}" if place else "X-NOTHING:1",
                  "END:VEVENT"]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def dump(db: Database) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in (SeriesRow, CircuitRow, MeetingRow, SessionRow):
            rows = session.execute(select(table.__table__)).all()  # type: ignore[attr-defined]
            out += sorted(tuple(r) for r in rows)
    return out


@settings(
    max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    events=st.lists(event, min_size=1, max_size=12),
    header=st.sampled_from(["X-WR-CALNAME:Gen", "X-WR-TIMEZONE:America/New_York", "NAME:Gen"]),
)
def test_a_second_import_of_any_calendar_changes_nothing(
    tmp_path_factory: object, events: list[Event], header: str,
) -> None:
    folder = tmp_path_factory.mktemp("gen")  # type: ignore[attr-defined]
    path = Path(folder) / "gen.ics"
    path.write_bytes(calendar(events, header).encode("utf-8"))
    db = open_database(Path(folder) / "season.db")
    try:
        import_files(db, [Path(__file__).parent / "data" / "real2024" / "circuits.csv"])
        first = import_files(db, [path], skip_invalid=True)
        before = dump(db)
        again = import_files(db, [path], skip_invalid=True)
        assert dump(db) == before, (first.summary(), again.summary())
        assert not again.changed
    finally:
        db.close()
