"""``show`` and ``set``: one row named by its CSV keys, read or changed from the command line.

``set`` finds the row, reads the values and writes them in one transaction; with ``if_version``
the UPDATE names that version, so of two ``set`` commands racing from one version exactly one
saves, and the other is refused with the row as it is now (:class:`StaleEditError`). The whole
row is validated as saved, in the same transaction.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.names import closest
from paddock_desk.services.editing import StaleEditError, edit_session
from paddock_desk.services.edits_rows import UpdateRow
from paddock_desk.services.row_kinds import (
    Field,
    Kind,
    RowContext,
    check_keys,
    kind_named,
    parse_assignments,
)
from paddock_desk.services.row_rules import InvalidRowError
from paddock_desk.store.database import Database
from paddock_desk.store.schema import (
    Base,
    CarRow,
    CircuitRow,
    DriverRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    TeamRow,
)
from paddock_desk.store.versioned import read_row

NAMED: dict[str, type[CircuitRow | SeriesRow | DriverRow | TeamRow]] = {
    "circuit": CircuitRow, "series": SeriesRow, "driver": DriverRow, "team": TeamRow,
}


def show_row(db: Database, kind_name: str, keys: list[str]) -> dict[str, Any]:
    """The row's fields under their CSV names, plus its ``version``."""
    kind = kind_named(kind_name)
    check_keys(kind, keys)
    with db.session() as session:
        row_id, _ctx = find(session, kind, keys)
        return describe(session, kind, row_id)


def set_row(
    db: Database, kind_name: str, keys: list[str], pairs: list[str], if_version: int | None
) -> int:
    """Save FIELD=VALUE ``pairs`` into the row; its new version. PaddockError when refused."""
    kind = kind_named(kind_name)
    check_keys(kind, keys)
    fields = parse_assignments(kind, pairs)
    label = row_label(kind, keys)
    try:
        with edit_session(db, kind.name) as session:
            row_id, ctx = find(session, kind, keys)
            edit = UpdateRow(kind.table, row_id, None, _values(session, kind, fields, ctx, label),
                             version=if_version)
            edit.apply_in(session)
    except StaleEditError as exc:
        raise PaddockError(_stale_message(db, kind, keys, label, exc)) from exc
    except InvalidRowError as exc:
        raise PaddockError(_invalid_message(kind, label, exc)) from exc
    assert edit.version is not None
    return edit.version


def row_label(kind: Kind, keys: list[str]) -> str:
    """The row in words: meeting 'European Le Mans Series' round 1."""
    if kind.name == "meeting":
        return f"meeting '{keys[0]}' round {keys[1]}"
    if kind.name == "session":
        return f"session '{keys[2]}' of '{keys[0]}' round {keys[1]}"
    if kind.name == "car":
        return f"car {keys[2]} of {keys[1]} in '{keys[0]}'"
    return f"{kind.name} '{keys[0]}'"


def _values(
    session: Session, kind: Kind, fields: dict[Field, str], ctx: RowContext, label: str
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for field, text in fields.items():
        try:
            values[field.column] = (
                field.read(text, ctx) if field.read is not None else _circuit_id(session, text)
            )
        except ValueError as exc:
            problems.append(f"{field.name}: {exc}")
    if problems:
        raise PaddockError(f"The {label} was not saved: " + "; ".join(problems))
    return values


def _circuit_id(session: Session, name: str) -> int:
    found = session.scalar(select(CircuitRow.id).where(CircuitRow.name == name.strip()))
    if found is None:
        raise ValueError(_unknown("circuit", name, session.scalars(select(CircuitRow.name))))
    return int(found)


# ---- finding rows by their keys ---------------------------------------------------------------


def _unknown(what: str, name: str, known: Any, where: str = "") -> str:
    near = closest(name, list(known))
    return f"there is no {what} '{name}'{where}" + (f"; did you mean '{near}'?" if near else "")


def _named(session: Session, what: str, name: str) -> int:
    row = NAMED[what]
    found = session.scalar(select(row.id).where(row.name == name))
    if found is None:
        raise PaddockError(_unknown(what, name, session.scalars(select(row.name))))
    return int(found)


def _meeting(session: Session, series: str, round_label: str) -> tuple[int, str]:
    """The meeting's id and its circuit's zone."""
    series_id = _named(session, "series", series)
    found = session.execute(
        select(MeetingRow.id, CircuitRow.tz).join(CircuitRow)
        .where(MeetingRow.series_id == series_id, MeetingRow.round == round_label)
    ).one_or_none()
    if found is None:
        rounds = sorted(session.scalars(
            select(MeetingRow.round).where(MeetingRow.series_id == series_id)))
        listed = ", ".join(rounds) or "none"
        raise PaddockError(f"series '{series}' has no round '{round_label}' (rounds: {listed})")
    return int(found[0]), str(found[1])


def find(session: Session, kind: Kind, keys: list[str]) -> tuple[int, RowContext]:
    """The id of the row ``keys`` name, and the context its fields are read in."""
    if kind.name in NAMED:
        return _named(session, kind.name, keys[0]), RowContext()
    if kind.name == "meeting":
        meeting_id, tz = _meeting(session, keys[0], keys[1])
        return meeting_id, RowContext(tz)
    if kind.name == "session":
        meeting_id, tz = _meeting(session, keys[0], keys[1])
        found = session.scalar(select(SessionRow.id).where(
            SessionRow.meeting_id == meeting_id, SessionRow.name == keys[2]))
        if found is None:
            names = session.scalars(select(SessionRow.name).where(
                SessionRow.meeting_id == meeting_id))
            where = f" of '{keys[0]}' round {keys[1]}"
            raise PaddockError(_unknown("session", keys[2], names, where))
        return int(found), RowContext(tz)
    return _car(session, keys), RowContext()


def _car(session: Session, keys: list[str]) -> int:
    series_id = _named(session, "series", keys[0])
    team_id = _named(session, "team", keys[1])
    found = session.scalar(select(CarRow.id).where(
        CarRow.series_id == series_id, CarRow.team_id == team_id, CarRow.number == keys[2]))
    if found is None:
        numbers = sorted(session.scalars(select(CarRow.number).where(
            CarRow.series_id == series_id, CarRow.team_id == team_id)))
        raise PaddockError(f"{keys[1]} has no car {keys[2]} in '{keys[0]}' "
                           f"(its cars there: {', '.join(numbers) or 'none'})")
    return int(found)


# ---- showing rows -----------------------------------------------------------------------------


def describe(session: Session, kind: Kind, row_id: int) -> dict[str, Any]:
    """The row's fields under their CSV names (JSON values), plus ``version``."""
    row = read_row(session, Base.metadata.tables[kind.table], row_id)
    if row is None:
        raise PaddockError(f"the {kind.name} was deleted meanwhile")
    names, ctx = _names(session, kind, row)
    shown: dict[str, Any] = {}
    for field in kind.fields:
        if field.name in names:
            shown[field.name] = names[field.name]
            continue
        value = row[field.column]
        shown[field.name] = None if value is None else field.show(value, ctx)
    shown["version"] = int(row["version"])
    return shown


def _names(
    session: Session, kind: Kind, row: dict[str, Any]
) -> tuple[dict[str, str], RowContext]:
    """The names behind a row's links (its series, team, circuit), and its zone."""
    meeting_id = row.get("id") if kind.name == "meeting" else row.get("meeting_id")
    if kind.name in ("meeting", "session"):
        found = session.execute(
            select(SeriesRow.name, MeetingRow.round, CircuitRow.name, CircuitRow.tz)
            .select_from(MeetingRow).join(SeriesRow).join(CircuitRow)
            .where(MeetingRow.id == meeting_id)
        ).one()
        names = {"series": found[0], "round": found[1], "circuit": found[2]}
        return names, RowContext(found[3])
    if kind.name == "car":
        series = session.scalar(select(SeriesRow.name).where(SeriesRow.id == row["series_id"]))
        team = session.scalar(select(TeamRow.name).where(TeamRow.id == row["team_id"]))
        return {"series": str(series), "team": str(team)}, RowContext()
    return {}, RowContext()


def listing(shown: dict[str, Any]) -> str:
    """A row as ``show`` prints it without --json: one field a line."""
    width = max(len(k) for k in shown)
    return "\n".join(
        f"{name.ljust(width)}  {'' if value is None else value}" for name, value in shown.items()
    )


def _fields_text(shown: dict[str, Any]) -> str:
    return ", ".join(f"{k}={'' if v is None else v}" for k, v in shown.items() if k != "version")


def _stale_message(
    db: Database, kind: Kind, keys: list[str], label: str, exc: StaleEditError
) -> str:
    if exc.theirs is None:
        return (f"The {label} was deleted by someone else since version {exc.seen}; "
                "nothing was saved.")
    with db.session() as session:
        now = describe(session, kind, find(session, kind, keys)[0])
    return (
        f"The {label} was changed by someone else since version {exc.seen}; nothing was "
        f"saved. It is now at version {now['version']}: {_fields_text(now)}. "
        f"Check it, then set again with --if-version {now['version']}."
    )


def _invalid_message(kind: Kind, label: str, exc: InvalidRowError) -> str:
    columns = {f.column: f.name for f in kind.fields}
    problems = "; ".join(
        f"{columns.get(column, column)}: {message[:1].lower()}{message[1:].rstrip('.')}"
        for column, message in exc.problems.items()
    )
    shown = ", ".join(
        f"{columns[c]}={exc.row[c].isoformat() if hasattr(exc.row[c], 'isoformat') else exc.row[c]}"
        for c in ("start_date", "end_date", "start", "end") if c in exc.row and c in columns
    )
    return (f"The {label} was not saved: as saved it would not be valid ({problems}"
            + (f"; {shown}" if shown else "") + ").")
