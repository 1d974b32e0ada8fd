"""Reading the values of CSV fields; each reader raises ValueError with the reason in plain words.

The message starts with the value itself, so that "events.csv, line 7, column start_date: " can
go before it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from paddock_desk.domain.place_zones import place_zone_names
from paddock_desk.domain.recurrence import RuleError, check_rule
from paddock_desk.interop.names import Suggestions

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_WHOLE = re.compile(r"\d+")
STATUSES = {"scheduled": False, "cancelled": True, "canceled": True}
CATEGORIES = ("Platinum", "Gold", "Silver", "Bronze")
MAX_ARRIVAL_DAYS = 60


def parse_date(text: str) -> date:
    """An ISO date, YYYY-MM-DD."""
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"'{text}' is not a date (write YYYY-MM-DD)")


def parse_number(text: str, low: float, high: float) -> float:
    """A decimal number from ``low`` to ``high``."""
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"'{text}' is not a number (write it like 43.7347, with a point)")
    value = float(text)
    if not low <= value <= high:
        raise ValueError(f"'{text}' is out of range ({low:g} to {high:g})")
    return value


def parse_latitude(text: str) -> float:
    return parse_number(text, -90.0, 90.0)


def parse_longitude(text: str) -> float:
    return parse_number(text, -180.0, 180.0)


@cache
def _zone_names() -> Suggestions:
    return Suggestions(sorted(place_zone_names()))


@cache
def parse_zone(text: str) -> str:
    """An IANA time zone name of a place such as Europe/Paris, or UTC (see place_zones)."""
    try:
        if text in place_zone_names():
            ZoneInfo(text)
            return text
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    message = f"'{text}' is not an IANA time zone of a place (such as Europe/Paris, or UTC)"
    suggestion = _zone_names().closest(text)
    if suggestion:
        message += f"; did you mean '{suggestion}'?"
    raise ValueError(message)


def parse_optional_zone(text: str) -> str | None:
    return parse_zone(text) if text else None


def parse_colour(text: str) -> str | None:
    """A colour #rrggbb (stored in lower case), or None when empty."""
    if not text:
        return None
    if not _COLOUR.fullmatch(text):
        raise ValueError(f"'{text}' is not a colour (write #rrggbb, such as #d7263d)")
    return text.lower()


def parse_arrival_days(text: str) -> int:
    """A whole number of days >= 0; empty is 0."""
    if not text:
        return 0
    if not _WHOLE.fullmatch(text):
        raise ValueError(f"'{text}' is not a whole number of days, 0 or more")
    if int(text) > MAX_ARRIVAL_DAYS:
        raise ValueError(f"'{text}' is more than {MAX_ARRIVAL_DAYS} days")
    return int(text)


def parse_status(text: str) -> bool:
    """Whether a meeting is cancelled: status 'scheduled' (or empty) or 'cancelled'."""
    if not text:
        return False
    try:
        return STATUSES[text.lower()]
    except KeyError:
        raise ValueError(f"'{text}' is not a status (write scheduled or cancelled)") from None


def parse_session_status(text: str) -> str:
    """A session's status as stored: 'scheduled' (also for empty) or 'cancelled'."""
    return "cancelled" if parse_status(text) else "scheduled"


def parse_category(text: str) -> str | None:
    """An FIA driver category, or None when empty."""
    if not text:
        return None
    for category in CATEGORIES:
        if category.lower() == text.lower():
            return category
    closest = Suggestions(CATEGORIES).closest(text, 0.0)
    raise ValueError(
        f"'{text}' is not an FIA category; did you mean '{closest}'? "
        f"(write {', '.join(CATEGORIES)})"
    )


def parse_instant(text: str, tz: str) -> datetime:
    """A date and time, local to ``tz`` unless it carries an offset, as a UTC instant."""
    hint = "write YYYY-MM-DDTHH:MM, local to the circuit or with an offset such as +02:00"
    try:
        value = datetime.fromisoformat(text) if len(text) > 10 else None
    except ValueError:
        value = None
    if value is None:
        raise ValueError(f"'{text}' is not a date and time ({hint})")
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tz))
        back = value.astimezone(UTC).astimezone(value.tzinfo)
        if back.replace(tzinfo=None) != value.replace(tzinfo=None):
            raise ValueError(f"'{text}' does not exist in {tz} (the clocks skip it)")
    return value.astimezone(UTC)


def parse_rrule(text: str) -> str | None:
    """An RFC 5545 RRULE value such as FREQ=WEEKLY;BYDAY=TU (an 'RRULE:' prefix is dropped)."""
    if not text:
        return None
    value = text.removeprefix("RRULE:").removeprefix("rrule:").strip()
    if len(value) > 300:
        raise ValueError("is longer than 300 characters")
    try:
        if "\n" not in value and ":" not in value:
            check_rule(value)
            return value
    except RuleError:
        pass
    raise ValueError(f"'{text}' is not a repeat rule (write a value such as FREQ=WEEKLY;BYDAY=TU)")


def parse_round(text: str) -> str:
    """A round label: any text without ';' (which separates rounds in a roster)."""
    if ";" in text:
        raise ValueError(f"'{text}' is not a round label (a round has no ';')")
    if len(text) > 40:
        raise ValueError("is longer than 40 characters")
    return text
