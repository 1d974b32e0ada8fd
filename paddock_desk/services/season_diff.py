"""What changed between two readings of one season: a change set for the views and a sentence.

An open window reads the season again when someone else commits, and compares the two readings
row by row (domain values compare by value), so it refreshes and re-checks only what moved and
can tell the user "3 meetings changed by another user". Its own edits are already in the first
reading, so they never show up as someone else's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from paddock_desk.domain.model import Season
from paddock_desk.services.editing import ChangeKind, ChangeSet

PARTS: tuple[tuple[str, str, str, str], ...] = (
    # Season attribute, change-set kind, one, many
    ("circuits", "circuits", "circuit", "circuits"),
    ("series", "series", "series", "series"),
    ("meetings", "meetings", "meeting", "meetings"),
    ("sessions", "sessions", "session", "sessions"),
    ("teams", "teams", "team", "teams"),
    ("cars", "cars", "car", "cars"),
    ("drivers", "drivers", "driver", "drivers"),
    ("assignments", "lineups", "line-up", "line-ups"),
    ("unavailability", "unavailability", "unavailability block", "unavailability blocks"),
)
EVERY_DRIVER = frozenset(
    {ChangeKind.CIRCUITS, ChangeKind.SERIES, ChangeKind.TEAMS, ChangeKind.CARS}
)
"""Kinds whose change may move any driver's clashes (the season is indexed again)."""


@dataclass(frozen=True)
class SeasonDiff:
    """Rows added, changed or removed, by change-set kind, and the change set for the views."""

    counts: dict[str, int] = field(default_factory=dict)
    change: ChangeSet = field(default_factory=ChangeSet)

    @property
    def empty(self) -> bool:
        return not self.counts

    def sentence(self, who: str) -> str:
        """E.g. "3 meetings and 1 line-up changed by another user"."""
        words = [f"{n} {one if n == 1 else many}" for _attr, kind, one, many in PARTS
                 if (n := self.counts.get(kind, 0))]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return f"{listed} changed by {who}"


def _moved(old: Mapping[Any, Any], new: Mapping[Any, Any]) -> set[Any]:
    """Keys added, removed or with another value."""
    keys = old.keys() ^ new.keys()
    keys.update(k for k in old.keys() & new.keys() if old[k] != new[k])
    return keys


def diff_seasons(old: Season, new: Season) -> SeasonDiff:
    """What differs between ``old`` and ``new``."""
    counts: dict[str, int] = {}
    ids: set[tuple[ChangeKind, int]] = set()
    drivers: set[int] = set()
    for attr, kind, _one, _many in PARTS:
        before, after = getattr(old, attr), getattr(new, attr)
        keys = set() if before is after else _moved(before, after)
        if not keys:
            continue
        counts[kind] = len(keys)
        ids.update((ChangeKind(kind), k) for k in keys if isinstance(k, int))
        if attr in ("assignments", "unavailability"):
            drivers.update(row.driver_id for k in keys for row in (before.get(k), after.get(k))
                           if row is not None)
        elif attr == "drivers":
            drivers.update(keys)
    kinds = frozenset(ChangeKind(k) for k in counts)
    change = ChangeSet(kinds, frozenset(ids), frozenset(drivers), bool(kinds & EVERY_DRIVER))
    return SeasonDiff(counts, change)
