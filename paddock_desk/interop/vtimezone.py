"""VTIMEZONE components generated from the IANA database (zoneinfo), for the dates exported.

The transitions of a zone are found by scanning its UTC offsets (every day over the years
covered, then bisecting to the second). Transitions of one kind (to daylight or to standard
time) that repeat every year in the same month at the same wall-clock time and follow one
pattern ("2nd Sunday", "last Sunday", "Sunday on or after the 8th", "the 21st") become one
observance with a yearly RRULE, closed by UNTIL when the zone's rules changed. Clients such as
Outlook ignore RDATE lists, so a transition no rule fits gets an observance of its own (a bare
DTSTART) in place of an RDATE. A zone without transitions in the years covered gets a single
STANDARD observance.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from paddock_desk.domain.model import zone
from paddock_desk.interop.ics_text import (
    ContentWriter,
    format_local,
    format_offset,
    format_utc,
)

SCAN_STEP = 86400  # no zone changes offset twice within a day (checked for every zone in tests)
BACK_STEP = 7 * 86400
EPOCH_FLOOR = 0  # 1970-01-01: no older transition is looked for
HISTORY_FROM = 2000
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

State = tuple[timedelta, timedelta, str]


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of UTC offset, daylight flag or abbreviation at instant ``at``."""

    at: datetime
    before: timedelta
    after: timedelta
    dst: timedelta
    name: str
    summer: bool = False

    @property
    def wall(self) -> datetime:
        """The wall-clock reading when it happens, in the offset before it (RFC 5545 DTSTART)."""
        return self.at + self.before


@dataclass(slots=True)
class Observance:
    """Transitions of one kind sharing one yearly pattern (or a single transition)."""

    transitions: list[Transition]
    rule: str | None = None
    open_ended: bool = False

    @property
    def first(self) -> Transition:
        return self.transitions[0]


def _state(tzid: str, ts: int) -> State:
    moment = datetime.fromtimestamp(ts, zone(tzid))
    return moment.utcoffset() or timedelta(0), moment.dst() or timedelta(0), moment.tzname() or ""


def _bisect(tzid: str, lo: int, hi: int, before: State) -> int:
    """The first second in (lo, hi] whose state differs from ``before`` (which holds at lo)."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _state(tzid, mid) == before:
            lo = mid
        else:
            hi = mid
    return hi


def _transition(tzid: str, lo: int, hi: int, before: State) -> Transition:
    ts = _bisect(tzid, lo, hi, before)
    offset, dst, name = _state(tzid, ts)
    return Transition(datetime.fromtimestamp(ts, UTC), before[0], offset, dst, name)


def scan_transitions(tzid: str, start: int, end: int) -> list[Transition]:
    """Every transition of ``tzid`` between two POSIX times, in order."""
    found: list[Transition] = []
    prev_ts, prev = start, _state(tzid, start)
    for ts in range(start + SCAN_STEP, end + SCAN_STEP, SCAN_STEP):
        state = _state(tzid, ts)
        lo, lo_state = prev_ts, prev
        while lo_state != state:  # more than one change inside a step: find each
            found.append(_transition(tzid, lo, ts, lo_state))
            lo = int(found[-1].at.timestamp())
            lo_state = _state(tzid, lo)
        prev_ts, prev = ts, state
    return found


def last_transition_before(tzid: str, ts: int) -> Transition | None:
    """The latest transition before ``ts`` (weekly steps back to 1970), or None."""
    state = _state(tzid, ts)
    hi = ts
    while hi > EPOCH_FLOOR:
        lo = max(hi - BACK_STEP, EPOCH_FLOOR)
        earlier = _state(tzid, lo)
        if earlier != state:
            return _transition(tzid, lo, hi, earlier)
        hi = lo
    return None


def _month_length(day: datetime) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def yearly_pattern(walls: list[datetime]) -> str | None:
    """The BYMONTH/BYDAY/BYMONTHDAY parts that give exactly these dates, one a year, or None."""
    month = walls[0].month
    if any(w.month != month for w in walls):
        return None
    days = [w.day for w in walls]
    weekday = walls[0].weekday()
    if all(w.weekday() == weekday for w in walls):
        code = WEEKDAYS[weekday]
        lo, hi = max(days) - 6, min(days)
        for nth, first_day in ((1, 1), (2, 8), (3, 15), (4, 22)):
            if lo <= first_day <= hi:
                return f"BYMONTH={month};BYDAY={nth}{code}"
        if all(w.day > _month_length(w) - 7 for w in walls):
            return f"BYMONTH={month};BYDAY=-1{code}"
        if lo <= hi and lo + 6 <= calendar.monthrange(2001, month)[1]:  # shortest such month
            monthdays = ",".join(str(d) for d in range(lo, lo + 7))
            return f"BYMONTH={month};BYDAY={code};BYMONTHDAY={monthdays}"
    if len(set(days)) == 1:
        return f"BYMONTH={month};BYMONTHDAY={days[0]}"
    return None


def _continues(obs: Observance, t: Transition) -> bool:
    last = obs.transitions[-1]
    same = (last.before, last.after, last.name, last.wall.time()) == (
        t.before, t.after, t.name, t.wall.time()
    )
    if not same or t.wall.year != last.wall.year + 1:
        return False
    return yearly_pattern([x.wall for x in obs.transitions] + [t.wall]) is not None


def group_observances(transitions: list[Transition], last_year: int) -> list[Observance]:
    """Transitions grouped into observances; a run reaching ``last_year`` stays open-ended."""
    groups: list[Observance] = []
    current: dict[bool, Observance] = {}
    for t in transitions:
        obs = current.get(t.summer)
        if obs is not None and _continues(obs, t):
            obs.transitions.append(t)
        else:
            obs = Observance([t])
            groups.append(obs)
            current[t.summer] = obs
    for obs in groups:
        if len(obs.transitions) > 1:
            obs.rule = yearly_pattern([x.wall for x in obs.transitions])
            obs.open_ended = obs is current[obs.first.summer] and (
                obs.transitions[-1].wall.year >= last_year
            )
    return groups


def _until(last: Transition) -> datetime:
    """UNTIL for a rule whose last onset is ``last``: the later of its UTC instant and its
    wall-clock reading taken as UTC. Readers that compare UNTIL with the local onset (dateutil,
    hence vobject) then keep the last onset too; the next one is a year away either way."""
    return max(last.at, last.wall)


def _write_observance(out: ContentWriter, obs: Observance) -> None:
    t = obs.first
    kind = "DAYLIGHT" if t.summer else "STANDARD"
    out.begin(kind)
    out.line("DTSTART", format_local(t.wall))
    out.line("TZOFFSETFROM", format_offset(t.before))
    out.line("TZOFFSETTO", format_offset(t.after))
    if t.name:
        out.text("TZNAME", t.name)
    if obs.rule:
        until = "" if obs.open_ended else f";UNTIL={format_utc(_until(obs.transitions[-1]))}"
        out.line("RRULE", f"FREQ=YEARLY{until};{obs.rule}")
    out.end(kind)


def _fixed_observance(tzid: str, ts: int) -> Observance:
    offset, dst, name = _state(tzid, ts)
    since = datetime(1970, 1, 1, tzinfo=UTC) - offset
    return Observance([Transition(since, offset, offset, dst, name)])


def observances(tzid: str, first: date, last: date) -> list[Observance]:
    """The observances that cover ``first``..``last``, from 2000 at the latest.

    Starting every zone's history at one fixed year (or earlier, for older dates) makes the
    VTIMEZONE of a zone the same in every export of this century: some readers (vobject) keep
    the first definition they meet for a TZID and use it for every later file.
    """
    start_year = min(first.year - 1, HISTORY_FROM)
    start = int(datetime(start_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last.year + 3, 1, 1, tzinfo=UTC).timestamp())
    found = scan_transitions(tzid, start, end)
    before = last_transition_before(tzid, start)
    head = [before] if before is not None else _fixed_observance(tzid, start).transitions
    # A rule still followed two years after the last date stays open-ended; one that stopped
    # earlier (Brazil's summer time, last in February 2019) is closed by UNTIL.
    return group_observances(with_summer(head + found), last.year + 2)


def with_summer(transitions: list[Transition]) -> list[Transition]:
    """Mark which transitions start summer time (a DAYLIGHT observance).

    Where the zone database writes winter as a negative daylight saving (Europe/Dublin,
    Africa/Casablanca), the later offset is marked as summer instead, as calendar programs
    expect: their readers take DAYLIGHT to be ahead of STANDARD.
    """
    negative = any(t.dst < timedelta(0) for t in transitions)
    return [
        replace(t, summer=t.dst > timedelta(0) or (negative and t.dst == timedelta(0)))
        for t in transitions
    ]


@lru_cache(maxsize=256)
def vtimezone(tzid: str, first: date, last: date) -> str:
    """The VTIMEZONE text (folded, CRLF) for ``tzid`` covering the dates ``first``..``last``."""
    out = ContentWriter()
    out.begin("VTIMEZONE")
    out.line("TZID", tzid)
    for obs in observances(tzid, first, last):
        _write_observance(out, obs)
    out.end("VTIMEZONE")
    return out.getvalue()
