"""Rules every saved row keeps, checked field by field and on the whole row as saved.

:func:`field_problems` checks values a person entered (a dialog shows each message beside its
field); :func:`require_valid` checks a row as it stands after a save, inside the saving
transaction, so that two saves that are each valid cannot combine into a row that is not (one
moves a meeting's start, the other its end). The database holds the same rules it can as CHECK
constraints (:data:`CONSTRAINTS` words their refusals).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from dateutil.rrule import rrulestr
from sqlalchemy.orm import Session

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.place_zones import place_zone_names
from paddock_desk.domain.text_rules import field_problems as text_field_problems
from paddock_desk.store.schema import Base
from paddock_desk.store.versioned import read_row

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

CONSTRAINTS = {
    "ck_circuits_lat_range": "the latitude must be from -90 to 90",
    "ck_circuits_lon_range": "the longitude must be from -180 to 180",
    "ck_series_arrival_days": "the arrival days must be 0 or more",
    "ck_meetings_end_after_start": "the last day is before the first",
    "ck_sessions_end_after_start": "the end is before the start",
    "ck_sessions_status": "the status must be scheduled or cancelled",
    "ck_unavailability_end_after_start": "the last day is before the first",
}
"""What each CHECK constraint of the schema refuses, in words."""

FIELD_WORDS = {"start_date": "first day", "end_date": "last day", "tz": "time zone",
               "home_tz": "home time zone", "lat": "latitude", "lon": "longitude",
               "arrival_days": "arrival days", "rrule": "repeat rule"}


class InvalidRowError(PaddockError):
    """A row would be saved breaking a rule; ``problems`` maps each field to its message."""

    def __init__(self, message: str, problems: dict[str, str], row: dict[str, Any]) -> None:
        super().__init__(message)
        self.problems = problems
        self.row = row


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA place zone (and UTC), sorted: the zones a circuit or driver may have."""
    return tuple(sorted(place_zone_names()))


def require_valid(session: Session, kind: str, row_id: int, what: str) -> None:
    """Refuse (InvalidRowError) when row ``row_id`` of ``kind``, as saved, breaks a rule."""
    row = read_row(session, Base.metadata.tables[kind], row_id)
    if row is not None:
        require_valid_values(kind, row, what)


def require_valid_values(kind: str, row: dict[str, Any], what: str) -> None:
    """Refuse (InvalidRowError) a whole row of ``kind`` that breaks a rule."""
    found = field_problems(row)
    if found:
        listed = "; ".join(f"{FIELD_WORDS.get(k, k)}: {m}" for k, m in found.items())
        raise InvalidRowError(
            f"The {what} was not saved, it would not be valid: {listed}", found, row)


def constraint_message(error: str) -> str | None:
    """The words for the CHECK constraint a database error names, or None."""
    return next((words for name, words in CONSTRAINTS.items() if name in error), None)


def field_problems(values: dict[str, Any]) -> dict[str, str]:
    """A message per field of ``values`` that breaks a rule of its own (text hygiene first)."""
    found: dict[str, str] = text_field_problems(values)
    for key in ("name", "round", "number"):
        if key in values and not str(values[key] or "").strip():
            found[key] = "Required."
    for key in ("tz", "home_tz"):
        zone = values.get(key)
        if zone and zone not in zone_names():
            found[key] = f'Unknown time zone "{zone}": choose an IANA zone such as Europe/Paris.'
    if key_missing(values, "tz"):
        found["tz"] = "Required: the circuit's IANA time zone."
    _check_span(values, "start_date", "end_date", found)
    _check_span(values, "start", "end", found)
    for key, low, high in (("lat", -90.0, 90.0), ("lon", -180.0, 180.0)):
        if key in values and not _within(values[key], low, high):
            found[key] = f"A number from {low:g} to {high:g}."
    colour = values.get("colour")
    if colour and not COLOUR.match(colour):
        found["colour"] = "A colour as #rrggbb, or empty."
    if "arrival_days" in values and not (
        isinstance(values["arrival_days"], int) and values["arrival_days"] >= 0
    ):
        found["arrival_days"] = "A whole number of days, 0 or more."
    for key in ("series_id", "circuit_id", "team_id", "driver_id", "car_id", "meeting_id"):
        if key in values and values[key] is None:
            found[key] = "Required."
    _check_rule(values, found)
    return found


def key_missing(values: dict[str, Any], key: str) -> bool:
    return key in values and not values[key]


def _within(value: Any, low: float, high: float) -> bool:
    return isinstance(value, int | float) and low <= value <= high


def _check_span(values: dict[str, Any], first: str, last: str, found: dict[str, str]) -> None:
    start, end = values.get(first), values.get(last)
    if start is None or end is None or not isinstance(start, date | datetime):
        return
    if end < start:
        found[last] = "The end is before the start."


def _check_rule(values: dict[str, Any], found: dict[str, str]) -> None:
    rule = values.get("rrule")
    if not rule:
        return
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1))  # noqa: DTZ001 - only the syntax matters
    except (ValueError, TypeError) as exc:
        found["rrule"] = f"Not a repeat rule (RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU): {exc}"


