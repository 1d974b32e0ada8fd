"""Narrowing the views to one driver or one team (combo boxes that complete as you type)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QFormLayout, QWidget

from paddock_desk.domain.model import Season

ALL_DRIVERS = "All drivers"
ALL_TEAMS = "All teams"


def _combo(name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(name)
    edit = combo.lineEdit()
    assert edit is not None  # editable
    edit.setAccessibleName(name)
    combo.setToolTip(tip)
    combo.setMinimumContentsLength(16)
    completer = combo.completer()
    assert completer is not None  # an editable combo box has one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


class FilterBar(QWidget):
    """A driver and a team filter; ``changed`` carries (driver name, team name), '' for all."""

    changed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.driver_box = _combo(
            "Driver filter", "Show only this driver: their meetings, roster row and clashes")
        self.team_box = _combo(
            "Team filter",
            "Show only this team: the meetings its cars race; its drivers' rows and clashes")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Driver:", self.driver_box)
        form.addRow("&Team:", self.team_box)
        self.driver_box.activated.connect(self._emit)
        self.team_box.activated.connect(self._emit)
        for box in (self.driver_box, self.team_box):
            edit = box.lineEdit()
            assert edit is not None  # editable
            edit.editingFinished.connect(self._emit)
        self._last = ("", "")

    def set_season(self, season: Season, driver: str, team: str) -> None:
        """Fill the lists; a remembered name no longer in the season falls back to all."""
        drivers = sorted(d.name for d in season.drivers.values())
        teams = sorted(t.name for t in season.teams.values())
        self._fill(self.driver_box, ALL_DRIVERS, drivers, driver)
        self._fill(self.team_box, ALL_TEAMS, teams, team)
        self._last = self.current()

    def _fill(self, box: QComboBox, everyone: str, names: list[str], pick: str) -> None:
        box.blockSignals(True)
        box.clear()
        box.addItem(everyone)
        box.addItems(names)
        index = box.findText(pick) if pick else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    def current(self) -> tuple[str, str]:
        return (
            _value(self.driver_box, ALL_DRIVERS),
            _value(self.team_box, ALL_TEAMS),
        )

    def set_current(self, driver: str, team: str) -> None:
        self.driver_box.setCurrentIndex(max(self.driver_box.findText(driver or ALL_DRIVERS), 0))
        self.team_box.setCurrentIndex(max(self.team_box.findText(team or ALL_TEAMS), 0))
        self._emit()

    def clear(self) -> None:
        self.set_current("", "")

    def _emit(self, *_args: object) -> None:
        for box, everyone in ((self.driver_box, ALL_DRIVERS), (self.team_box, ALL_TEAMS)):
            if box.findText(box.currentText()) < 0:
                box.setCurrentIndex(box.findText(everyone))
            else:
                box.setCurrentIndex(box.findText(box.currentText()))
        now = self.current()
        if now != self._last:
            self._last = now
            self.changed.emit(*now)


def _value(box: QComboBox, everyone: str) -> str:
    text = box.currentText()
    return "" if text == everyone or box.findText(text) < 0 else text
