"""Writing an iCalendar file (RFC 5545) from calendar events, by the rules of DESIGN.md.

Meetings are all-day events over their own dates (DTEND exclusive); sessions are timed events in
the circuit's zone, with a VTIMEZONE of our own for every zone used. UIDs are uuid5 values over
series, year, round and session, so they are the same in every database and every export.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from paddock_desk import __version__
from paddock_desk.domain.model import zone
from paddock_desk.interop.ics_text import (
    ContentWriter,
    escape_text,
    format_date,
    format_duration_minutes,
    format_local,
    format_utc,
    param_value,
)
from paddock_desk.interop.vtimezone import vtimezone

UID_NAMESPACE = uuid.UUID("49aa7194-b8a7-41b2-80a5-28e6638786dd")
"""Fixed for good: changing it would change every UID ever exported."""

PRODID = f"-//Paddock Desk//Paddock Desk {__version__}//EN"


def event_uid(series: str, year: int, round_label: str, session: str = "") -> str:
    """The UID of a meeting (``session`` empty) or of one of its sessions."""
    key = "\x1f".join((series, str(year), round_label, session))
    return str(uuid.uuid5(UID_NAMESPACE, key))


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happens: the circuit's name, position and IANA zone."""

    name: str
    lat: float
    lon: float
    tz: str


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT: all-day over ``days`` (first and last day, inclusive) or timed over ``times``."""

    uid: str
    sequence: int
    summary: str
    place: Place
    category: str
    cancelled: bool = False
    description: str = ""
    days: tuple[date, date] | None = None
    times: tuple[datetime, datetime] | None = None
    alarm_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class CalendarSpec:
    """A whole calendar: its name (whose calendar it is), events, and the DTSTAMP instant;
    ``refresh`` (a DURATION such as "PT1H") how often a subscriber should fetch it again."""

    name: str
    events: Sequence[CalendarEvent]
    stamp: datetime
    description: str = ""
    refresh: str | None = None


def _local_value(instant: datetime, tz: str) -> tuple[str, dict[str, str]]:
    """The DATE-TIME value and parameters of ``instant`` on the wall clock of ``tz``.

    A wall-clock reading that happens twice (when clocks go back) is written in UTC instead:
    RFC 5545 takes the first of the two, but libical takes the second.
    """
    local = instant.astimezone(zone(tz))
    if local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset():
        return format_utc(instant), {}
    return format_local(local), {"tzid": param_value(tz)}


def zone_ranges(events: Iterable[CalendarEvent]) -> dict[str, tuple[date, date]]:
    """For every zone a timed event uses, the first and last local dates it is used on."""
    ranges: dict[str, tuple[date, date]] = {}
    for event in events:
        if event.times is None:
            continue
        tz = event.place.tz
        days = [t.astimezone(zone(tz)).date() for t in event.times]
        lo, hi = ranges.get(tz, (min(days), max(days)))
        ranges[tz] = (min(lo, *days), max(hi, *days))
    return ranges


def _write_when(out: ContentWriter, event: CalendarEvent) -> None:
    if event.days is not None:
        first, last = event.days
        out.line("DTSTART", format_date(first), value="DATE")
        out.line("DTEND", format_date(last + timedelta(days=1)), value="DATE")
        return
    assert event.times is not None
    start, end = event.times
    value, params = _local_value(start, event.place.tz)
    out.line("DTSTART", value, **params)
    if end > start:
        value, params = _local_value(end, event.place.tz)
        out.line("DTEND", value, **params)


def _write_alarm(out: ContentWriter, event: CalendarEvent) -> None:
    assert event.alarm_minutes is not None
    out.begin("VALARM")
    out.line("ACTION", "DISPLAY")
    out.line("TRIGGER", format_duration_minutes(event.alarm_minutes))
    out.text("DESCRIPTION", event.summary)
    out.end("VALARM")


def write_event(out: ContentWriter, event: CalendarEvent, stamp: str) -> None:
    out.begin("VEVENT")
    out.line("UID", event.uid)
    out.line("DTSTAMP", stamp)
    out.line("SEQUENCE", str(event.sequence))
    _write_when(out, event)
    out.text("SUMMARY", event.summary)
    if event.description:
        out.text("DESCRIPTION", event.description)
    out.text("LOCATION", event.place.name)
    out.line("GEO", f"{event.place.lat:.6f};{event.place.lon:.6f}")
    out.line("CATEGORIES", escape_text(event.category))
    out.line("STATUS", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.alarm_minutes is not None:
        _write_alarm(out, event)
    out.end("VEVENT")


def write_calendar(spec: CalendarSpec) -> bytes:
    """The calendar as UTF-8 iCalendar bytes: CRLF lines folded at 75 octets."""
    out = ContentWriter()
    _header(out)
    out.text("NAME", spec.name)
    out.text("X-WR-CALNAME", spec.name)
    if spec.description:
        out.text("DESCRIPTION", spec.description)
        out.text("X-WR-CALDESC", spec.description)
    if spec.refresh:
        out.line("REFRESH-INTERVAL", spec.refresh, value="DURATION")
        out.line("X-PUBLISHED-TTL", spec.refresh)
    body = out.getvalue()
    zones = "".join(
        vtimezone(tz, first, last) for tz, (first, last) in sorted(zone_ranges(spec.events).items())
    )
    events = ContentWriter()
    stamp = format_utc(spec.stamp.astimezone(UTC).replace(microsecond=0))
    for event in spec.events:
        write_event(events, event, stamp)
    return (body + zones + events.getvalue() + "END:VCALENDAR\r\n").encode("utf-8")


def _header(out: ContentWriter) -> None:
    out.begin("VCALENDAR")
    out.line("VERSION", "2.0")
    out.line("PRODID", PRODID)
    out.line("CALSCALE", "GREGORIAN")


def write_resource(event: CalendarEvent, stamp: datetime) -> bytes:
    """One event as a calendar resource of its own (CalDAV): the VEVENT exactly as
    :func:`write_calendar` writes it, with the VTIMEZONE its times use (over its own dates)."""
    out = ContentWriter()
    _header(out)
    zones = "".join(
        vtimezone(tz, first, last) for tz, (first, last) in sorted(zone_ranges([event]).items())
    )
    body = ContentWriter()
    write_event(body, event, format_utc(stamp.astimezone(UTC).replace(microsecond=0)))
    return (out.getvalue() + zones + body.getvalue() + "END:VCALENDAR\r\n").encode("utf-8")
