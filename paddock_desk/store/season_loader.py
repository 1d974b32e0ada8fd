"""Loading the season from the database into domain values (plain Core selects, fast).

Each ``read_*`` function turns the rows of one table into domain values and takes an optional
WHERE clause, so the whole season (:func:`load_season`) and a refresh of the few rows an edit
touched read rows the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sqlalchemy import ColumnElement, Engine, select, true
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
from paddock_desk.domain.rounds import parse_rounds
from paddock_desk.store.rules_loader import read_documents, read_lineup_rules
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
from paddock_desk.store.transactions import read_snapshot

Where = ColumnElement[bool]
EVERY_ROW: Where = true()


def read_circuits(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Circuit]:
    query = select(
        CircuitRow.name, CircuitRow.country, CircuitRow.lat, CircuitRow.lon, CircuitRow.tz
    )
    for name, country, lat, lon, tz in conn.execute(query.where(where)):
        yield Circuit(name, country, lat, lon, tz)


def read_series(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Series]:
    query = select(SeriesRow.name, SeriesRow.colour, SeriesRow.arrival_days)
    for name, colour, arrival in conn.execute(query.where(where)):
        yield Series(name, colour, arrival or 0)


def read_meetings(
    conn: Connection, circuits: Mapping[str, Circuit], where: Where = EVERY_ROW
) -> Iterator[Meeting]:
    """Meetings, their circuits taken from ``circuits`` (by name)."""
    query = (
        select(
            MeetingRow.id, SeriesRow.name, MeetingRow.round, MeetingRow.name, CircuitRow.name,
            MeetingRow.start_date, MeetingRow.end_date, MeetingRow.cancelled,
        )
        .join(SeriesRow, MeetingRow.series_id == SeriesRow.id)
        .join(CircuitRow, MeetingRow.circuit_id == CircuitRow.id)
    )
    for mid, series, rnd, name, circuit, start, end, cancelled in conn.execute(
        query.where(where)
    ):
        yield Meeting(mid, series, rnd, name, circuits[circuit], start, end, bool(cancelled))


def read_sessions(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Session]:
    query = select(
        SessionRow.id, SessionRow.meeting_id, SessionRow.name, SessionRow.start, SessionRow.end,
        SessionRow.status,
    )
    for sid, meeting_id, name, start, end, status in conn.execute(query.where(where)):
        yield Session(sid, meeting_id, name, start, end, status or "scheduled")


def read_teams(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Team]:
    for tid, name in conn.execute(select(TeamRow.id, TeamRow.name).where(where)):
        yield Team(tid, name)


def read_drivers(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Driver]:
    query = select(
        DriverRow.id, DriverRow.name, DriverRow.nationality, DriverRow.home_tz,
        DriverRow.category,
    )
    for did, name, nat, home_tz, category in conn.execute(query.where(where)):
        yield Driver(did, name, nat or "", home_tz, category)


def read_cars(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Car]:
    query = (
        select(CarRow.id, SeriesRow.name, TeamRow.name, CarRow.number, CarRow.car_class)
        .join(SeriesRow, CarRow.series_id == SeriesRow.id)
        .join(TeamRow, CarRow.team_id == TeamRow.id)
    )
    for car_id, series, team, number, car_class in conn.execute(query.where(where)):
        yield Car(car_id, series, team, number, car_class)


def read_assignments(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Assignment]:
    query = select(LineupRow.id, LineupRow.driver_id, LineupRow.car_id, LineupRow.rounds)
    for lid, did, car_id, rounds in conn.execute(query.where(where)):
        yield Assignment(lid, did, car_id, parse_rounds(rounds))


def read_unavailability(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Unavailability]:
    query = select(
        UnavailabilityRow.id, UnavailabilityRow.driver_id, UnavailabilityRow.start_date,
        UnavailabilityRow.end_date, UnavailabilityRow.reason, UnavailabilityRow.rrule,
    )
    for uid, did, start, end, reason, rule in conn.execute(query.where(where)):
        yield Unavailability(uid, did, start, end, reason or "", rule)


def load_season(conn: Connection, *, with_sessions: bool = True) -> Season:
    """Every row of the season as a :class:`Season`."""
    season = Season()
    season.circuits = {c.name: c for c in read_circuits(conn)}
    season.series = {s.name: s for s in read_series(conn)}
    season.meetings = {m.id: m for m in read_meetings(conn, season.circuits)}
    if with_sessions:
        season.sessions = {s.id: s for s in read_sessions(conn)}
    season.teams = {t.id: t for t in read_teams(conn)}
    season.drivers = {d.id: d for d in read_drivers(conn)}
    season.cars = {c.id: c for c in read_cars(conn)}
    season.assignments = {a.id: a for a in read_assignments(conn)}
    season.unavailability = {u.id: u for u in read_unavailability(conn)}
    season.lineup_rules = {r.id: r for r in read_lineup_rules(conn)}
    season.documents = {d.id: d for d in read_documents(conn)}
    return season


def read_season(engine: Engine, *, with_sessions: bool = True) -> Season:
    """The whole season as one committed state: one read transaction, whoever commits meanwhile."""
    with read_snapshot(engine) as conn:
        return load_season(conn, with_sessions=with_sessions)
