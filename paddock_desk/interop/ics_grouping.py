"""From calendar events to meetings and their sessions.

Recurring events are expanded first (two years from the first occurrence, at most 500, EXDATE
and RECURRENCE-ID honoured). Then all-day events are meetings, and timed events within an
all-day event's dates at the same place are its sessions; the other timed events at one place
chain into one meeting while each next local date is at most two days after the previous one.
A local date is taken in the matched circuit's zone, else in the event's own zone; a UTC time
(or a floating one read as UTC) in the calendar's X-WR-TIMEZONE when it has one. Names come from
:mod:`paddock_desk.interop.ics_names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rruleset, rrulestr

from paddock_desk.domain.model import zone
from paddock_desk.interop.circuit_matching import KnownCircuit, location_parts, normalise
from paddock_desk.interop.ics_names import (
    DEFAULT_SESSION_NAME,
    Said,
    clean,
    described_session,
    distinct_names,
    file_tags,
    meeting_title,
    session_name,
    without_tags,
)
from paddock_desk.interop.ics_reading import EventError, EventRecord, Moment
from paddock_desk.interop.ics_zones import ResolvedZone

MAX_OCCURRENCES = 500
EXPANSION_SPAN = relativedelta(years=2)
CHAIN_GAP_DAYS = 2
_UNTIL_DATE = re.compile(r"(UNTIL=)(\d{8})(?=;|$)", re.IGNORECASE)
_UNTIL_FLOATING = re.compile(r"(UNTIL=\d{8}T\d{6})(?=;|$)", re.IGNORECASE)


@dataclass
class SessionDraft:
    name: str
    start: datetime
    end: datetime
    uid: str | None
    line: int
    summary: str
    cancelled: bool = False
    description: str | None = None
    local_start: datetime | None = None
    """The start on the local clock the meeting's dates are taken on."""


@dataclass
class MeetingDraft:
    name: str
    start_date: date
    end_date: date
    circuit: KnownCircuit | None
    place: str | None
    location: str | None
    geo: tuple[float, float] | None
    zone: ResolvedZone | None
    uid: str | None
    cancelled: bool
    line: int
    sessions: list[SessionDraft] = field(default_factory=list)


def moment_key(m: Moment) -> str:
    """A text naming one occurrence: its date, or its UTC instant (wall time when floating)."""
    if isinstance(m.value, datetime) and not m.floating:
        return m.value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    if isinstance(m.value, datetime):
        return m.value.strftime("%Y%m%dT%H%M%S")
    return m.value.strftime("%Y%m%d")


def expand_recurrences(events: list[EventRecord]) -> tuple[list[EventRecord], list[EventError]]:
    """Every occurrence as its own event; RECURRENCE-ID events replace the one they name."""
    masters = {e.uid for e in events if _repeats(e) and e.uid and e.recurrence_id is None}
    overrides = {
        (e.uid, moment_key(e.recurrence_id)): e
        for e in events
        if e.recurrence_id is not None and e.uid in masters
    }
    out: list[EventRecord] = []
    problems: list[EventError] = []
    for event in events:
        if event.recurrence_id is not None:
            if event.uid not in masters:
                out.append(_occurrence_uid(event, event.recurrence_id))
        elif _repeats(event):
            try:
                out += _occurrences(event, overrides)
            except EventError as exc:
                problems.append(exc)
        else:
            out.append(event)
    return out, problems


def _repeats(event: EventRecord) -> bool:
    return bool(event.rrule or event.rdates)


def _occurrence_uid(event: EventRecord, original: Moment) -> EventRecord:
    uid = f"{event.uid}/{moment_key(original)}" if event.uid else None
    return replace(event, uid=uid, rrule=None, exdates=(), rdates=(), recurrence_id=None)


def _occurrences(
    event: EventRecord, overrides: dict[tuple[str, str], EventRecord]
) -> list[EventRecord]:
    first = event.start.value
    timed = isinstance(first, datetime)
    start = _aware(first)
    rule = _rule_set(event, start)
    skipped = {moment_key(m) for m in event.exdates}
    skipped_days = {m.value for m in event.exdates if not isinstance(m.value, datetime)}
    length = event.end.value - first  # type: ignore[operator]
    limit = start + EXPANSION_SPAN
    out: list[EventRecord] = []
    for count, when in enumerate(rule):
        if count >= MAX_OCCURRENCES or when > limit:
            break
        value: date | datetime = when if timed else when.date()
        at = replace(event.start, value=value)
        key = moment_key(at)
        if key in skipped or (isinstance(value, datetime) and value.date() in skipped_days):
            continue
        chosen = overrides.get((event.uid or "", key))
        if chosen is None:
            end = replace(event.end, value=value + length)
            chosen = replace(event, start=at, end=end)
        out.append(_occurrence_uid(chosen, at))
    return out


def _aware(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time(0), UTC)


def _rule_set(event: EventRecord, start: datetime) -> rruleset:
    """The RRULE and RDATEs of ``event``, DTSTART counted as the first occurrence."""
    rules = rruleset()
    if event.rrule:
        try:
            rules.rrule(rrulestr(_tolerant_until(event.rrule), dtstart=start))  # type: ignore[arg-type]
        except (ValueError, TypeError) as exc:
            message = f'cannot read the RRULE "{event.rrule}": {exc}'
            raise EventError(event.line, message) from exc
    else:
        rules.rdate(start)
    for extra in event.rdates:
        rules.rdate(_aware(extra.value))
    return rules


def _tolerant_until(rule: str) -> str:
    """The rule without stray spaces (and without COUNT beside an UNTIL), its UNTIL in UTC like
    the (always aware) DTSTART: a date runs to the end of that day, a floating time is UTC."""
    rule = re.sub(r"\s+", "", rule)
    if re.search(r"(^|;)UNTIL=", rule, re.IGNORECASE):  # both is against RFC 5545: UNTIL wins
        rule = re.sub(r"(^|;)COUNT=\d+", "", rule, flags=re.IGNORECASE).lstrip(";")
    rule = _UNTIL_DATE.sub(r"\g<1>\g<2>T235959Z", rule)
    return _UNTIL_FLOATING.sub(r"\1Z", rule)


def place_key(event: EventRecord, circuit: KnownCircuit | None) -> str | None:
    """Where an event is: the matched circuit, else its LOCATION text, else nowhere (None)."""
    if circuit is not None:
        return "circuit:" + circuit.name
    if event.location and normalise(event.location):
        return "location:" + normalise(event.location)
    return None


def local_zone(
    event: EventRecord, circuit: KnownCircuit | None, display: tzinfo | None = None
) -> tzinfo:
    """The zone of an event's local dates: its circuit's, else its own, where a UTC time (or
    a floating one read as UTC) takes ``display``, the calendar's X-WR-TIMEZONE."""
    if circuit is not None:
        return zone(circuit.tz)
    value = event.start.value
    own = value.tzinfo if isinstance(value, datetime) and value.tzinfo else UTC
    return display if display is not None and own is UTC else own


Placed = tuple[EventRecord, KnownCircuit | None]


def group_events(placed: list[Placed], display: tzinfo | None = None) -> list[MeetingDraft]:
    """Meetings with their sessions, in date order; sessions named within their meeting.
    ``display`` is the zone of UTC times' local dates (X-WR-TIMEZONE), None for UTC."""
    return _Grouper(display).group(placed)


class _Grouper:
    def __init__(self, display: tzinfo | None) -> None:
        self.display = display

    def local_dates(self, event: EventRecord, circuit: KnownCircuit | None) -> tuple[date, date]:
        """The local dates a timed event starts and ends on (an end at midnight ends the day)."""
        tz = local_zone(event, circuit, self.display)
        start, end = event.start.value, event.end.value
        assert isinstance(start, datetime) and isinstance(end, datetime)
        first = start.astimezone(tz).date()
        last = (end - timedelta(microseconds=1)).astimezone(tz).date() if end > start else first
        return first, max(first, last)

    def group(self, placed: list[Placed]) -> list[MeetingDraft]:
        meetings = [_all_day_meeting(e, c) for e, c in placed if e.all_day]
        loose: list[Placed] = []
        for event, circuit in placed:
            if event.all_day:
                continue
            host = self._host(meetings, event, circuit)
            if host is None:
                loose.append((event, circuit))
                continue
            host.sessions.append(self._session(event, circuit))
            if host.circuit is None and circuit is not None:
                host.circuit, host.place = circuit, place_key(event, circuit)
        chains = self._chains(loose)
        tags = file_tags((e.summary for e, _ in placed), len(meetings) + len(chains))
        for meeting in meetings:
            meeting.name = without_tags(meeting.name, tags)
        meetings += [self._chain_meeting(chain, tags) for chain in chains]
        for meeting in meetings:
            _name_sessions(meeting, tags)
        return sorted(meetings, key=lambda m: (m.start_date, m.end_date, m.name))

    def _host(
        self, meetings: list[MeetingDraft], event: EventRecord, circuit: KnownCircuit | None
    ) -> MeetingDraft | None:
        day, _ = self.local_dates(event, circuit)
        place = place_key(event, circuit)
        covering = [m for m in meetings if m.start_date <= day <= m.end_date]
        here = [m for m in covering if m.place == place]
        if here:
            return max(here, key=lambda m: _title_score(event.summary, m.name))
        if len(covering) == 1 and (place is None or covering[0].place is None):
            return covering[0]
        return None

    def _session(self, event: EventRecord, circuit: KnownCircuit | None) -> SessionDraft:
        start, end = event.start.value, event.end.value
        assert isinstance(start, datetime) and isinstance(end, datetime)
        local = start.astimezone(local_zone(event, circuit, self.display))
        return SessionDraft(
            event.summary, start, end, event.uid, event.line, event.summary, event.cancelled,
            event.description, local,
        )

    def _chains(self, loose: list[Placed]) -> list[list[Placed]]:
        by_place: dict[str | None, list[Placed]] = {}
        for event, circuit in loose:
            by_place.setdefault(place_key(event, circuit), []).append((event, circuit))
        chains: list[list[Placed]] = []
        for events in by_place.values():
            events.sort(key=lambda ec: (ec[0].start.value, ec[0].end.value, ec[0].uid or ""))
            previous: date | None = None
            for event, circuit in events:
                day, _ = self.local_dates(event, circuit)
                if previous is None or (day - previous).days > CHAIN_GAP_DAYS:
                    chains.append([])
                chains[-1].append((event, circuit))
                previous = day
        return chains

    def _chain_meeting(self, chain: list[Placed], tags: frozenset[str]) -> MeetingDraft:
        first, circuit = chain[0]
        days = [d for event, c in chain for d in self.local_dates(event, c)]
        said = [Said(e.summary, e.description) for e, _ in chain]
        name = meeting_title(said, tags) or _place_title(said, circuit, first.location)
        return MeetingDraft(
            name=name,
            start_date=min(days),
            end_date=max(days),
            circuit=circuit,
            place=place_key(first, circuit),
            location=first.location,
            geo=first.geo,
            zone=first.start.zone,
            uid=None,
            cancelled=all(e.cancelled for e, _ in chain),
            line=first.line,
            sessions=[self._session(e, c) for e, c in chain],
        )


def _all_day_meeting(event: EventRecord, circuit: KnownCircuit | None) -> MeetingDraft:
    start, end = event.start.value, event.end.value
    last = end - timedelta(days=1) if end > start else start
    return MeetingDraft(
        name=clean(event.summary) or clean(event.location or "") or "Meeting",
        start_date=start,
        end_date=last,
        circuit=circuit,
        place=place_key(event, circuit),
        location=event.location,
        geo=event.geo,
        zone=event.start.zone,
        uid=event.uid,
        cancelled=event.cancelled,
        line=event.line,
    )


def _title_score(summary: str, title: str) -> int:
    """How well a session's summary names a meeting: the length of the title it contains."""
    words, wanted = f" {normalise(summary)} ", f" {normalise(title)} "
    return len(wanted) if wanted.strip() and wanted in words else 0


def _place_title(said: list[Said], circuit: KnownCircuit | None, location: str | None) -> str:
    """A meeting's name when its summaries share none: its circuit, else its place."""
    if circuit is not None:
        return circuit.name
    if location:
        parts = location_parts(location)
        return clean(parts[1] if len(parts) > 1 else location)
    return next((clean(e.summary) for e in said if clean(e.summary)), "Meeting")


def _session_name(session: SessionDraft, title: str, tags: frozenset[str]) -> str:
    """What the summary says beyond the meeting, else what the DESCRIPTION names."""
    name = session_name(session.summary, title, tags)
    if name == DEFAULT_SESSION_NAME:
        return described_session(session.description) or name
    return name


def _name_sessions(meeting: MeetingDraft, tags: frozenset[str]) -> None:
    """Session names without the meeting's name, distinct within the meeting (stable order:
    start, end, summary, UID)."""
    ordered = sorted(meeting.sessions, key=lambda s: (s.start, s.end, s.summary, s.uid or ""))
    wanted = [(_session_name(s, meeting.name, tags), s.local_start or s.start) for s in ordered]
    if len(ordered) == 1 and wanted[0][0] == DEFAULT_SESSION_NAME:
        wanted = [(clean(ordered[0].summary) or DEFAULT_SESSION_NAME, wanted[0][1])]
    for session, name in zip(ordered, distinct_names(wanted), strict=True):
        session.name = name

