"""What the edit dialogs need, without Qt: row lists, choices, and validation of entered values.

:func:`problems` returns a message per field for values a dialog must refuse (end before start,
unknown zone, duplicate name, ...); :func:`checked` raises them as one PaddockError, so nothing
is written from bad input whichever way it comes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.rounds import parse_rounds
from paddock_desk.services import lineup_edits
from paddock_desk.services.edits_rows import WHAT, table
from paddock_desk.services.row_rules import field_problems
from paddock_desk.store.database import Database
from paddock_desk.store.schema import (
    CarRow,
    CircuitRow,
    DriverRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    TeamRow,
)
from paddock_desk.store.transactions import read_snapshot

NAMED_KINDS = ("circuits", "series", "teams", "drivers")
CATEGORIES = ("", "Platinum", "Gold", "Silver", "Bronze")


def row_labels(db: Database, kind: str) -> list[tuple[int, str]]:
    """(id, label) of every row of a kind, in the order a list shows them."""
    with db.session() as session:
        return sorted(_labels(session, kind), key=lambda pair: pair[1].casefold())


@dataclass(frozen=True)
class ListedRow:
    """One row as an entry list shows it: its label, and its version and columns as read.

    A delete from the list names ``version``, so a row someone else saved since is refused; the
    refusal sets ``values`` (what the list showed) beside theirs.
    """

    id: int
    label: str
    version: int
    values: dict[str, Any]


def listed_rows(db: Database, kind: str) -> list[ListedRow]:
    """Every row of a kind as a list shows it, labels and versions from one read snapshot."""
    t = table(kind)
    with read_snapshot(db.engine) as conn, Session(bind=conn) as session:
        rows = {int(r["id"]): dict(r) for r in session.execute(select(t)).mappings()}
        labels = sorted(_labels(session, kind), key=lambda pair: pair[1].casefold())
    return [ListedRow(i, label, int(rows[i]["version"]), rows[i])
            for i, label in labels if i in rows]


def _labels(session: Session, kind: str) -> list[tuple[int, str]]:
    if kind in NAMED_KINDS:
        t = table(kind)
        return [(i, n) for i, n in session.execute(select(t.c.id, t.c.name))]
    if kind == "meetings":
        rows = session.execute(
            select(MeetingRow.id, SeriesRow.name, MeetingRow.round, MeetingRow.name,
                   MeetingRow.start_date).join(SeriesRow)
        )
        return [(i, f"{s} {r}: {n} ({d:%Y-%m-%d})") for i, s, r, n, d in rows]
    if kind == "sessions":
        sessions = session.execute(
            select(SessionRow.id, SeriesRow.name, MeetingRow.round, SessionRow.name)
            .join(MeetingRow, SessionRow.meeting_id == MeetingRow.id).join(SeriesRow)
        )
        return [(i, f"{s} {r}: {n}") for i, s, r, n in sessions]
    if kind == "cars":
        cars = session.execute(
            select(CarRow.id, SeriesRow.name, TeamRow.name, CarRow.number)
            .join(SeriesRow).join(TeamRow)
        )
        return [(i, f"{t} #{n} ({s})") for i, s, t, n in cars]
    if kind == "lineups":
        return _lineup_labels(session)
    if kind in lineup_edits.KINDS:
        return lineup_edits.labels(session, kind)
    return _unavailability_labels(session)


def _lineup_labels(session: Session) -> list[tuple[int, str]]:
    lineups = table("lineups")
    cars = dict(_labels(session, "cars"))
    drivers = {i: n for i, n in session.execute(select(DriverRow.id, DriverRow.name))}
    return [
        (i, f"{drivers.get(d, '?')} in {cars.get(c, '?')}: " + (
            f"rounds {r.replace(';', ', ')}" if r else "every round"))
        for i, d, c, r in session.execute(
            select(lineups.c.id, lineups.c.driver_id, lineups.c.car_id, lineups.c.rounds)
        )
    ]


def _unavailability_labels(session: Session) -> list[tuple[int, str]]:
    t = table("unavailability")
    drivers = {i: n for i, n in session.execute(select(DriverRow.id, DriverRow.name))}
    return [
        (i, f"{drivers.get(d, '?')}: {a:%Y-%m-%d} to {b:%Y-%m-%d} {why}".rstrip())
        for i, d, a, b, why in session.execute(
            select(t.c.id, t.c.driver_id, t.c.start_date, t.c.end_date, t.c.reason)
        )
    ]


def choices(db: Database, kind: str) -> list[tuple[int, str]]:
    """(id, label) of the rows a field referring to ``kind`` can choose from."""
    return row_labels(db, kind)


def meeting_zone(db: Database, meeting_id: int) -> str:
    """The IANA zone of a meeting's circuit (session times are entered in it)."""
    with db.session() as session:
        tz = session.scalar(
            select(CircuitRow.tz).join(MeetingRow, MeetingRow.circuit_id == CircuitRow.id)
            .where(MeetingRow.id == meeting_id)
        )
    return tz or "UTC"


def read_values(db: Database, kind: str, row_id: int) -> dict[str, Any] | None:
    from paddock_desk.services.edits_rows import read_row

    with db.session() as session:
        return read_row(session, kind, row_id)


# ---- validation -------------------------------------------------------------------------


def problems(
    db: Database, kind: str, values: dict[str, Any], row_id: int | None = None
) -> dict[str, str]:
    """A message per field whose value cannot be saved; empty when all is well."""
    found: dict[str, str] = lineup_edits.problems(kind, values)
    found.update(field_problems(values))
    with db.session() as session:
        duplicate = _duplicate(session, kind, values, row_id)
        if kind == "lineups" and "rounds" not in found:
            unknown = _unknown_rounds(session, values)
            if unknown:
                found["rounds"] = unknown
    if duplicate and duplicate[0] not in found:
        found[duplicate[0]] = duplicate[1]
    return found


def checked(
    db: Database, kind: str, values: dict[str, Any], row_id: int | None = None
) -> dict[str, Any]:
    """``values`` when they can be saved; otherwise PaddockError listing every problem."""
    found = problems(db, kind, values, row_id)
    if found:
        raise PaddockError(f"The {WHAT[kind]} was not saved: " + "; ".join(found.values()))
    return values


def _unknown_rounds(session: Session, values: dict[str, Any]) -> str | None:
    """A message when a line-up names rounds its car's series does not have."""
    rounds = parse_rounds(values.get("rounds"))
    car = session.get(CarRow, values.get("car_id")) if values.get("car_id") else None
    if rounds is None or car is None:
        return None
    known = set(session.scalars(select(MeetingRow.round).where(
        MeetingRow.series_id == car.series_id)))
    missing = sorted(rounds - known)
    if not missing:
        return None
    return (f"{car.series.name} has no round {', '.join(missing)}; its rounds: "
            f"{', '.join(sorted(known)) or 'none'}.")


UNIQUE: dict[str, tuple[tuple[str, ...], str]] = {
    "meetings": (("series_id", "round"), "round"),
    "sessions": (("meeting_id", "name"), "name"),
    "cars": (("series_id", "team_id", "number"), "number"),
    "lineups": (("driver_id", "car_id"), "car_id"),
    "unavailability": (("driver_id", "start_date", "end_date"), "end_date"),
    **lineup_edits.UNIQUE,
}


def _duplicate(
    session: Session, kind: str, values: dict[str, Any], row_id: int | None
) -> tuple[str, str] | None:
    """(field, message) when another row already has these identifying values."""
    t = table(kind)
    if kind in NAMED_KINDS:
        name = str(values.get("name") or "").strip()
        if not name:
            return None
        query = select(t.c.id).where(func.lower(t.c.name) == name.lower())
        if row_id is not None:
            query = query.where(t.c.id != row_id)
        if session.scalar(query) is not None:
            return "name", f'There is already a {WHAT[kind]} named "{name}".'
        return None
    columns, where = UNIQUE.get(kind, ((), ""))
    if not columns or any(values.get(c) is None for c in columns):
        return None
    query = select(t.c.id).where(*(t.c[c] == values[c] for c in columns))
    if row_id is not None:
        query = query.where(t.c.id != row_id)
    if session.scalar(query) is not None:
        return where, f"This {WHAT[kind]} already exists."
    return None
