"""The kinds of row that ``show`` and ``set`` name, with their CSV keys and fields (DESIGN.md).

A kind is named as in the CSV files: ``circuit NAME``, ``series NAME``, ``driver NAME``, ``team
NAME``, ``meeting SERIES ROUND``, ``session SERIES ROUND NAME``, ``car SERIES TEAM NUMBER``. Its
fields carry their CSV column names; a value is read by the CSV importer's own readers
(:mod:`paddock_desk.interop.csv_values`), so ``set`` accepts exactly what an import accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop import csv_values as v


class UsageError(PaddockError):
    """The command names no kind, key or field that exists (exit status 2)."""


@dataclass(frozen=True)
class RowContext:
    """What reading or writing a field needs besides its text: the circuit's zone."""

    tz: str = "UTC"


Reader = Callable[[str, RowContext], Any]
Writer = Callable[[Any, RowContext], Any]


@dataclass(frozen=True)
class Field:
    """A CSV column of a kind: the database column it is, and how it is read and shown."""

    name: str
    column: str
    read: Reader | None = None
    """None for a key (shown, not set here) and for fields set by name (a meeting's circuit)."""
    show: Writer = lambda value, _ctx: value


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    keys: tuple[str, ...]
    fields: tuple[Field, ...]

    @property
    def usage(self) -> str:
        return f"{self.name} {' '.join(k.upper() for k in self.keys)}"

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name.strip().lower()), None)

    def settable(self) -> list[str]:
        return [f.name for f in self.fields if f.name not in self.keys]


def text(limit: int, *, required: bool = False) -> Reader:
    """Text of at most ``limit`` characters (required: not empty)."""

    def read(value: str, _ctx: RowContext) -> str:
        value = value.strip()
        if required and not value:
            raise ValueError("is empty; it is required")
        if len(value) > limit:
            raise ValueError(f"is longer than {limit} characters")
        return value

    return read


def optional(limit: int) -> Reader:
    def read(value: str, ctx: RowContext) -> str | None:
        return text(limit)(value, ctx) or None

    return read


def plain(reader: Callable[[str], Any]) -> Reader:
    """A CSV reader that needs no context."""
    return lambda value, _ctx: reader(value.strip())


def _instant(value: str, ctx: RowContext) -> datetime:
    return v.parse_instant(value.strip(), ctx.tz)


def _show_instant(value: Any, ctx: RowContext) -> str:
    assert isinstance(value, datetime)
    return value.astimezone(ZoneInfo(ctx.tz)).isoformat()


def _show_date(value: Any, _ctx: RowContext) -> str:
    assert isinstance(value, date)
    return value.isoformat()


def _show_status(value: Any, _ctx: RowContext) -> str:
    return "cancelled" if value else "scheduled"


def key(name: str, column: str = "") -> Field:
    return Field(name, column or name)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("circuit", "circuits", ("circuit",), (
        key("circuit", "name"),
        Field("country", "country", text(8)),
        Field("lat", "lat", plain(v.parse_latitude)),
        Field("lon", "lon", plain(v.parse_longitude)),
        Field("tz", "tz", plain(v.parse_zone)),
    )),
    Kind("series", "series", ("series",), (
        key("series", "name"),
        Field("colour", "colour", plain(v.parse_colour)),
        Field("arrival_days", "arrival_days", plain(v.parse_arrival_days)),
    )),
    Kind("driver", "drivers", ("driver",), (
        key("driver", "name"),
        Field("nationality", "nationality", text(8)),
        Field("home_tz", "home_tz", plain(v.parse_optional_zone)),
        Field("category", "category", plain(v.parse_category)),
    )),
    Kind("team", "teams", ("team",), (key("team", "name"),)),
    Kind("meeting", "meetings", ("series", "round"), (
        key("series", "series_id"),
        key("round"),
        Field("event_name", "name", text(300, required=True)),
        Field("circuit", "circuit_id"),
        Field("start_date", "start_date", plain(v.parse_date), _show_date),
        Field("end_date", "end_date", plain(v.parse_date), _show_date),
        Field("status", "cancelled", plain(v.parse_status), _show_status),
    )),
    Kind("session", "sessions", ("series", "round", "session"), (
        key("series"),
        key("round"),
        key("session", "name"),
        Field("start", "start", _instant, _show_instant),
        Field("end", "end", _instant, _show_instant),
        Field("status", "status", plain(v.parse_session_status)),
    )),
    Kind("car", "cars", ("series", "team", "car"), (
        key("series", "series_id"),
        key("team", "team_id"),
        key("car", "number"),
        Field("class", "car_class", optional(40)),
    )),
)}
"""Every kind, by the name the command line gives it."""


def kind_named(name: str) -> Kind:
    found = KINDS.get(name.strip().lower())
    if found is None:
        raise UsageError(f"there is no kind of row '{name}'; the kinds: {', '.join(KINDS)}")
    return found


def check_keys(kind: Kind, keys: list[str]) -> None:
    if len(keys) != len(kind.keys):
        names = " ".join(k.upper() for k in kind.keys)
        raise UsageError(f"a {kind.name} is named by {names} "
                         f"({len(kind.keys)} value(s)); {len(keys)} given")


def parse_assignments(kind: Kind, pairs: list[str]) -> dict[Field, str]:
    """FIELD=VALUE pairs as fields of ``kind`` and their texts (UsageError for unknown ones)."""
    from paddock_desk.interop.names import closest

    found: dict[Field, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"'{pair}' is not FIELD=VALUE (e.g. end_date=2018-04-15)")
        field = kind.field(name)
        settable = ", ".join(kind.settable()) or "none"
        if field is None:
            near = closest(name, kind.settable())
            hint = f"did you mean '{near}'? " if near else ""
            raise UsageError(f"a {kind.name} has no field '{name}'; {hint}its fields: {settable}")
        if field.name in kind.keys:
            raise UsageError(f"'{field.name}' names the {kind.name}, it is not set here; "
                             f"its fields: {settable}")
        found[field] = value
    if not found:
        raise UsageError(f"name at least one FIELD=VALUE; the fields of a {kind.name}: "
                         f"{', '.join(kind.settable()) or 'none'}")
    return found
