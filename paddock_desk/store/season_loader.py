"""Loading the whole season from the database into domain values (plain Core selects, fast)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Connection

from paddock_desk.domain.model import (
    Assignment,
    Car,
    Circuit,
    Driver,
    Meeting,
    Season,
    Series,
    Session,
    Team,
    Unavailability,
)
from paddock_desk.store.schema import (
    CarRow,
    CircuitRow,
    DriverRow,
    LineupRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    TeamRow,
    UnavailabilityRow,
)


def parse_rounds(text: str | None) -> frozenset[str] | None:
    """Stored ';'-separated round labels as a set; None (every round) for NULL or empty."""
    if not text:
        return None
    return frozenset(r.strip() for r in text.split(";") if r.strip())


def format_rounds(rounds: frozenset[str] | set[str] | None) -> str | None:
    """Round labels as stored: sorted, ';'-separated; None for every round."""
    if rounds is None:
        return None
    return ";".join(sorted(rounds))


def load_season(conn: Connection, *, with_sessions: bool = True) -> Season:
    """Every row of the season as a :class:`Season`."""
    season = Season()
    circuits_by_id: dict[int, Circuit] = {}
    for cid, name, country, lat, lon, tz in conn.execute(
        select(
            CircuitRow.id, CircuitRow.name, CircuitRow.country, CircuitRow.lat,
            CircuitRow.lon, CircuitRow.tz,
        )
    ):
        circuit = Circuit(name, country, lat, lon, tz)
        circuits_by_id[cid] = circuit
        season.circuits[name] = circuit
    series_by_id: dict[int, str] = {}
    for sid, name, colour, arrival in conn.execute(
        select(SeriesRow.id, SeriesRow.name, SeriesRow.colour, SeriesRow.arrival_days)
    ):
        series_by_id[sid] = name
        season.series[name] = Series(name, colour, arrival or 0)
    for mid, sid, rnd, name, cid, start, end, cancelled in conn.execute(
        select(
            MeetingRow.id, MeetingRow.series_id, MeetingRow.round, MeetingRow.name,
            MeetingRow.circuit_id, MeetingRow.start_date, MeetingRow.end_date,
            MeetingRow.cancelled,
        )
    ):
        season.meetings[mid] = Meeting(
            mid, series_by_id[sid], rnd, name, circuits_by_id[cid], start, end, bool(cancelled)
        )
    if with_sessions:
        for row in conn.execute(
            select(
                SessionRow.id, SessionRow.meeting_id, SessionRow.name, SessionRow.start,
                SessionRow.end,
            )
        ):
            season.sessions[row[0]] = Session(*row)
    teams_by_id: dict[int, str] = {}
    for tid, name in conn.execute(select(TeamRow.id, TeamRow.name)):
        teams_by_id[tid] = name
        season.teams[tid] = Team(tid, name)
    for did, name, nat, home_tz, category in conn.execute(
        select(
            DriverRow.id, DriverRow.name, DriverRow.nationality, DriverRow.home_tz,
            DriverRow.category,
        )
    ):
        season.drivers[did] = Driver(did, name, nat or "", home_tz, category)
    for car_id, sid, tid, number, car_class in conn.execute(
        select(CarRow.id, CarRow.series_id, CarRow.team_id, CarRow.number, CarRow.car_class)
    ):
        season.cars[car_id] = Car(car_id, series_by_id[sid], teams_by_id[tid], number, car_class)
    for lid, did, car_id, rounds in conn.execute(
        select(LineupRow.id, LineupRow.driver_id, LineupRow.car_id, LineupRow.rounds)
    ):
        season.assignments[lid] = Assignment(lid, did, car_id, parse_rounds(rounds))
    for uid, did, start, end, reason, rule in conn.execute(
        select(
            UnavailabilityRow.id, UnavailabilityRow.driver_id, UnavailabilityRow.start_date,
            UnavailabilityRow.end_date, UnavailabilityRow.reason, UnavailabilityRow.rrule,
        )
    ):
        season.unavailability[uid] = Unavailability(uid, did, start, end, reason or "", rule)
    return season
