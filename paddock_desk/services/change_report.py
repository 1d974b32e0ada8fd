"""The change report: what changed between two exports of one calendar, in words.

A pure function of two iCalendar texts (the old export and the new), matched by UID, e.g.
"Blancpain GT Series Asia R1: Sepang (Races 1-2) moved from 14-15 Apr to 21-22 Apr; has a new
clash: ...; has a new finding: ...". A session that moved with its meeting (as many days, at the
same local time) is told by the meeting's line; one that moved otherwise has its own: "... -
Race 1 moved from Sat 14 Apr 14:00 to Sun 22 Apr 11:00". Clashes and line-up or document
findings are read from the events' DESCRIPTION (a driver's calendar opens it with them, one
sentence a line, before the cars). Publish prints it; the app's Publish dialog shows it before
it writes and warns about changes close to a session (:func:`soon`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar

from paddock_desk.domain.lineup_findings import is_finding_sentence

ENTRY_PREFIX = "Car #"
"""How the cars-and-drivers lines of a DESCRIPTION begin (what follows the notes)."""


@dataclass(frozen=True, slots=True)
class _Event:
    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    location: str
    cancelled: bool
    notes: tuple[str, ...]

    @property
    def timed(self) -> bool:
        return isinstance(self.start, datetime)

    @property
    def meeting(self) -> str:
        """The summary of the meeting (a session's summary is "MEETING - SESSION")."""
        return self.summary.rsplit(" - ", 1)[0] if self.timed else self.summary

    def instant(self) -> datetime:
        if isinstance(self.start, datetime):
            return self.start.astimezone(UTC)
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the report and the start instants (old and new) it concerns."""

    text: str
    starts: tuple[datetime, ...]


def description_notes(description: str) -> list[str]:
    """The notes a DESCRIPTION opens with: its lines up to a blank one or the first car."""
    notes: list[str] = []
    for line in description.split("\n"):
        if not line.strip() or line.startswith(ENTRY_PREFIX):
            break
        notes.append(line)
    return notes


def _events(data: bytes) -> dict[str, _Event]:
    found: dict[str, _Event] = {}
    for component in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        event = _event(component)
        if event is not None:
            found.setdefault(event.uid, event)
    return found


def _event(c: Any) -> _Event | None:
    start = c.get("DTSTART")
    if start is None or "UID" not in c:
        return None
    begin = start.dt
    end_prop = c.get("DTEND")
    end = end_prop.dt if end_prop is not None else begin
    return _Event(
        str(c["UID"]), str(c.get("SUMMARY", "")), begin, end, str(c.get("LOCATION", "")),
        str(c.get("STATUS", "")).upper() == "CANCELLED",
        tuple(description_notes(str(c.get("DESCRIPTION", "")))),
    )


def _clock(when: datetime) -> str:
    """A local time as the calendar gives it: "Sat 14 Apr 14:00", "Sun 8 Apr 09:00"."""
    return f"{when:%a} {when.day} {when:%b %H:%M}"


def _days(event: _Event) -> str:
    """"14-15 Apr", "30 Jun-1 Jul" (DTEND exclusive), or a session's local start."""
    if isinstance(event.start, datetime):
        return _clock(event.start)
    first = event.start
    last = event.end - timedelta(days=1) if event.end > event.start else event.start
    if first == last:
        return f"{first.day} {first:%b}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last:%b}"
    if first.year == last.year:
        return f"{first.day} {first:%b}-{last.day} {last:%b}"
    return f"{first.day} {first:%b %Y}-{last.day} {last:%b %Y}"


def _clash_words(old: Iterable[str], new: Iterable[str]) -> list[str]:
    before, after = list(old), list(new)
    return [_new(s) for s in after if s not in before] + [
        _gone(s) for s in before if s not in after
    ]


def _new(sentence: str) -> str:
    kind = "finding" if is_finding_sentence(sentence) else "clash"
    return f"has a new {kind}: {sentence}"


def _gone(sentence: str) -> str:
    if is_finding_sentence(sentence):
        return f"finding resolved: {sentence}"
    return f"no longer clashes: {sentence}"


def _move(old: _Event, new: _Event, same_start: bool) -> str:
    """"moved from Sat 14 Apr 14:00 to Sun 22 Apr 11:00", or for a session that only ends at
    another time, "now ends Sat 14 Apr 16:00 (was Sat 14 Apr 15:00)"."""
    if same_start and isinstance(old.end, datetime) and isinstance(new.end, datetime):
        return f"now ends {_clock(new.end)} (was {_clock(old.end)})"
    return f"moved from {_days(old)} to {_days(new)}"


def _compare(old: _Event, new: _Event) -> list[str]:
    words: list[str] = []
    if (old.start, old.end) != (new.start, new.end):
        words.append(_move(old, new, old.start == new.start))
    if old.location != new.location:
        words.append(f"now at {new.location} (was {old.location})")
    if new.cancelled != old.cancelled:
        words.append("cancelled" if new.cancelled else "no longer cancelled")
    return words


def _first_day(event: _Event) -> date:
    return event.start.date() if isinstance(event.start, datetime) else event.start


def _beyond_meeting(old: _Event, new: _Event, meeting: tuple[_Event, _Event]) -> list[str]:
    """What a session's own line adds to its meeting's: a time that did not move with the
    meeting (the same local clock, as many days later as the meeting's first day), and a
    cancellation of its own. Nothing for a session of a meeting now cancelled."""
    was, now = meeting
    if now.cancelled:
        return []
    shift = _first_day(now) - _first_day(was)

    def kept(a: date | datetime, b: date | datetime) -> bool:
        if not isinstance(a, datetime) or not isinstance(b, datetime):
            return a + shift == b
        return a.replace(tzinfo=None) + shift == b.replace(tzinfo=None)

    words: list[str] = []
    if not (kept(old.start, new.start) and kept(old.end, new.end)):
        words.append(_move(old, new, kept(old.start, new.start)))
    if new.cancelled != old.cancelled and not was.cancelled:
        words.append("cancelled" if new.cancelled else "no longer cancelled")
    return words


def changes(old: bytes, new: bytes) -> list[Change]:
    """Every change from ``old`` to ``new``, meetings and sessions, in the new calendar's order.

    A meeting's line tells how its sessions moved with it; a session has a line of its own
    only for what the meeting's does not tell (see :func:`_beyond_meeting`).
    """
    before, after = _events(old), _events(new)
    reported: dict[str, tuple[_Event, _Event]] = {}  # meeting summary -> (old, new) events
    found: list[Change] = []
    for uid, event in after.items():
        was = before.get(uid)
        if was is None:
            found.append(Change(f"{event.summary}: new, {_days(event)}", (event.instant(),)))
            continue
        if not event.timed:
            words = _compare(was, event) + _clash_words(was.notes, event.notes)
            if words:
                reported[event.meeting] = (was, event)
        elif event.meeting in reported:
            words = _beyond_meeting(was, event, reported[event.meeting])
        else:
            words = _compare(was, event)
        if words:
            text = f"{event.summary} " + "; ".join(words)
            found.append(Change(text, (was.instant(), event.instant())))
    for uid, event in before.items():
        if uid not in after:
            found.append(Change(f"{event.summary}: removed", (event.instant(),)))
    return found


def change_report(old: bytes, new: bytes) -> list[str]:
    """:func:`changes` as sentences, one a line; empty when nothing changed."""
    return [c.text for c in changes(old, new)]


def soon(found: Iterable[Change], now: datetime, hours: float = 24) -> list[Change]:
    """The changes that touch an event starting within the ``hours`` after ``now``."""
    limit = now + timedelta(hours=hours)
    return [c for c in found if any(now <= s <= limit for s in c.starts)]
