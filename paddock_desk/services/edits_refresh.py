"""Bringing a loaded Season up to date after an edit, reading only the rows it touched."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.engine import Connection

from paddock_desk.domain.model import Season
from paddock_desk.services.editing import ChangeKind, ChangeSet
from paddock_desk.store import season_loader as rows
from paddock_desk.store.schema import (
    CarRow,
    DriverRow,
    LineupRow,
    MeetingRow,
    SessionRow,
    UnavailabilityRow,
)


def patch_drivers(conn: Connection, season: Season, driver_ids: Iterable[int]) -> None:
    """Re-read the line-ups and unavailability of ``driver_ids`` into ``season``."""
    ids = set(driver_ids)
    if not ids:
        return
    for key in [k for k, a in season.assignments.items() if a.driver_id in ids]:
        del season.assignments[key]
    for key in [k for k, u in season.unavailability.items() if u.driver_id in ids]:
        del season.unavailability[key]
    for lineup in rows.read_assignments(conn, LineupRow.driver_id.in_(ids)):
        season.assignments[lineup.id] = lineup
    for block in rows.read_unavailability(conn, UnavailabilityRow.driver_id.in_(ids)):
        season.unavailability[block.id] = block


PATCHABLE = frozenset({
    ChangeKind.LINEUPS, ChangeKind.UNAVAILABILITY, ChangeKind.MEETINGS, ChangeKind.SESSIONS,
    ChangeKind.DRIVERS, ChangeKind.CARS,
})
"""Kinds whose changed rows can be read one by one into a loaded Season (others: reload)."""


def patch_rows(conn: Connection, season: Season, change: ChangeSet) -> bool:
    """Re-read the rows ``change`` names into ``season``; False when a full reload is needed."""
    if change.all_drivers or not change.kinds <= PATCHABLE:
        return False
    _patch_drivers_table(conn, season, change.ids_of(ChangeKind.DRIVERS))
    _patch_cars(conn, season, change.ids_of(ChangeKind.CARS))
    _patch_meetings(conn, season, change.ids_of(ChangeKind.MEETINGS))
    _patch_sessions(conn, season, change.ids_of(ChangeKind.SESSIONS))
    patch_drivers(conn, season, change.driver_ids)
    return True


def _patch_drivers_table(conn: Connection, season: Season, ids: frozenset[int]) -> None:
    for driver_id in ids:
        season.drivers.pop(driver_id, None)
    for driver in rows.read_drivers(conn, DriverRow.id.in_(ids)):
        season.drivers[driver.id] = driver


def _patch_cars(conn: Connection, season: Season, ids: frozenset[int]) -> None:
    for car_id in ids:
        season.cars.pop(car_id, None)
    for car in rows.read_cars(conn, CarRow.id.in_(ids)):
        season.cars[car.id] = car


def _patch_meetings(conn: Connection, season: Season, ids: frozenset[int]) -> None:
    for meeting_id in ids:
        season.meetings.pop(meeting_id, None)
        for session_id in [k for k, s in season.sessions.items() if s.meeting_id == meeting_id]:
            del season.sessions[session_id]
    for meeting in rows.read_meetings(conn, season.circuits, MeetingRow.id.in_(ids)):
        season.meetings[meeting.id] = meeting
    for session in rows.read_sessions(conn, SessionRow.meeting_id.in_(ids)):
        season.sessions[session.id] = session


def _patch_sessions(conn: Connection, season: Season, ids: frozenset[int]) -> None:
    for session_id in ids:
        season.sessions.pop(session_id, None)
    for session in rows.read_sessions(conn, SessionRow.id.in_(ids)):
        season.sessions[session.id] = session
