"""From calendar events to meetings and their sessions.

Recurring events are expanded first (two years from the first occurrence, at most 500, EXDATE
and RECURRENCE-ID honoured). Then all-day events are meetings, and timed events within an
all-day event's dates at the same place are its sessions; the other timed events at one place
chain into one meeting while each next local date is at most two days after the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rruleset, rrulestr

from paddock_desk.domain.model import zone
from paddock_desk.interop.circuit_matching import KnownCircuit, location_parts, normalise
from paddock_desk.interop.ics_reading import EventError, EventRecord, Moment
from paddock_desk.interop.ics_zones import ResolvedZone

MAX_OCCURRENCES = 500
EXPANSION_SPAN = relativedelta(years=2)
CHAIN_GAP_DAYS = 2
_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+|:\s+")
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
    """The rule without stray spaces, its UNTIL in UTC like the (always aware) DTSTART: a date
    runs to the end of that day, a floating time is read as UTC."""
    rule = re.sub(r"\s+", "", rule)
    rule = _UNTIL_DATE.sub(r"\g<1>\g<2>T235959Z", rule)
    return _UNTIL_FLOATING.sub(r"\1Z", rule)


def place_key(event: EventRecord, circuit: KnownCircuit | None) -> str | None:
    """Where an event is: the matched circuit, else its LOCATION text, else nowhere (None)."""
    if circuit is not None:
        return "circuit:" + circuit.name
    if event.location and normalise(event.location):
        return "location:" + normalise(event.location)
    return None


def local_zone(event: EventRecord, circuit: KnownCircuit | None) -> tzinfo:
    if circuit is not None:
        return zone(circuit.tz)
    value = event.start.value
    return value.tzinfo if isinstance(value, datetime) and value.tzinfo else UTC


def _local_dates(event: EventRecord, circuit: KnownCircuit | None) -> tuple[date, date]:
    """The local dates a timed event starts and ends on (an end at midnight ends the day)."""
    tz = local_zone(event, circuit)
    start, end = event.start.value, event.end.value
    assert isinstance(start, datetime) and isinstance(end, datetime)
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    return first, max(first, last)


def group_events(placed: list[tuple[EventRecord, KnownCircuit | None]]) -> list[MeetingDraft]:
    """Meetings with their sessions, in date order; sessions named within their meeting."""
    meetings = [_all_day_meeting(e, c) for e, c in placed if e.all_day]
    loose: list[tuple[EventRecord, KnownCircuit | None]] = []
    for event, circuit in placed:
        if event.all_day:
            continue
        host = _host(meetings, event, circuit)
        if host is None:
            loose.append((event, circuit))
            continue
        host.sessions.append(_session(event))
        if host.circuit is None and circuit is not None:
            host.circuit, host.place = circuit, place_key(event, circuit)
    meetings += _chains(loose)
    for meeting in meetings:
        _name_sessions(meeting)
    return sorted(meetings, key=lambda m: (m.start_date, m.end_date, m.name))


def _all_day_meeting(event: EventRecord, circuit: KnownCircuit | None) -> MeetingDraft:
    start, end = event.start.value, event.end.value
    last = end - timedelta(days=1) if end > start else start
    return MeetingDraft(
        name=event.summary or (event.location or "Meeting"),
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


def _host(
    meetings: list[MeetingDraft], event: EventRecord, circuit: KnownCircuit | None
) -> MeetingDraft | None:
    day, _ = _local_dates(event, circuit)
    place = place_key(event, circuit)
    covering = [m for m in meetings if m.start_date <= day <= m.end_date]
    here = [m for m in covering if m.place == place]
    if here:
        return max(here, key=lambda m: _title_score(event.summary, m.name))
    if len(covering) == 1 and (place is None or covering[0].place is None):
        return covering[0]
    return None


def _title_score(summary: str, title: str) -> int:
    """How well a session's summary names a meeting: the length of the title it contains."""
    words, wanted = f" {normalise(summary)} ", f" {normalise(title)} "
    return len(wanted) if wanted.strip() and wanted in words else 0


def _session(event: EventRecord) -> SessionDraft:
    start, end = event.start.value, event.end.value
    assert isinstance(start, datetime) and isinstance(end, datetime)
    return SessionDraft(
        event.summary, start, end, event.uid, event.line, event.summary, event.cancelled
    )


def _chains(loose: list[tuple[EventRecord, KnownCircuit | None]]) -> list[MeetingDraft]:
    by_place: dict[str | None, list[tuple[EventRecord, KnownCircuit | None]]] = {}
    for event, circuit in loose:
        by_place.setdefault(place_key(event, circuit), []).append((event, circuit))
    chains: list[list[tuple[EventRecord, KnownCircuit | None]]] = []
    for events in by_place.values():
        events.sort(key=lambda ec: ec[0].start.value)
        previous: date | None = None
        for event, circuit in events:
            day, _ = _local_dates(event, circuit)
            if previous is None or (day - previous).days > CHAIN_GAP_DAYS:
                chains.append([])
            chains[-1].append((event, circuit))
            previous = day
    return [_chain_meeting(chain) for chain in chains]


def _chain_meeting(chain: list[tuple[EventRecord, KnownCircuit | None]]) -> MeetingDraft:
    first, circuit = chain[0]
    days = [d for event, c in chain for d in _local_dates(event, c)]
    return MeetingDraft(
        name=_common_title([e.summary for e, _ in chain], circuit, first.location),
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
        sessions=[_session(e) for e, _ in chain],
    )


def _common_title(summaries: list[str], circuit: KnownCircuit | None, location: str | None) -> str:
    """The parts all summaries share ("Bahrain GP" of "Bahrain GP - Race"), else the place."""
    split = [_title_parts(s) for s in summaries]
    if len(split) > 1 and all(len(parts) > 1 for parts in split):
        shared = set.intersection(*({normalise(p) for p in parts} for parts in split))
        common = [p for p in split[0] if normalise(p) in shared]
        if common and len(common) < len(split[0]):
            return " - ".join(common)
    if len(summaries) == 1 and summaries[0]:
        return split[0][0]
    if circuit is not None:
        return circuit.name
    if location:
        parts = location_parts(location)
        return parts[1] if len(parts) > 1 else location
    return next((s for s in summaries if s), "Meeting")


def _title_parts(summary: str) -> list[str]:
    return [p.strip() for p in _SEPARATOR.split(summary) if p.strip()]


def _name_sessions(meeting: MeetingDraft) -> None:
    """Session names without the meeting's name, unique within the meeting."""
    used: set[str] = set()
    for session in sorted(meeting.sessions, key=lambda s: s.start):
        name = _strip_title(session.summary, meeting.name) or session.summary or "Session"
        if name.casefold() in used:
            name = f"{name} ({session.start:%Y-%m-%d %H:%M})"
        used.add(name.casefold())
        session.name = name


def _strip_title(summary: str, title: str) -> str:
    """``summary`` without the parts that make up the meeting's ``title``."""
    parts = _title_parts(summary)
    drop = {normalise(p) for p in _title_parts(title)}
    kept = [p for p in parts if normalise(p) not in drop]
    return " - ".join(kept) if kept and len(parts) > 1 else summary.strip()
