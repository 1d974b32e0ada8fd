"""Round labels: a round of a series is named by text ("1", "Q", "24h", "-").

A line-up names the rounds a driver races as labels separated by ';' ("1;2;24h"); no rounds
written (empty text) means every round of the series, now and later.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = ";"


def parse_rounds(text: str | None) -> frozenset[str] | None:
    """';'-separated round labels as a set; None (every round) for no text or only separators."""
    if not text:
        return None
    labels = frozenset(r.strip() for r in text.split(SEPARATOR) if r.strip())
    return labels or None


def format_rounds(rounds: Iterable[str] | None) -> str | None:
    """Round labels as written: sorted, ';'-separated; None for every round."""
    if rounds is None:
        return None
    return SEPARATOR.join(sorted(rounds))
