"""The clash list's text filter: the rows whose folded text holds what was typed.

The clash model keeps one :class:`TextIndex` over the rows it lists (after the severity and
driver choices, in their shown order). Each row's text (all its columns and its sentence,
folded) is prepared once, in idle steps after a change; a keystroke then tests plain strings
in one pass, and typing on tests only the rows the shorter text let through. A backspace finds
its answer among the recent ones. The model resets with the rows found: no proxy asks Python
about each row in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

DEBOUNCE_MS = 10
"""Keystrokes closer than this are filtered once (fast typing), and a pause shows at once."""
WARM_CHUNK = 500
"""Rows whose filter text is prepared per idle step."""
RECENT_LIMIT = 32
"""Answers kept for texts typed lately (a backspace, or typing the same word again)."""


def fold(text: str) -> str:
    """What the filter compares: case ignored, outer spaces dropped."""
    return text.casefold().strip()


class TextIndex(Generic[T]):
    """The folded texts of ``items`` (prepared in steps) and the rows holding a needle."""

    def __init__(self, items: Sequence[T], text_of: Callable[[T], str]) -> None:
        self._items = items
        self._text_of = text_of
        self._texts: list[str] = []
        self._recent: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._items)

    @property
    def ready(self) -> bool:
        """Every row's text is prepared."""
        return len(self._texts) == len(self._items)

    def warm(self, count: int) -> bool:
        """Prepare the texts of the next ``count`` rows; True once every row is prepared."""
        start = len(self._texts)
        text_of = self._text_of
        self._texts.extend(text_of(item) for item in self._items[start:start + count])
        return self.ready

    def rows(self, needle: str) -> list[int]:
        """The rows whose text holds ``needle`` (already folded), in row order."""
        found = self._recent.get(needle)
        if found is not None:
            return found
        self.warm(len(self._items))
        texts = self._texts
        wider = max((k for k in self._recent if k in needle), key=len, default=None)
        if wider is None:
            found = [i for i, text in enumerate(texts) if needle in text]
        else:
            found = [i for i in self._recent[wider] if needle in texts[i]]
        if len(self._recent) >= RECENT_LIMIT:
            self._recent.clear()
        self._recent[needle] = found
        return found
