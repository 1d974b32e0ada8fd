"""What a publish must do: the events a calendar should hold against those a server holds.

Pure: no network. An event is named by its UID. A server may store what it was sent in its own
way (another property order, other line ends, refolded lines), so an event is unchanged when its
content lines, unfolded and in any order, are the same apart from DTSTAMP and the PRODID of the
program that wrote it.

Which events are ours (the choice DESIGN leaves open): a resource whose PRODID is Paddock Desk's
(every resource we write carries it), or whose UID is the UID of a meeting or session of the
season (for servers that rewrite PRODID; our UIDs are uuid5 values of our own namespace, which no
other program makes). Only those are deleted when they leave the calendar's scope; a person's own
events in the same calendar are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from typing import Any

OUR_PRODID = "-//Paddock Desk//"
_IGNORED = ("DTSTAMP", "PRODID")


@dataclass(frozen=True, slots=True)
class Remote:
    """One calendar resource on the server: where it is, its ETag and its text."""

    href: str
    etag: str | None
    text: str

    @property
    def uid(self) -> str | None:
        return first_value(self.text, "UID", inside="VEVENT")

    @property
    def ours(self) -> bool:
        prodid = first_value(self.text, "PRODID") or ""
        return prodid.startswith(OUR_PRODID)


def unfolded(text: str) -> list[str]:
    """The content lines of ``text``, unfolded (RFC 5545 3.1), without line ends or blanks."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _name(line: str) -> str:
    cut = min((i for i in (line.find(":"), line.find(";")) if i >= 0), default=len(line))
    return line[:cut].upper()


def first_value(text: str, name: str, inside: str | None = None) -> str | None:
    """The value of the first property ``name`` (within the first ``inside`` component)."""
    entered = inside is None
    for line in unfolded(text):
        if not entered:
            entered = line.upper() == f"BEGIN:{inside}"
            continue
        if _name(line) == name:
            return line.split(":", 1)[1] if ":" in line else ""
    return None


def content_key(text: str) -> tuple[str, ...]:
    """What makes two copies of a resource the same event: its lines but DTSTAMP and PRODID."""
    return tuple(sorted(line for line in unfolded(text) if _name(line) not in _IGNORED))


@dataclass(slots=True)
class Plan:
    """The writes a publish makes: new events, changed ones (in place), ones to delete."""

    create: list[tuple[str, bytes]] = field(default_factory=list)
    update: list[tuple[str, Remote, bytes]] = field(default_factory=list)
    delete: list[tuple[str, Remote]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def writes(self) -> int:
        return len(self.create) + len(self.update) + len(self.delete)

    def summary(self) -> dict[str, Any]:
        """``{"created": [...], "updated": [...], "deleted": [...], "unchanged": N}`` of UIDs."""
        return {
            "created": [uid for uid, _ in self.create],
            "updated": [uid for uid, _, _ in self.update],
            "deleted": [uid for uid, _ in self.delete],
            "unchanged": len(self.unchanged),
        }


def plan(
    wanted: Mapping[str, bytes], remote: Iterable[Remote], known: Set[str] = frozenset()
) -> Plan:
    """Compare the resources we want (by UID, in calendar order) with the server's;
    ``known`` holds the UIDs of every meeting and session of the season."""
    held: dict[str, Remote] = {}
    for item in remote:
        uid = item.uid
        if uid is not None:
            held.setdefault(uid, item)
    result = Plan()
    for uid, body in wanted.items():
        there = held.get(uid)
        if there is None:
            result.create.append((uid, body))
        elif content_key(there.text) == content_key(body.decode("utf-8")):
            result.unchanged.append(uid)
        else:
            result.update.append((uid, there, body))
    for uid in sorted(held):
        if uid not in wanted and (held[uid].ours or uid in known):
            result.delete.append((uid, held[uid]))
    return result
