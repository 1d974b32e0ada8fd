"""Which meetings carry a red mark: the engine's clashes indexed by meeting, kept per driver.

After an edit of line-ups or unavailability only the touched drivers' clashes change, so the
index swaps just their entries instead of walking every clash of a world-scale season again.
Plain Python, no Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CLASH = "clash"
WARNING = "warning"


def meeting_ids(clash: Any) -> tuple[int, ...]:
    """The meetings a clash names: both commitments' (an unavailability block names none)."""
    first = getattr(clash.first, "meeting", None)
    second = getattr(clash.second, "meeting", None)
    ids = tuple(m.id for m in (first, second) if m is not None)
    return ids[:1] if len(ids) == 2 and ids[0] == ids[1] else ids


def _driver_id(clash: Any) -> int:
    return int(clash.driver.id)


@dataclass
class MeetingMarks:
    """Clashes and warnings by meeting id (a meeting in ``clash`` gets a red mark).

    The engine's clash values are kept as they are; their sentences are written only when a
    hover or the details ask for them (a world-scale season has tens of thousands).
    """

    clash: dict[int, list[Any]] = field(default_factory=dict)
    warning: dict[int, list[Any]] = field(default_factory=dict)
    by_driver: dict[int, list[Any]] = field(default_factory=dict)
    totals: Counter[str] = field(default_factory=Counter)

    def add(self, item: Any) -> None:
        severity = CLASH if item.severity == CLASH else WARNING
        self.by_driver.setdefault(_driver_id(item), []).append(item)
        self.totals[severity] += 1
        target = self.clash if severity == CLASH else self.warning
        for mid in meeting_ids(item):
            target.setdefault(mid, []).append(item)

    def remove_driver(self, driver_id: int) -> None:
        """Forget every clash of one driver."""
        for item in self.by_driver.pop(driver_id, []):
            severity = CLASH if item.severity == CLASH else WARNING
            self.totals[severity] -= 1
            target = self.clash if severity == CLASH else self.warning
            for mid in meeting_ids(item):
                kept = [other for other in target.get(mid, []) if other is not item]
                if kept:
                    target[mid] = kept
                else:
                    target.pop(mid, None)

    def replace_driver(self, driver_id: int, items: Iterable[Any]) -> None:
        """Put a driver's clashes as checked now in place of the old ones."""
        self.remove_driver(driver_id)
        for item in items:
            self.add(item)

    def count(self, severity: str = CLASH) -> int:
        return self.totals[severity]

    def count_at(self, meeting_id: int, severity: str = CLASH) -> int:
        """How many clashes (or warnings) name the meeting (no sentences written)."""
        return len((self.clash if severity == CLASH else self.warning).get(meeting_id, ()))

    def messages(self, meeting_id: int, severity: str = CLASH) -> list[str]:
        """The sentences of the meeting's clashes (or warnings), each once."""
        items = (self.clash if severity == CLASH else self.warning).get(meeting_id, [])
        return list(dict.fromkeys(str(item.message) for item in items))


def marks_from_clashes(clashes: Iterable[Any]) -> MeetingMarks:
    """Red marks (severity "clash") and warnings by meeting."""
    marks = MeetingMarks()
    for item in clashes:
        marks.add(item)
    return marks
