"""Bringing a loaded Season up to date after an edit, reading only the touched drivers' rows."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from paddock_desk.domain.model import Assignment, Season, Unavailability
from paddock_desk.store.schema import LineupRow, UnavailabilityRow
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
