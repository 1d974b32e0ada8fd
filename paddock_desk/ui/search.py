"""Ctrl+F: one search box over the meetings, the circuits and the drivers of the season.

Typing narrows a list of hits (accents and case ignored); Enter or a double-click on a hit
jumps to it: a meeting or a circuit's meeting is picked in the calendars, a driver narrows
every view to that driver.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from paddock_desk.domain.model import Meeting, Season
from paddock_desk.ui.calendar_data import date_range_text

Index = QModelIndex | QPersistentModelIndex
MAX_HITS = 300
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def fold(text: str) -> str:
    """``text`` without accents, case or repeated spaces (what a search compares)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class Hit:
    """One search result: a meeting (``meeting_id``) or a driver (``driver``)."""

    kind: str
    label: str
    meeting_id: int | None = None
    driver: str | None = None


def _meeting_label(m: Meeting) -> str:
    return (f"{m.name}, {m.series} round {m.round}, {m.circuit.name}, "
            f"{date_range_text(m)}")


def search(season: Season, text: str, limit: int = MAX_HITS) -> list[Hit]:
    """Meetings whose name, series or round match, meetings at matching circuits, drivers."""
    words = fold(text).split()
    if not words:
        return []

    def matches(*fields: str) -> bool:
        haystack = fold(" ".join(fields))
        return all(w in haystack for w in words)

    meetings = sorted(season.meetings.values(), key=lambda m: (m.start_date, m.series))
    hits = [Hit("Driver", f"Driver: {d.name} ({d.nationality or 'no nationality'})",
                driver=d.name)
            for d in sorted(season.drivers.values(), key=lambda d: d.name)
            if matches(d.name, d.nationality)]
    hits += [Hit("Meeting", _meeting_label(m), meeting_id=m.id) for m in meetings
             if matches(m.name, m.series, m.round)]
    seen = {h.meeting_id for h in hits}
    hits += [Hit("Circuit", f"At {m.circuit.name} ({m.circuit.country}): {m.name}, "
                 f"{m.series}, {date_range_text(m)}", meeting_id=m.id)
             for m in meetings if m.id not in seen and matches(m.circuit.name, m.circuit.country)]
    return hits[:limit]


class SearchModel(QAbstractListModel):
    """The hits of the current search text, one row each."""

    def __init__(self, season: Season, parent: Any = None) -> None:
        super().__init__(parent)
        self._season = season
        self._hits: list[Hit] = []

    def set_text(self, text: str) -> None:
        self.beginResetModel()
        self._hits = search(self._season, text)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return hit.label
        if role == HIT_ROLE:
            return hit
        return None

    def hits(self) -> list[Hit]:
        return list(self._hits)


class SearchDialog(QDialog):
    """Type to search; Down moves into the hits, Enter jumps to one."""

    chosen = Signal(object)

    def __init__(self, season: Season, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find meetings, circuits and drivers")
        self.resize(640, 420)
        self.model = SearchModel(season, self)
        self.edit = QLineEdit(placeholderText="A meeting, series, circuit, country or driver…")
        self.edit.setAccessibleName("Search the season")
        self.edit.setClearButtonEnabled(True)
        self.list = QListView()
        self.list.setAccessibleName("Search results")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.count = QLabel("Type to search.")
        self.count.setAccessibleName("Number of results")
        layout = QVBoxLayout(self)
        for widget in (self.edit, self.count, self.list):
            layout.addWidget(widget)
        self.edit.textChanged.connect(self._on_text)
        self.list.activated.connect(self._choose)
        self.list.doubleClicked.connect(self._choose)
        self.edit.installEventFilter(self)
        self.edit.setFocus()

    def _on_text(self, text: str) -> None:
        self.model.set_text(text)
        n = self.model.rowCount()
        self.count.setText("Type to search." if not text.strip() else
                           f"{n}{'+' if n >= MAX_HITS else ''} found" if n else "Nothing found.")
        if n:
            self.list.setCurrentIndex(self.model.index(0))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """In the search box, Down goes to the hits and Enter takes the first (or current)."""
        if watched is self.edit and isinstance(event, QKeyEvent) and \
                event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.list.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.list.currentIndex()
                if current.isValid():
                    self._choose(current)
                return True
        return super().eventFilter(watched, event)

    def _choose(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.chosen.emit(hit)
            self.accept()
