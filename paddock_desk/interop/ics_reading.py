"""Reading an .ics file into plain event records, tolerant of the quirks of real calendars.

Lines may end in CRLF, LF or CR; names may be lowercase; VERSION may be missing; stray spaces
around lines are dropped. A file is refused (:class:`CalendarRefusedError`) when it is not
iCalendar, is cut short or is not UTF-8; an event without a start, with an impossible date or
with a zone nothing explains is an :class:`EventError` that names its line.

Times are aware datetimes. A floating time (no zone, no Z) is kept as its wall-clock reading
tagged UTC with ``floating`` set, for the import to place in the circuit's zone. An event without
DTEND (or DURATION) lasts one day when it starts on a date and no time when it starts at a time,
as RFC 5545 says; the calendar's warnings say so. A line that cannot be read costs its event only
when the event cannot do without it (its start, end or rule); otherwise it is left out, warned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar.parser import Contentline, Parameters
from icalendar.prop import vDuration

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.text_rules import text_problem
from paddock_desk.interop.ics_zones import ResolvedZone, UnknownZoneError, ZoneResolver

ESSENTIAL = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RECURRENCE-ID"})
"""Properties an event cannot be read without when their line is unreadable."""

_VALUE = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?(Z)?)?", re.IGNORECASE
)
_NEW_LINE = re.compile(
    r"(BEGIN|END):V[A-Z]+|(DTSTART|DTEND|DTSTAMP|UID|SUMMARY|LOCATION|GEO|STATUS|RRULE|EXDATE|"
    r"RECURRENCE-ID|DURATION|TZID|SEQUENCE|CATEGORIES)[;:].*",
    re.IGNORECASE,
)


_UNQUOTED_OFFSET = re.compile(r"(;TZID=)([^\";:]*[+-]\d{1,2}:\d{2})(?=[;:])", re.IGNORECASE)
_APPLE_GEO = re.compile(r"geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)", re.IGNORECASE)


class CalendarRefusedError(PaddockError):
    """A file nobody can read as a calendar; the message names the file and line."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path.name}, line {line}: {reason}")
        self.line = line
        self.reason = reason


class EventError(ValueError):
    """One event that cannot be imported, with the line that says why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Prop:
    line: int
    name: str
    params: Parameters
    value: str


@dataclass(frozen=True)
class Moment:
    """A DTSTART/DTEND value: a date, or an aware datetime (floating ones tagged UTC)."""

    value: date | datetime
    floating: bool = False
    zone: ResolvedZone | None = None


@dataclass(frozen=True)
class EventRecord:
    """One VEVENT, or one occurrence of a recurring one. ``end`` is exclusive."""

    line: int
    uid: str | None
    summary: str
    location: str | None
    geo: tuple[float, float] | None
    cancelled: bool
    start: Moment
    end: Moment
    rrule: str | None = None
    exdates: tuple[Moment, ...] = ()
    rdates: tuple[Moment, ...] = ()
    recurrence_id: Moment | None = None
    description: str | None = None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start.value, datetime)


@dataclass
class CalendarFile:
    path: Path
    name: str | None = None
    """X-WR-CALNAME, else NAME (RFC 7986)."""
    display_zone: ResolvedZone | None = None
    """X-WR-TIMEZONE: a display zone only, used for floating times at unknown places."""
    events: list[EventRecord] = field(default_factory=list)
    problems: list[EventError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    no_end: list[tuple[int, str]] = field(default_factory=list)
    """Events without DTEND or DURATION: their line and summary."""

    def reading_warnings(self) -> list[str]:
        """The warnings of reading the file, events without an end summed up in one."""
        out = list(self.warnings)
        if self.no_end:
            line, summary = self.no_end[0]
            count = len(self.no_end)
            out.append(
                f"{self.path.name}: {count} event{'s' if count != 1 else ''} without an end "
                f'(DTEND), the first on line {line} ("{summary}"): read as RFC 5545 says, '
                "an all-day event lasts one day, a timed one no time"
            )
        return out


def decode(path: Path, data: bytes) -> str:
    """The text of ``data``, refusing bytes that are not UTF-8 with the line they are on."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CalendarRefusedError(
            path, line, "the file is not UTF-8 text; save it as UTF-8 and import it again"
        ) from exc


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines with the number of the physical line each starts on; blanks dropped."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        continues = raw[0] in " \t" and out and not _NEW_LINE.fullmatch(stripped)
        if continues:
            out[-1] = (out[-1][0], out[-1][1] + raw[1:])
        else:
            out.append((number, raw.lstrip()))
    return [(number, line.rstrip()) for number, line in out]


def _prop(number: int, line: str) -> Prop:
    line = _UNQUOTED_OFFSET.sub(r'\1"\2"', line)
    try:
        name, params, value = Contentline(line).parts()  # type: ignore[no-untyped-call]
    except ValueError as exc:
        raise EventError(number, f"cannot read the line {line[:60]!r}") from exc
    return Prop(number, name.strip().upper(), params, str(value).strip())


@dataclass
class _Parsed:
    header: dict[str, Prop] = field(default_factory=dict)
    events: list[tuple[int, list[Prop]]] = field(default_factory=list)
    vtimezones: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    problems: list[EventError] = field(default_factory=list)


def split_components(path: Path, lines: list[tuple[int, str]]) -> _Parsed:
    """Header properties, each VEVENT's properties and each VTIMEZONE's text.

    Several calendars one after the other are read as one; a component left open is closed by
    the END of the one around it.
    """
    if not lines or lines[0][1].upper().replace(" ", "") != "BEGIN:VCALENDAR":
        raise CalendarRefusedError(
            path,
            lines[0][0] if lines else 1,
            "not an iCalendar file (it does not begin with BEGIN:VCALENDAR)",
        )
    splitter = _Splitter(path)
    for number, line in lines:
        splitter.feed(number, line)
    if splitter.stack:
        raise CalendarRefusedError(
            path,
            lines[-1][0],
            "the file is cut short (no END:VCALENDAR); download or export it again",
        )
    return splitter.parsed


class _Splitter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.parsed = _Parsed()
        self.stack: list[str] = []
        self.event: list[Prop] | None = None
        self.event_line = 0
        self.tz_lines: list[str] = []

    def feed(self, number: int, line: str) -> None:
        word, _, rest = line.partition(":")
        keyword, what = word.strip().upper(), rest.strip().upper()
        if keyword == "BEGIN":
            self._begin(number, what)
        if self.stack[1:2] == ["VTIMEZONE"]:
            self.tz_lines.append(line)
        if keyword == "END":
            self._end(number, what)
        elif keyword != "BEGIN":
            self._property(number, line)

    def _begin(self, number: int, what: str) -> None:
        self.stack.append(what)
        if self.stack == ["VCALENDAR", "VEVENT"]:
            self.event, self.event_line = [], number

    def _end(self, number: int, what: str) -> None:
        if what not in self.stack:
            raise CalendarRefusedError(self.path, number, f"END:{what} without a matching BEGIN")
        while self.stack:
            if self.stack == ["VCALENDAR", "VEVENT"] and self.event is not None:
                self.parsed.events.append((self.event_line, self.event))
                self.event = None
            if self.stack == ["VCALENDAR", "VTIMEZONE"]:
                _keep_vtimezone(self.parsed, self.tz_lines)
                self.tz_lines = []
            if self.stack.pop() == what:
                break

    def _property(self, number: int, line: str) -> None:
        if len(self.stack) == 1:
            _keep_header(self.parsed, self.path, number, line)
        elif self.stack == ["VCALENDAR", "VEVENT"] and self.event is not None:
            try:
                self.event.append(_prop(number, line))
            except EventError:
                name = re.match(r"[A-Za-z0-9-]*", line)
                self.event.append(Prop(number, "!" + (name[0] if name else "").upper(),
                                       Parameters(), line))


def _keep_header(parsed: _Parsed, path: Path, number: int, line: str) -> None:
    try:
        prop = _prop(number, line)
    except EventError:
        return
    parsed.header.setdefault(prop.name, prop)


def _keep_vtimezone(parsed: _Parsed, tz_lines: list[str]) -> None:
    tzid = location = None
    for line in tz_lines:
        word, _, value = line.partition(":")
        if word.strip().upper() == "TZID":
            tzid = value.strip().strip('"')
        elif word.strip().upper() == "X-LIC-LOCATION":
            location = value.strip()
    if tzid:
        text = "\r\n".join(_upper_names(tz_lines)) + "\r\n"
        parsed.vtimezones[tzid] = (text, location)


def _upper_names(lines: list[str]) -> list[str]:
    """Lines with their property names (and BEGIN/END values) in capitals, for icalendar."""
    out = []
    for line in lines:
        head, sep, value = line.partition(":")
        name, semi, params = head.partition(";")
        if name.strip().upper() in ("BEGIN", "END"):
            value = value.strip().upper()
        out.append(f"{name.strip().upper()}{semi}{params}{sep}{value}")
    return out


def read_calendar(path: Path) -> CalendarFile:
    """The events of the .ics file at ``path``, recurring ones not yet expanded."""
    text = decode(path, path.read_bytes())
    parsed = split_components(path, logical_lines(text))
    resolver = ZoneResolver(parsed.vtimezones)
    calendar = CalendarFile(path, problems=list(parsed.problems))
    names = [parsed.header.get(key) for key in ("X-WR-CALNAME", "NAME")]
    calendar.name = next((" ".join(n.value.split()) for n in names if n and n.value.strip()), None)
    for name in (n for n in names if n is not None):
        if (unprintable := text_problem(name.value)) is not None:
            calendar.problems.append(EventError(name.line, f"the {name.name} {unprintable}"))
    display = parsed.header.get("X-WR-TIMEZONE")
    if display is not None and display.value:
        try:
            calendar.display_zone = resolver.resolve(display.value)
        except UnknownZoneError as exc:
            calendar.problems.append(EventError(display.line, f"{exc} in X-WR-TIMEZONE"))
    for line, props in parsed.events:
        try:
            calendar.events.append(_event(line, props, resolver, calendar))
        except EventError as exc:
            calendar.problems.append(exc)
    return calendar


def _event(
    line: int, props: list[Prop], resolver: ZoneResolver, calendar: CalendarFile
) -> EventRecord:
    first = {p.name: p for p in reversed(props)}
    summary = " ".join(first["SUMMARY"].value.split()) if "SUMMARY" in first else ""
    label = f'the event "{summary}"' if summary else "an event"
    _unreadable_lines(props, label, calendar)
    for prop in (first[n] for n in ("SUMMARY", "LOCATION") if n in first):
        if (unprintable := text_problem(prop.value, multiline=prop.name == "LOCATION")):
            raise EventError(prop.line, f"the {prop.name} of {label} {unprintable}")
    if "DTSTART" not in first:
        raise EventError(line, f"{label} has no start (DTSTART)")
    start = _named(moment, first["DTSTART"], resolver, label)
    end = _end(first, start, resolver, label)
    if "DTEND" not in first and "DURATION" not in first:
        calendar.no_end.append((line, summary))
    uid = first["UID"].value if "UID" in first else None
    status = first["STATUS"].value.upper() if "STATUS" in first else ""
    return EventRecord(
        line=line,
        uid=(uid or "")[:480] or None,
        summary=summary,
        location=first["LOCATION"].value or None if "LOCATION" in first else None,
        geo=_geo(first.get("GEO")) or _apple_geo(first.get("X-APPLE-STRUCTURED-LOCATION")),
        cancelled=status == "CANCELLED",
        start=start,
        end=end,
        rrule=first["RRULE"].value if "RRULE" in first else None,
        exdates=tuple(m for p in props if p.name == "EXDATE" for m in moments(p, resolver)),
        rdates=tuple(m for p in props if p.name == "RDATE" for m in _extra_dates(p, resolver)),
        recurrence_id=moment(first["RECURRENCE-ID"], resolver)
        if "RECURRENCE-ID" in first
        else None,
        description=first["DESCRIPTION"].value if "DESCRIPTION" in first else None,
    )


def _unreadable_lines(props: list[Prop], label: str, calendar: CalendarFile) -> None:
    """Refuse the event for an unreadable line it needs; leave out (warned) one it does not."""
    for prop in props:
        if not prop.name.startswith("!"):
            continue
        if prop.name[1:] in ESSENTIAL:
            raise EventError(prop.line, f"{label}: cannot read the line {prop.value[:60]!r}")
        calendar.warnings.append(
            f"{calendar.path.name}, line {prop.line}: left out the unreadable line "
            f"{prop.value[:60]!r} of {label}"
        )


def _named(
    read: Callable[[Prop, ZoneResolver], Moment], prop: Prop, resolver: ZoneResolver, label: str
) -> Moment:
    """``read(prop)``, its error naming the event."""
    try:
        return read(prop, resolver)
    except EventError as exc:
        raise EventError(exc.line, f"{label}: {exc}") from exc


def _end(first: dict[str, Prop], start: Moment, resolver: ZoneResolver, label: str) -> Moment:
    """DTEND, else DTSTART plus DURATION, else (RFC 5545) one day for a date, no time for a
    time. An end before the start (or a date end of a timed start) is read as none."""
    end: Moment | None = None
    if "DTEND" in first:
        end = _named(moment, first["DTEND"], resolver, label)
        if isinstance(start.value, datetime) != isinstance(end.value, datetime):
            end = None
    elif "DURATION" in first:
        try:
            length = vDuration.from_ical(first["DURATION"].value)  # type: ignore[no-untyped-call]
        except ValueError as exc:
            message = f"{label}: cannot read the DURATION"
            raise EventError(first["DURATION"].line, message) from exc
        end = replace(start, value=start.value + length)
    timed = isinstance(start.value, datetime)
    if end is None or end.value < start.value or (end.value == start.value and not timed):
        end = replace(start, value=start.value + (timedelta(0) if timed else timedelta(days=1)))
    return end


def _geo(prop: Prop | None) -> tuple[float, float] | None:
    if prop is None:
        return None
    parts = re.split(r"[;,]", prop.value)
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except (ValueError, IndexError):
        return None
    if abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _apple_geo(prop: Prop | None) -> tuple[float, float] | None:
    """The "geo:lat,lon" of Apple's structured location, read when GEO is missing."""
    if prop is None:
        return None
    match = _APPLE_GEO.search(prop.value)
    return _geo(replace(prop, value=f"{match[1]};{match[2]}")) if match else None


def _extra_dates(prop: Prop, resolver: ZoneResolver) -> list[Moment]:
    """RDATE values; those that are not dates (VALUE=TIME, say) are left out."""
    try:
        return moments(prop, resolver)
    except EventError:
        return []


def moments(prop: Prop, resolver: ZoneResolver) -> list[Moment]:
    """Every value of a (possibly comma-separated) date or date-time property."""
    values = [v.split("/")[0] for v in prop.value.split(",") if v.strip()]  # PERIOD: its start
    return [moment(replace(prop, value=v.strip()), resolver) for v in values]


def moment(prop: Prop, resolver: ZoneResolver) -> Moment:
    """A DTSTART-like value with its zone resolved; errors name the line."""
    match = _VALUE.fullmatch(prop.value.strip())
    if match is None:
        raise EventError(prop.line, f"cannot read the date {prop.value!r} of {prop.name}")
    y, mo, d, h, mi, s, z = match.groups()
    try:
        day = date(int(y), int(mo), int(d))
        if h is None or str(prop.params.get("VALUE", "")).upper() == "DATE":
            return Moment(day)
        clock = datetime(day.year, day.month, day.day, int(h), int(mi), int(s or 0), tzinfo=UTC)
    except ValueError as exc:
        raise EventError(prop.line, f"impossible date {prop.value} in {prop.name}") from exc
    if z:
        return Moment(clock)
    tzid = prop.params.get("TZID")
    if not tzid:
        return Moment(clock, floating=True)
    try:
        zone = resolver.resolve(str(tzid))
    except UnknownZoneError as exc:
        raise EventError(prop.line, f"{exc} in {prop.name}") from exc
    return Moment(clock.replace(tzinfo=zone.tzinfo), zone=zone)
