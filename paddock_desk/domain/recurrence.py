"""Repeating unavailability: the occurrences of a block, from an RFC 5545 RRULE value.

Each occurrence starts on a date the rule gives from the block's start date and lasts as many
days as ``start_date..end_date``. A rule without UNTIL or COUNT is expanded for two years from
the start date; any rule stops after :data:`MAX_OCCURRENCES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Unavailability

OPEN_RULE_YEARS = 2
MAX_OCCURRENCES = 5000

_UNTIL = re.compile(r"UNTIL=(\d{8})(T\d{6})?(Z?)", re.IGNORECASE)


class RuleError(PaddockError):
    """An RRULE value that cannot be read."""


def _until_in_utc(match: re.Match[str]) -> str:
    day, clock, _zulu = match.group(1), match.group(2), match.group(3)
    return f"UNTIL={day}{clock or 'T235959'}Z"


def _normalised(rule_text: str) -> str:
    text = rule_text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    return _UNTIL.sub(_until_in_utc, text)


@lru_cache(maxsize=4096)
def parse_rule(rule_text: str, start: date) -> rrule:
    """The rule ``rule_text`` starting on ``start`` (dates as UTC midnights)."""
    dtstart = datetime.combine(start, time(0), tzinfo=UTC)
    try:
        parsed = rrulestr(_normalised(rule_text), dtstart=dtstart)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise RuleError(f"cannot read the repeat rule {rule_text!r}: {exc}") from exc
    if not isinstance(parsed, rrule):
        raise RuleError(f"the repeat rule {rule_text!r} is not a single RRULE")
    return parsed


def check_rule(rule_text: str) -> None:
    """Raise :class:`RuleError` when ``rule_text`` is not a usable RRULE value."""
    parse_rule(rule_text, date(2000, 1, 1))


def _is_open(rule: rrule) -> bool:
    return rule._until is None and rule._count is None  # type: ignore[attr-defined]


def occurrence_starts(rule_text: str, start: date, until: date | None = None) -> Iterator[date]:
    """The dates on which occurrences of the rule start, in order (up to ``until`` if given)."""
    rule = parse_rule(rule_text, start)
    horizon = start + relativedelta(years=OPEN_RULE_YEARS) if _is_open(rule) else None
    for count, instant in enumerate(rule):
        day = instant.date()
        if count >= MAX_OCCURRENCES or (horizon is not None and day >= horizon):
            return
        if until is not None and day > until:
            return
        yield day


def occurrences(block: Unavailability, until: date | None = None) -> list[tuple[date, date]]:
    """Every occurrence of ``block`` as (first day, last day), both inclusive, in order.

    With ``until``, only the occurrences that start on or before that day.
    """
    if not block.rrule:
        return [(block.start_date, block.end_date)]
    length = block.end_date - block.start_date
    if length < timedelta(0):
        length = timedelta(0)
    starts = occurrence_starts(block.rrule, block.start_date, until)
    return [(day, day + length) for day in starts]
