"""Bringing a loaded Season up to date after an edit, reading only the rows it touched."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from paddock_desk.domain.model import (
    Assignment,
    Car,
    Driver,
    Meeting,
    Season,
    Session,
    Unavailability,
)
from paddock_desk.services.editing import ChangeSet
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
from paddock_desk.store.season_loader import parse_rounds


def patch_drivers(conn: Connection, season: Season, driver_ids: Iterable[int]) -> None:
    """Re-read the line-ups and unavailability of ``driver_ids`` into ``season``."""
    ids = set(driver_ids)
    if not ids:
        return
    for key in [k for k, a in season.assignments.items() if a.driver_id in ids]:
        del season.assignments[key]
    for key in [k for k, u in season.unavailability.items() if u.driver_id in ids]:
        del season.unavailability[key]
    for lid, did, car_id, rounds in conn.execute(
        select(LineupRow.id, LineupRow.driver_id, LineupRow.car_id, LineupRow.rounds).where(
            LineupRow.driver_id.in_(ids)
        )
    ):
        season.assignments[lid] = Assignment(lid, did, car_id, parse_rounds(rounds))
    for uid, did, start, end, reason, rule in conn.execute(
        select(
            UnavailabilityRow.id, UnavailabilityRow.driver_id, UnavailabilityRow.start_date,
            UnavailabilityRow.end_date, UnavailabilityRow.reason, UnavailabilityRow.rrule,
        ).where(UnavailabilityRow.driver_id.in_(ids))
    ):
        season.unavailability[uid] = Unavailability(uid, did, start, end, reason or "", rule)


PATCHABLE = frozenset({"lineups", "unavailability", "meetings", "sessions", "drivers", "cars"})
"""Kinds whose changed rows can be read one by one into a loaded Season (others: reload)."""


def patch_rows(conn: Connection, season: Season, change: ChangeSet) -> bool:
    """Re-read the rows ``change`` names into ``season``; False when a full reload is needed."""
    if change.all_drivers or not change.kinds <= PATCHABLE:
        return False
    ids: dict[str, set[int]] = {}
    for kind, row_id in change.ids:
        ids.setdefault(kind, set()).add(row_id)
    _patch_drivers_table(conn, season, ids.get("drivers", set()))
    _patch_cars(conn, season, ids.get("cars", set()))
    _patch_meetings(conn, season, ids.get("meetings", set()))
    _patch_sessions(conn, season, ids.get("sessions", set()))
    patch_drivers(conn, season, change.driver_ids)
    return True


def _patch_drivers_table(conn: Connection, season: Season, ids: set[int]) -> None:
    for driver_id in ids:
        season.drivers.pop(driver_id, None)
    for did, name, nat, home_tz, category in conn.execute(
        select(
            DriverRow.id, DriverRow.name, DriverRow.nationality, DriverRow.home_tz,
            DriverRow.category,
        ).where(DriverRow.id.in_(ids))
    ):
        season.drivers[did] = Driver(did, name, nat or "", home_tz, category)


def _patch_cars(conn: Connection, season: Season, ids: set[int]) -> None:
    for car_id in ids:
        season.cars.pop(car_id, None)
    for car_id, series, team, number, car_class in conn.execute(
        select(CarRow.id, SeriesRow.name, TeamRow.name, CarRow.number, CarRow.car_class)
        .join(SeriesRow, CarRow.series_id == SeriesRow.id)
        .join(TeamRow, CarRow.team_id == TeamRow.id)
        .where(CarRow.id.in_(ids))
    ):
        season.cars[car_id] = Car(car_id, series, team, number, car_class)


def _patch_meetings(conn: Connection, season: Season, ids: set[int]) -> None:
    for meeting_id in ids:
        season.meetings.pop(meeting_id, None)
        for session_id in [k for k, s in season.sessions.items() if s.meeting_id == meeting_id]:
            del season.sessions[session_id]
    for mid, series, rnd, name, circuit, start, end, cancelled in conn.execute(
        select(
            MeetingRow.id, SeriesRow.name, MeetingRow.round, MeetingRow.name, CircuitRow.name,
            MeetingRow.start_date, MeetingRow.end_date, MeetingRow.cancelled,
        )
        .join(SeriesRow, MeetingRow.series_id == SeriesRow.id)
        .join(CircuitRow, MeetingRow.circuit_id == CircuitRow.id)
        .where(MeetingRow.id.in_(ids))
    ):
        season.meetings[mid] = Meeting(
            mid, series, rnd, name, season.circuits[circuit], start, end, bool(cancelled)
        )
    _patch_sessions(conn, season, set(), meeting_ids=ids)


def _patch_sessions(
    conn: Connection, season: Season, ids: set[int], meeting_ids: set[int] | None = None
) -> None:
    for session_id in ids:
        season.sessions.pop(session_id, None)
    where = SessionRow.id.in_(ids) if meeting_ids is None else SessionRow.meeting_id.in_(
        meeting_ids
    )
    for row in conn.execute(
        select(SessionRow.id, SessionRow.meeting_id, SessionRow.name, SessionRow.start,
               SessionRow.end).where(where)
    ):
        season.sessions[row[0]] = Session(*row)
