"""Names of meetings and sessions from what a calendar's events say.

A meeting is named, in this order, by an "Event: ..." line its sessions' DESCRIPTIONs share, by a
name in brackets all its summaries end with ("F1: Prove libere 1 (Gran Premio d'Australia)"), by
the parts of its summaries they all share ("Bahrain GP" of "Bahrain GP - Race"), else by its place.
A part every summary of a file shares while the file holds several meetings is a series tag
("F1"), never a meeting's name. A session is named by what its summary says beyond the meeting's
name and the tags; sessions of one meeting that still share a name are told apart by their local
start, then by a counter: "Race", "Race 2025-09-06 14:00", "Race 2025-09-06 14:00 (2)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from paddock_desk.interop.circuit_matching import normalise

_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+|:\s+")
_EDGES = " \t-\u2013\u2014|:"
_BRACKET = re.compile(r"(?P<base>.*\S)\s*\((?P<inner>[^()]+)\)\s*[-\u2013\u2014|:]*\s*")
_EVENT_LINE = re.compile(r"^\s*event\s*:\s*(?P<name>\S.*?)\s*$", re.IGNORECASE | re.MULTILINE)
_SESSION_LINE = re.compile(r"^\s*session\s*:\s*(?P<name>\S.*?)\s*$", re.IGNORECASE | re.MULTILINE)
_LABEL_LINE = re.compile(r"^\s*[\w ]{1,20}:\s")
MAX_DESCRIBED_NAME = 60
DEFAULT_SESSION_NAME = "Session"


def clean(text: str) -> str:
    """``text`` without separators left at its ends ("Phillip Island -" -> "Phillip Island")."""
    return " ".join(text.split()).strip(_EDGES).strip()


def title_parts(summary: str) -> list[str]:
    """A summary's parts, split at " - ", ": " or " | "."""
    return [clean(p) for p in _SEPARATOR.split(clean(summary)) if clean(p)]


def bracketed(summary: str) -> tuple[str, str | None]:
    """The summary without a trailing "(...)", and the text in it (None without one)."""
    match = _BRACKET.fullmatch(summary.strip())
    if match is None:
        return summary, None
    return match["base"], clean(match["inner"])


def event_line(description: str | None) -> str | None:
    """The name of an "Event: ..." line of a DESCRIPTION."""
    match = _EVENT_LINE.search(description or "")
    return clean(match["name"]) or None if match else None


def described_session(description: str | None) -> str | None:
    """A session's name from its DESCRIPTION, for a summary that names none: a "Session: ..."
    line, else a short first line that is neither a sentence nor a "Label: value" line."""
    match = _SESSION_LINE.search(description or "")
    if match:
        return clean(match["name"]) or None
    first = next((ln.strip() for ln in (description or "").splitlines() if ln.strip()), "")
    short = len(first) <= MAX_DESCRIBED_NAME and not first.endswith(".")
    if first and short and not _LABEL_LINE.match(first):
        return clean(first) or None
    return None


def file_tags(summaries: Iterable[str], meetings: int) -> frozenset[str]:
    """The first part (normalised) every summary of a file of several meetings begins with,
    when more follows it: a series tag ("F1" of "F1: Prove libere 1 (...)")."""
    split = [title_parts(bracketed(s)[0]) for s in summaries if s]
    if meetings < 2 or not split or any(len(parts) < 2 for parts in split):
        return frozenset()
    firsts = {normalise(parts[0]) for parts in split}
    return frozenset(firsts - {""}) if len(firsts) == 1 else frozenset()


def without_tags(title: str, tags: frozenset[str]) -> str:
    """An all-day meeting's summary without the series tag it starts with."""
    parts = title_parts(title)
    kept = [p for p in parts if normalise(p) not in tags]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


@dataclass(frozen=True)
class Said:
    """What one event says about its meeting: its summary and DESCRIPTION."""

    summary: str
    description: str | None = None


def meeting_title(events: Sequence[Said], tags: frozenset[str]) -> str | None:
    """The name the events of one meeting share, or None when they share none."""
    named = [event_line(e.description) for e in events]
    if named and all(named) and len(set(named)) == 1:
        return named[0]
    inner = [bracketed(e.summary)[1] for e in events]
    if inner and all(inner) and len({normalise(i or "") for i in inner}) == 1:
        return inner[0]
    return _shared_parts([bracketed(e.summary)[0] for e in events], tags)


def _shared_parts(summaries: list[str], tags: frozenset[str]) -> str | None:
    split = [[p for p in title_parts(s) if normalise(p) not in tags] for s in summaries]
    split = [parts for parts in split if parts]
    if not split:
        return None
    if len(split) == 1:
        return split[0][0]
    if len({tuple(normalise(p) for p in parts) for parts in split}) == 1:
        return " - ".join(split[0])
    shared = set.intersection(*({normalise(p) for p in parts} for parts in split))
    common = [p for p in split[0] if normalise(p) in shared]
    return " - ".join(common) if common else None


def session_name(summary: str, title: str, tags: frozenset[str]) -> str:
    """What ``summary`` says beyond the meeting's ``title`` and the series tags."""
    base, inner = bracketed(summary)
    parts = title_parts(base)
    own = {normalise(p) for p in title_parts(title)} | {normalise(title)}
    kept = [p for p in parts if normalise(p) not in own | set(tags)]
    kept = kept or [p for p in parts if normalise(p) not in own]
    name = " - ".join(kept)
    if inner is not None and normalise(inner) != normalise(title):
        name = f"{name} ({inner})".strip()
    return name or DEFAULT_SESSION_NAME


def distinct_names(wanted: Sequence[tuple[str, datetime]]) -> list[str]:
    """``wanted`` names (with the local start of each session, in start order) made distinct,
    ignoring case: a repeated name gets its start, then a counter."""
    used: set[str] = set()
    out: list[str] = []
    for name, start in wanted:
        out.append(free_name(name, start, used))
        used.add(out[-1].casefold())
    return out


def free_name(name: str, start: datetime, used: set[str]) -> str:
    """``name``, or it with ``start`` and then a counter, whichever ``used`` (casefolded) lacks."""
    name = name[:180]
    if name.casefold() not in used:
        return name
    timed = f"{name} {start:%Y-%m-%d %H:%M}"
    candidate, count = timed, 1
    while candidate.casefold() in used:
        count += 1
        candidate = f"{timed} ({count})"
    return candidate
