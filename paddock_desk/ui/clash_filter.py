"""The clash list's text filter: a QSortFilterProxyModel over the clash model, never a rebuild.

A keystroke in the filter box restarts a short timer (:data:`DEBOUNCE_MS`); when it fires, the
proxy tests every row's folded text (all its columns and its sentence, prepared once, in idle
time after a change) in one pass, then Qt drops the rows that fail. The clash model underneath
keeps its rows and its order; sorting a column is passed down to it (it keeps rows sorted by
bisection, far faster than sorting through a proxy at world scale).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)

from paddock_desk.domain.clashes import Clash
from paddock_desk.ui.clash_model import ClashModel

Index = QModelIndex | QPersistentModelIndex
DEBOUNCE_MS = 10
"""Keystrokes closer than this are filtered once (fast typing), and a pause shows at once."""
WARM_CHUNK = 500
"""Rows whose filter text is prepared per idle step."""


class ClashFilterProxy(QSortFilterProxyModel):
    """The clashes whose text holds what was typed (case and accents ignored)."""

    def __init__(self, source: ClashModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.setSourceModel(source)
        self._source = source
        self._needle = ""
        self._accepted: list[bool] | None = None
        self._generation = -1
        self._generation_seen = -1
        self._recent: dict[str, list[bool]] = {}
        """Results of recent texts of this generation (a backspace finds its answer here)."""
        self._warm_row = 0
        self._warmer = QTimer(self)
        self._warmer.setInterval(0)
        self._warmer.timeout.connect(self._warm_step)
        source.modelReset.connect(self._start_warming)
        source.layoutChanged.connect(self._start_warming)
        self._start_warming()

    # ---- filtering -----------------------------------------------------------------------

    def text(self) -> str:
        return self._needle

    def set_filter(self, text: str) -> None:
        """Show only the rows whose text holds ``text`` (now; the panel debounces)."""
        needle = text.casefold().strip()
        if needle == self._needle:
            return
        self._needle = needle
        self._generation = -1
        self.invalidate()

    def _recompute(self) -> None:
        """Test every row once: only the rows a shorter text let through when typing on."""
        if self._generation_seen != self._source.generation:
            self._recent = {}
            self._generation_seen = self._source.generation
        self._generation = self._source.generation
        needle = self._needle
        if not needle:
            self._accepted = None
            return
        found = self._recent.get(needle)
        if found is None:
            texts = self._source.haystacks()
            wider = max((k for k in self._recent if k in needle), key=len, default=None)
            if wider is None:
                found = [needle in text for text in texts]
            else:
                before = self._recent[wider]
                found = [ok and needle in text for ok, text in zip(before, texts, strict=True)]
            if len(self._recent) > 32:
                self._recent.clear()
            self._recent[needle] = found
        self._accepted = found

    def filterAcceptsRow(self, source_row: int, _parent: Index) -> bool:
        if self._generation != self._source.generation:
            self._recompute()
        accepted = self._accepted
        return accepted is None or accepted[source_row]

    # ---- what the rest of the panel asks -------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    def clash(self, row: int) -> Clash:
        return self._source.clash(self.mapToSource(self.index(row, 0)).row())

    def visible(self) -> list[Clash]:
        """The clashes listed now, in their shown order."""
        shown = self._source.visible()
        if self._accepted is None or self._generation != self._source.generation:
            return [shown[self.mapToSource(self.index(r, 0)).row()]
                    for r in range(self.rowCount())]
        return [c for c, ok in zip(shown, self._accepted, strict=True) if ok]

    def counts(self) -> tuple[int, int]:
        return self._source.counts()

    def set_severity(self, severity: str | None) -> None:
        self._source.set_severity(severity)

    def set_drivers(self, driver_ids: frozenset[int] | None) -> None:
        self._source.set_drivers(driver_ids)

    # ---- idle work -----------------------------------------------------------------------

    def _start_warming(self) -> None:
        self._warm_row = 0
        self._warmer.start()

    def _warm_step(self) -> None:
        """Prepare the filter text of a chunk of rows, so that no keystroke waits for it."""
        end = self._source.warm(self._warm_row, WARM_CHUNK)
        self._warm_row = end
        if end >= self._source.rowCount():
            self._warmer.stop()

    def warm_now(self) -> None:
        """Prepare every row's filter text at once (tests and benchmarks)."""
        self._source.warm(0, self._source.rowCount())
        self._warmer.stop()
