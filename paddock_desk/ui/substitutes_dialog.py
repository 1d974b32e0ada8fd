"""Find a substitute for a seat: the ranked free drivers; OK puts the chosen one in the seat.

Opened from a clash (the seats of both commitments are offered, the later one first) or from a
roster cell (that seat). Taking the clashing driver out of the seat and entering the substitute
is one undoable step.

Keyboard safety: focus starts on the list of drivers (the thing a person reads first), never on
the Seat box, whose arrow keys would change the car; the Seat box comes last in the tab order.
The OK button says exactly what it does ("Put Matsuda in, take Imperatori out"), and after it
the main window's status bar says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.clashes import Clash
from paddock_desk.domain.commitments import Commitment
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Car, Meeting
from paddock_desk.domain.substitutes import Seat, Substitute, best_first, rank_substitutes
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.roster_model import meeting_label

if TYPE_CHECKING:
    from paddock_desk.services.editing import Edit

GROUPS = {0: "Team", 1: "Series", 2: "Other"}


@dataclass(frozen=True)
class SeatChoice:
    """A car at a meeting, and the driver who leaves it (None: nobody)."""

    meeting: Meeting
    car: Car
    leaving: int | None

    def label(self) -> str:
        return f"{self.car.team} #{self.car.number} at {meeting_label(self.meeting)}"


def seats_of_clash(clash: Clash) -> list[SeatChoice]:
    """The seats a clash could free: the later commitment's cars first."""
    parts = [p for p in (clash.second, clash.first) if isinstance(p, Commitment)]
    return [SeatChoice(p.meeting, car, clash.driver.id) for p in parts for car in p.cars]


class SubstitutesDialog(QDialog):
    """The ranked list of drivers free for a seat."""

    def __init__(
        self, document: SeasonDocument, seats: list[SeatChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.seats = seats
        self.setWindowTitle("Find a substitute")
        self.resize(860, 420)
        self._build()
        self.on_seat_changed()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.done_message = ""

    def _build(self) -> None:
        self.seat_combo = QComboBox()
        self.seat_combo.setAccessibleName("Seat to fill")
        for seat in self.seats:
            self.seat_combo.addItem(seat.label())
        self.seat_combo.currentIndexChanged.connect(lambda _i: self.on_seat_changed())
        self.leave_box = QCheckBox()
        self.leave_box.setChecked(True)
        self.leave_box.toggled.connect(lambda _on: self._update_ok())
        self.list = QTreeWidget()
        self.list.setAccessibleName("Free drivers, best first")
        self.list.setHeaderLabels(["Driver", "Group", "Team", "Why"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setColumnWidth(0, 170)
        self.list.setColumnWidth(1, 60)
        self.list.setColumnWidth(2, 140)
        self.list.itemSelectionChanged.connect(self._update_ok)
        self.list.itemDoubleClicked.connect(lambda _item, _col: self.accept())
        self.empty = QLabel("Nobody is free for this seat.")
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Put in the seat")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Seat:", self.seat_combo)
        form.addRow("", self.leave_box)
        label = form.labelForField(self.seat_combo)
        if isinstance(label, QLabel):
            label.setBuddy(self.seat_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.list, self.empty, self.message, self.buttons):
            layout.addWidget(widget)
        ok = self.ok_button()
        self.setTabOrder(self.list, self.leave_box)
        self.setTabOrder(self.leave_box, ok)
        self.setTabOrder(ok, self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        self.setTabOrder(self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                         self.seat_combo)

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def seat(self) -> SeatChoice:
        return self.seats[self.seat_combo.currentIndex()]

    def on_seat_changed(self) -> None:
        seat = self.seat()
        leaving = self.document.season.drivers.get(seat.leaving) if seat.leaving else None
        self.leave_box.setVisible(leaving is not None)
        if leaving is not None:
            self.leave_box.setText(
                f"Take {leaving.name} out of {seat.car.team} #{seat.car.number} "
                f"for round {seat.meeting.round}"
            )
        self.substitutes = best_first(
            rank_substitutes(self.document.engine, Seat(seat.meeting, (seat.car,)))
        )
        self.list.clear()
        for substitute in self.substitutes:
            item = QTreeWidgetItem([substitute.driver, GROUPS.get(substitute.group, ""),
                                    substitute.team or "", substitute.reason])
            item.setToolTip(3, substitute.reason)
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.empty.setVisible(not self.substitutes)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self._update_ok()

    def names(self) -> list[str]:
        return [s.driver for s in self.substitutes]

    def choose(self, name: str) -> None:
        items = self.list.findItems(name, Qt.MatchFlag.MatchExactly, 0)
        if not items:
            raise KeyError(name)
        self.list.setCurrentItem(items[0])

    def chosen(self) -> Substitute | None:
        item = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(item) if item is not None else -1
        return self.substitutes[row] if row >= 0 else None

    def _leaving_name(self) -> str | None:
        """The driver the change takes out of the seat (None: nobody leaves)."""
        seat = self.seat()
        if seat.leaving is None or not self.leave_box.isChecked():
            return None
        leaving = self.document.season.drivers.get(seat.leaving)
        return leaving.name if leaving is not None else None

    def _update_ok(self) -> None:
        """The OK button names who goes in and who comes out."""
        chosen = self.chosen()
        ok = self.ok_button()
        ok.setEnabled(chosen is not None)
        if chosen is None:
            ok.setText("&Put in the seat")
            return
        leaving = self._leaving_name()
        seat = self.seat()
        text = f"&Put {surname(chosen.driver)} in"
        if leaving is not None:
            text += f", take {surname(leaving)} out"
        else:
            text += f" {seat.car.team} #{seat.car.number}"
        ok.setText(text)
        ok.setToolTip(self._sentence(chosen.driver, leaving, seat))

    @staticmethod
    def _sentence(driver: str, leaving: str | None, seat: SeatChoice) -> str:
        text = (f"Put {driver} in {seat.car.team} #{seat.car.number} for "
                f"{seat.meeting.series} round {seat.meeting.round}")
        return text + (f", taking {leaving} out" if leaving else "")

    def edit(self) -> Edit | None:
        """One undoable step: the leaving driver out (when ticked), the substitute in."""
        from paddock_desk.services.editing import EditGroup, enter_driver, remove_driver

        substitute = self.chosen()
        if substitute is None:
            return None
        seat = self.seat()
        driver = self.document.season.driver_named(substitute.driver)
        if driver is None:
            return None
        edits: list[Edit] = []
        if seat.leaving is not None and self.leave_box.isChecked():
            edits.append(remove_driver(seat.leaving, seat.car.id, [seat.meeting.round]))
        edits.append(enter_driver(driver.id, seat.car.id, [seat.meeting.round]))
        text = (f"Put {driver.name} in {seat.car.team} #{seat.car.number} for "
                f"{seat.meeting.series} round {seat.meeting.round}")
        return EditGroup(edits, text=text)

    def _confirm(self) -> None:
        """Say in the main window's status bar what was done (and how to take it back)."""
        chosen = self.chosen()
        if chosen is None:
            return
        self.done_message = (self._sentence(chosen.driver, self._leaving_name(), self.seat())
                             + ". Edit > Undo (Ctrl+Z) takes it back.")
        parent = self.parentWidget()
        top = parent.window() if parent is not None else None
        if isinstance(top, QMainWindow):
            top.statusBar().showMessage(self.done_message, 15000)

    def accept(self) -> None:
        edit = self.edit()
        if edit is None:
            return
        try:
            self.document.execute(edit)
        except PaddockError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self._confirm()
        super().accept()


def surname(name: str) -> str:
    """The last word of a name, as a button can hold it ("Tsugio Matsuda" -> "Matsuda")."""
    words = name.split()
    return words[-1] if words else name
