"""Reading an .ics file into plain event records, tolerant of the quirks of real calendars.

Lines may end in CRLF, LF or CR; names may be lowercase; VERSION may be missing; stray spaces
around lines are dropped. A file is refused (:class:`CalendarRefusedError`) when it is not
iCalendar, is cut short or is not UTF-8; an event without a start, with an impossible date or
with a zone nothing explains is an :class:`EventError` that names its line.

Times are aware datetimes. A floating time (no zone, no Z) is kept as its wall-clock reading
tagged UTC with ``floating`` set, for the import to place in the circuit's zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar.parser import Contentline, Parameters
from icalendar.prop import vDuration

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.text_rules import text_problem
from paddock_desk.interop.ics_zones import ResolvedZone, UnknownZoneError, ZoneResolver

DEFAULT_SESSION = timedelta(hours=1)
"""The length of a timed event with neither DTEND nor DURATION."""

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

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start.value, datetime)


@dataclass
class CalendarFile:
    path: Path
    name: str | None = None
    """X-WR-CALNAME."""
    display_zone: ResolvedZone | None = None
    """X-WR-TIMEZONE: a display zone only, used for floating times at unknown places."""
    events: list[EventRecord] = field(default_factory=list)
    problems: list[EventError] = field(default_factory=list)


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
            except EventError as exc:
                self.parsed.problems.append(exc)
                self.event = None


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
    name = parsed.header.get("X-WR-CALNAME")
    calendar.name = name.value.strip() or None if name else None
    if name is not None and (unprintable := text_problem(name.value)) is not None:
        calendar.problems.append(EventError(name.line, f"the X-WR-CALNAME {unprintable}"))
    display = parsed.header.get("X-WR-TIMEZONE")
    if display is not None and display.value:
        try:
            calendar.display_zone = resolver.resolve(display.value)
        except UnknownZoneError as exc:
            calendar.problems.append(EventError(display.line, f"{exc} in X-WR-TIMEZONE"))
    for line, props in parsed.events:
        try:
            calendar.events.append(_event(line, props, resolver))
        except EventError as exc:
            calendar.problems.append(exc)
    return calendar


def _event(line: int, props: list[Prop], resolver: ZoneResolver) -> EventRecord:
    first = {p.name: p for p in reversed(props)}
    summary = first["SUMMARY"].value if "SUMMARY" in first else ""
    label = f'the event "{summary}"' if summary else "an event"
    for prop in (first[n] for n in ("SUMMARY", "LOCATION") if n in first):
        if (unprintable := text_problem(prop.value, multiline=prop.name == "LOCATION")):
            raise EventError(prop.line, f"the {prop.name} of {label} {unprintable}")
    if "DTSTART" not in first:
        raise EventError(line, f"{label} has no start (DTSTART)")
    start = moment(first["DTSTART"], resolver)
    end = _end(first, start, resolver)
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
    )


def _end(first: dict[str, Prop], start: Moment, resolver: ZoneResolver) -> Moment:
    """DTEND, else DTSTART plus DURATION, else one day (all-day) or one hour (timed)."""
    end: Moment | None = None
    if "DTEND" in first:
        end = moment(first["DTEND"], resolver)
        if isinstance(start.value, datetime) != isinstance(end.value, datetime):
            end = None
    elif "DURATION" in first:
        try:
            length = vDuration.from_ical(first["DURATION"].value)  # type: ignore[no-untyped-call]
        except ValueError as exc:
            raise EventError(first["DURATION"].line, "cannot read the DURATION") from exc
        end = replace(start, value=start.value + length)
    if end is None or end.value <= start.value:
        length = DEFAULT_SESSION if isinstance(start.value, datetime) else timedelta(days=1)
        end = replace(start, value=start.value + length)
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
