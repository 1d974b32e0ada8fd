"""Names that look alike: typos in new names, and suggestions for unknown ones.

Names are compared folded: without accents, case or repeated spaces. A new name is close to a
known one when the folded names are at most two edits apart and do not differ only in digits
("Formula 1 2024" and "Formula 1 2025" are two seasons, "Formula 1" and "Formula E" two series,
not a typo). The check stays fast for thousands of names: an exact prefilter finds the few names
that can be close, and rapidfuzz measures them.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

MAX_EDITS = 2


def fold(name: str) -> str:
    """``name`` without accents, case or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def closest(name: str, known: Iterable[str], cutoff: float = 70.0) -> str | None:
    """The known name most like ``name`` (for "did you mean"), or None when none is near."""
    return Suggestions(known).closest(name, cutoff)


class Suggestions:
    """Known names folded once, to suggest one for many unknown names."""

    def __init__(self, known: Iterable[str]) -> None:
        self._choices = {fold(k): k for k in known}
        self._folded = list(self._choices)
        self._found: dict[tuple[str, float], str | None] = {}

    def closest(self, name: str, cutoff: float = 70.0) -> str | None:
        """The known name most like ``name``, or None when none is near."""
        if (name, cutoff) not in self._found:
            found = process.extractOne(
                fold(name), self._folded, scorer=fuzz.WRatio, score_cutoff=cutoff
            )
            self._found[(name, cutoff)] = self._choices[found[0]] if found else None
        return self._found[(name, cutoff)]


PIECES = MAX_EDITS + 1


def _pieces(length: int) -> list[tuple[int, int]]:
    """Where the PIECES parts of a name of ``length`` characters start, and their sizes."""
    cuts = [length * i // PIECES for i in range(PIECES + 1)]
    return [(cuts[i], cuts[i + 1] - cuts[i]) for i in range(PIECES)]


def _positions(piece: int, start: int, size: int, length: int) -> range:
    """Where an unchanged piece of a known name can sit in a name of ``length`` characters.

    The first piece has no edit before it and stays at the start; the last has none after it
    and stays at the end; a middle one moves by the edits before it.
    """
    if piece == 0:
        return range(0, 1)
    if piece == PIECES - 1:
        return range(length - size, length - size + 1) if length >= size else range(0)
    low, high = max(start - MAX_EDITS, 0), min(start + MAX_EDITS, length - size)
    return range(low, high + 1)


class NameIndex:
    """Known names indexed for the typo check.

    The prefilter is exact: two edits cannot touch all three parts of a known name, so one part
    appears unchanged in a close name, where :func:`_positions` looks for it. Names sharing such
    a part are then measured by rapidfuzz.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._parts: defaultdict[tuple[int, int, str], list[str]] = defaultdict(list)
        self._original: dict[str, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        folded = fold(name)
        if folded in self._original:
            return
        self._original[folded] = name
        for i, (start, size) in enumerate(_pieces(len(folded))):
            self._parts[(len(folded), i, folded[start : start + size])].append(folded)

    def _candidates(self, folded: str) -> set[str]:
        found: set[str] = set()
        for length in range(len(folded) - MAX_EDITS, len(folded) + MAX_EDITS + 1):
            for i, (start, size) in enumerate(_pieces(max(length, 0))):
                for at in _positions(i, start, size, len(folded)):
                    found.update(self._parts.get((length, i, folded[at : at + size]), ()))
        return found

    def close_to(self, name: str) -> str | None:
        """A known name that ``name`` is close to (but not the same as), or None."""
        folded = fold(name)
        candidates = sorted(self._candidates(folded))
        matches = process.extract(
            folded, candidates, scorer=Levenshtein.distance, score_cutoff=MAX_EDITS, limit=None
        )
        for match, _distance, _index in matches:
            original = self._original[match]
            if original != name and not _only_digits_differ(folded, match):
                return original
        return None


def _only_digits_differ(a: str, b: str) -> bool:
    """Whether every edit from ``a`` to ``b`` puts, drops or replaces a digit, spaces aside.

    "Formula 1" and "Formula E", "GT Asia 2" and "GT Asia" differ only in digits.
    """
    digit_seen = False
    for op in Levenshtein.editops(a, b):
        old = a[op.src_pos] if op.tag != "insert" else ""
        new = b[op.dest_pos] if op.tag != "delete" else ""
        if old.isdigit() or new.isdigit():
            digit_seen = True
        elif not (old + new).isspace():
            return False
    return digit_seen
