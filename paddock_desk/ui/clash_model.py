"""Every clash and warning of the season as a table, one row each, with its explanation."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor

from paddock_desk.domain.clashes import Clash
from paddock_desk.domain.commitments import Block, Commitment
from paddock_desk.ui.clash_filter import WARM_CHUNK, TextIndex, fold
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.roster_model import day_range

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet

Index = QModelIndex | QPersistentModelIndex

KIND_LABELS = {
    "overlap": "Overlap",
    "travel": "Travel",
    "unavailable": "Unavailable",
    "double_duty": "Double duty",
    "tight_turnaround": "Tight turnaround",
    "weekends_in_a_row": "Weekends in a row",
}


class Column(IntEnum):
    SEVERITY = 0
    DRIVER = 1
    KIND = 2
    DATES = 3
    FIRST = 4
    SECOND = 5
    EXPLANATION = 6


COLUMNS = len(Column)
UNSERVED_ROLES = frozenset(int(r.value) for r in (
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.SizeHintRole,
))
SHOWN_CHARS = 120
"""The most of a cell's text the table lays out (the tooltip and the details hold it all)."""

HEADERS = {
    Column.SEVERITY: "Severity",
    Column.DRIVER: "Driver",
    Column.KIND: "Kind",
    Column.DATES: "Dates",
    Column.FIRST: "First commitment",
    Column.SECOND: "Second commitment",
    Column.EXPLANATION: "Explanation",
}


class ClashRole(IntEnum):
    CLASH = Qt.ItemDataRole.UserRole + 1
    """The Clash behind the row."""
    MEETING_ID = Qt.ItemDataRole.UserRole + 2
    """The first meeting the clash names (the one a double-click jumps to)."""
    SEVERITY = Qt.ItemDataRole.UserRole + 4


def commitment_label(item: Commitment | Block) -> str:
    """"Blancpain GT Series Asia 1, Sepang (Races 1-2)" or "unavailable: holiday"."""
    if isinstance(item, Block):
        reason = item.unavailability.reason or "unavailable"
        return f"Unavailable ({reason}), {day_range(item.first_day, item.last_day)}"
    meeting = item.meeting
    return f"{meeting.series} {meeting.round}, {meeting.name}"


def _dates_text(clash: Clash) -> str:
    meeting = clash.first.meeting
    return f"{day_range(meeting.start_date, meeting.end_date)} {meeting.end_date.year}"


CELL_TEXTS: tuple[Callable[[Clash], str], ...] = (
    lambda c: "Clash" if c.severity == "clash" else "Warning",  # Column.SEVERITY
    lambda c: c.driver.name,  # DRIVER
    lambda c: KIND_LABELS.get(c.kind) or c.kind.replace("_", " ").capitalize(),  # KIND
    _dates_text,  # DATES
    lambda c: commitment_label(c.first),  # FIRST
    lambda c: commitment_label(c.second),  # SECOND
    lambda c: c.message,  # EXPLANATION
)
"""Each column's text of a clash, in column order (one call each: the list writes 30,000)."""


class ClashModel(QAbstractTableModel):
    """The document's clashes, sorted and filtered here (tens of thousands at world scale).

    Rows are kept in ascending order of their sort key; an edit that touches a few drivers
    takes out and puts back only their rows (by bisection), so the list stays fast at world
    scale. The text filter answers from a :class:`TextIndex` prepared in idle time, and the
    model resets with the rows found.
    """

    def __init__(self, document: SeasonDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._column = Column.DATES
        self._order = Qt.SortOrder.AscendingOrder
        self._text = ""
        self._severity: str | None = None
        self._drivers: frozenset[int] | None = None
        self._rows: list[tuple[Any, int, Clash]] = []
        self._by_driver: dict[int, list[tuple[Any, int, Clash]]] = {}
        self._haystacks: dict[int, str] = {}
        self._cells: dict[int, tuple[str, ...]] = {}
        self._listed: list[Clash] = []
        """The rows the severity and driver choices let through, in their shown order."""
        self._index: TextIndex[Clash] = TextIndex(self._listed, self._haystack)
        self._shown: list[Clash] = []
        """The rows on the table: the listed ones holding the filter text."""
        self._clash_count = 0
        self._warmer = QTimer(self)
        self._warmer.setInterval(0)
        self._warmer.timeout.connect(self._warm_step)
        self._rebuild(document.clashes)
        document.changed.connect(self.on_changed)

    # ---- rows ----------------------------------------------------------------------------

    def _row(self, clash: Clash) -> tuple[Any, int, Clash]:
        return (self._sort_value(clash, self._column), id(clash), clash)

    def _texts(self, clash: Clash) -> tuple[str, ...]:
        """Every column's text of a clash, written once (painting asks for them often)."""
        found = self._cells.get(id(clash))
        if found is None:
            found = tuple([text(clash) for text in CELL_TEXTS])
            self._cells[id(clash)] = found
        return found

    def _haystack(self, clash: Clash) -> str:
        """Every column's text, folded, for the filter (built when first filtered)."""
        found = self._haystacks.get(id(clash))
        if found is None:
            found = " ".join(self._texts(clash)).casefold()
            self._haystacks[id(clash)] = found
        return found

    def _rebuild(self, clashes: list[Clash]) -> None:
        self._rows = sorted(self._row(c) for c in clashes)
        self._by_driver = {}
        for row in self._rows:
            self._by_driver.setdefault(row[2].driver.id, []).append(row)
        self._clash_count = sum(1 for c in clashes if c.severity == "clash")
        self._haystacks = {}
        self._cells = {}
        self._refilter()

    def _replace_drivers(self, driver_ids: frozenset[int]) -> None:
        rows = self._rows
        for driver_id in driver_ids:
            for old in self._by_driver.pop(driver_id, ()):
                del rows[bisect_left(rows, old[:2])]
                self._clash_count -= old[2].severity == "clash"
                self._haystacks.pop(old[1], None)
                self._cells.pop(old[1], None)
            new = [self._row(c) for c in self._document.clashes_for_driver(driver_id)]
            for row in new:
                insort(rows, row)
                self._clash_count += row[2].severity == "clash"
            if new:
                self._by_driver[driver_id] = new
        self._refilter()

    def _ordered(self) -> list[tuple[Any, int, Clash]] | reversed[tuple[Any, int, Clash]]:
        descending = self._order == Qt.SortOrder.DescendingOrder
        return reversed(self._rows) if descending else self._rows

    def _refilter(self) -> None:
        """List the rows again (their order or the severity or driver choice changed)."""
        severity, drivers = self._severity, self._drivers
        if severity is None and drivers is None:
            self._listed = [clash for _key, _i, clash in self._ordered()]
        else:
            self._listed = [
                clash for _key, _i, clash in self._ordered()
                if (severity is None or clash.severity == severity)
                and (drivers is None or clash.driver.id in drivers)
            ]
        self._index = TextIndex(self._listed, self._haystack)
        self._apply_text()
        self._warmer.start()

    def _apply_text(self) -> None:
        if not self._text:
            self._shown = self._listed
        else:
            listed = self._listed
            self._shown = [listed[i] for i in self._index.rows(self._text)]

    def _warm_step(self) -> None:
        """Prepare the filter text of a chunk of rows, so that no keystroke waits for it."""
        if self._index.warm(WARM_CHUNK):
            self._warmer.stop()

    def warm_now(self) -> None:
        """Prepare every row's filter text at once (tests and benchmarks)."""
        self._index.warm(len(self._index))
        self._warmer.stop()

    def _at(self, row: int) -> Clash:
        return self._shown[row]

    def _reset(self, action: Any) -> None:
        self.beginResetModel()
        action()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = Column(column), order
        clashes = [r[2] for r in self._rows]
        self.layoutAboutToBeChanged.emit()
        self._rebuild(clashes)
        self.layoutChanged.emit()

    def text(self) -> str:
        """The filter text, folded."""
        return self._text

    def set_filter(self, text: str) -> None:
        """Show only the rows whose text holds ``text`` (case ignored)."""
        needle = fold(text)
        if needle != self._text:
            self._text = needle
            self._reset(self._apply_text)

    def set_severity(self, severity: str | None) -> None:
        self._severity = severity
        self._reset(self._refilter)

    def set_drivers(self, driver_ids: frozenset[int] | None) -> None:
        """List only these drivers' clashes (None: everyone's)."""
        if driver_ids != self._drivers:
            self._drivers = driver_ids
            self._reset(self._refilter)

    def on_changed(self, change: ChangeSet) -> None:
        if change.all_drivers:
            self._reset(lambda: self._rebuild(self._document.clashes))
        else:
            self._reset(lambda: self._replace_drivers(change.driver_ids))

    # ---- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def clash(self, row: int) -> Clash:
        return self._at(row)

    def row_of(self, clash: Clash) -> int | None:
        """The row ``clash`` is listed on, or None."""
        return next((row for row, shown in enumerate(self._shown) if shown is clash), None)

    def visible(self) -> list[Clash]:
        """The clashes listed now, in their shown order."""
        return list(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in UNSERVED_ROLES:  # asked for every painted cell: answered first
            return None
        row = index.row()
        shown = self._shown
        if row < 0 or row >= len(shown):
            return None
        clash = shown[row]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._texts(clash)[index.column()]
            # A sentence wider than any screen is cut before Qt lays it out to elide it.
            return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts(clash)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return clash.message
        if role == ClashRole.CLASH:
            return clash
        if role == ClashRole.MEETING_ID:
            return clash.first.meeting.id
        if role == ClashRole.SEVERITY:
            return clash.severity
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == Column.SEVERITY:
            return QBrush(QColor("#c62828" if clash.severity == "clash" else "#b26a00"))
        return None

    @staticmethod
    def _text_of(clash: Clash, column: Column) -> str:
        return CELL_TEXTS[column](clash)

    def _sort_value(self, clash: Clash, column: Column) -> Any:
        if column == Column.DATES:
            return (clash.first.start, clash.driver.name)
        if column == Column.SEVERITY:
            return (0 if clash.severity == "clash" else 1, clash.first.start)
        if column == Column.EXPLANATION:
            return clash.driver.name.casefold()  # the sentence starts with the driver's name
        return (self._text_of(clash, column).casefold(), clash.first.start)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[Column(section)]
        return None

    def counts(self) -> tuple[int, int]:
        """(clashes, warnings) of the whole season, whatever the filter."""
        return self._clash_count, len(self._rows) - self._clash_count
