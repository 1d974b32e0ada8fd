"""Line-up findings and their sentences: a car breaking a rule of its class, a document expired
or expiring at a meeting (DESIGN.md "Line-up rules and driver documents"), the FIA categories,
and the orders findings are listed in. The engine that finds them is
:mod:`~paddock_desk.domain.lineup_rules`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import ClassVar

from paddock_desk.domain.explain import date_range, day_text, round_label
from paddock_desk.domain.model import Car, Document, Driver, LineupRule, Meeting, local_midnight

CATEGORIES = ("Platinum", "Gold", "Silver", "Bronze")
"""The FIA driver categories, from the fastest."""
WARNING_DAYS = 30
"""A document expiring within this many days of a meeting's first day is a warning."""


def category_named(text: str) -> str | None:
    """The category ``text`` names, ignoring case and surrounding spaces; None when none."""
    folded = text.strip().casefold()
    for category in CATEGORIES:
        if category.casefold() == folded:
            return category
    return None


def closest_category(text: str) -> str:
    """The category most like the unknown ``text`` (for "did you mean")."""
    lowered = {c.casefold(): c for c in CATEGORIES}
    found = difflib.get_close_matches(text.strip().casefold(), list(lowered), n=1, cutoff=0.0)
    return lowered[found[0]] if found else CATEGORIES[0]


def categories_text(categories: Iterable[str]) -> str:
    """ "Bronze", "Gold or Platinum", "Bronze, Gold or Silver" (alphabetical)."""
    names = sorted(categories)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


@cache
def number_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """A car number as people sort it: "7" before "18", "7" before "7B"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.findall(r"\d+|\D+", number)
    )


BREACH_ENDS = ("; the class allows at most ", "; the class needs at least ")
DOCUMENT_ENDS = (": it must be renewed to race there", ": renew it in time")


def is_finding_sentence(text: str) -> bool:
    """Whether ``text`` is a line-up breach's or a document finding's sentence (as a calendar's
    DESCRIPTION carries it, beside clash sentences)."""
    if text.endswith(DOCUMENT_ENDS):
        return True
    _head, sep, bound = text.rpartition(BREACH_ENDS[0])
    if not sep:
        _head, sep, bound = text.rpartition(BREACH_ENDS[1])
    return bool(sep) and bound.isdigit()


def counts(rule: LineupRule, driver: Driver) -> bool:
    """Whether the rule counts ``driver`` (a driver with no category counts in no set)."""
    return driver.category is not None and driver.category in rule.categories


def breaks(rule: LineupRule, count: int) -> bool:
    """Whether ``count`` drivers of the rule's categories break it."""
    too_few = rule.min_count is not None and count < rule.min_count
    too_many = rule.max_count is not None and count > rule.max_count
    return too_few or too_many


@dataclass(slots=True, unsafe_hash=True)
class LineupBreach:
    """A car of a ruled class at a meeting whose drivers break one rule of the class.

    Read-only by convention (not frozen: a frozen dataclass is ten times slower to make, and a
    world-scale check makes thousands)."""

    car: Car
    meeting: Meeting
    rule: LineupRule
    drivers: tuple[Driver, ...]
    """Every driver entered in the car at the meeting, by name."""
    counted: tuple[Driver, ...]
    """Those of ``drivers`` the rule counts."""
    kind: ClassVar[str] = "lineup"
    severity: ClassVar[str] = "clash"

    @property
    def count(self) -> int:
        return len(self.counted)

    @property
    def message(self) -> str:
        return breach_sentence(self.car, self.meeting, self.rule, self.counted)


def breach_sentence(
    car: Car, meeting: Meeting, rule: LineupRule, counted: Sequence[Driver]
) -> str:
    """ "KCMG #18, Blancpain GT Series Asia round 1 (Pro-Am): 2 drivers are Gold or Platinum
    (Alexandre Imperatori, Tsugio Matsuda); the class allows at most 1"."""
    n = len(counted)
    verb = "driver is" if n == 1 else "drivers are"
    who = f" ({', '.join(d.name for d in counted)})" if counted else ""
    if rule.max_count is not None and n > rule.max_count:
        bound = f"{BREACH_ENDS[0]}{rule.max_count}"
    else:
        bound = f"{BREACH_ENDS[1]}{rule.min_count}"
    where = f"{car.team} #{car.number}, {round_label(meeting.series, meeting.round)}"
    return f"{where} ({car.car_class}): {n} {verb} {categories_text(rule.categories)}{who}{bound}"


@dataclass(slots=True, unsafe_hash=True)
class DocumentFinding:
    """A driver's document expired (severity "clash") or expiring soon ("warning") at a meeting
    the driver is entered at."""

    driver: Driver
    document: Document
    meeting: Meeting
    severity: str
    kind: ClassVar[str] = "document"

    @property
    def message(self) -> str:
        return document_sentence(self.driver, self.document, self.meeting, self.severity)


def document_severity(expires: date, meeting: Meeting) -> str | None:
    """ "clash" when the document expires before the meeting's last day, "warning" when it
    expires within 30 days of its first day, else None."""
    if expires < meeting.end_date:
        return "clash"
    if (expires - meeting.start_date).days <= WARNING_DAYS:
        return "warning"
    return None


def document_sentence(driver: Driver, document: Document, meeting: Meeting, severity: str) -> str:
    dates = date_range(meeting.start_date, meeting.end_date)
    where = f"{round_label(meeting.series, meeting.round)} ({meeting.circuit.name}, {dates})"
    expires = f"{driver.name}'s {document.name} expires on {day_text(document.expires)}"
    if severity == "clash":
        return f"{expires}, before the end of {where}{DOCUMENT_ENDS[0]}"
    days = (document.expires - meeting.start_date).days
    when = "the day" if days == 0 else f"{days} day{'s' if days != 1 else ''} after the start"
    return f"{expires}, {when} of {where}{DOCUMENT_ENDS[1]}"


def meeting_key(meeting: Meeting) -> tuple[int, str, str]:
    """Meetings by start (the first instant of the first local day), then series and round."""
    start = local_midnight(meeting.start_date, meeting.circuit.tz)
    return (int(start.timestamp()), meeting.series, meeting.round)


def rule_key(rule: LineupRule) -> tuple[str, int, int]:
    low = -1 if rule.min_count is None else rule.min_count
    high = -1 if rule.max_count is None else rule.max_count
    return (";".join(sorted(rule.categories)), low, high)
