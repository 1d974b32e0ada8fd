"""A widget per form field, reading and writing the value as stored in the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from paddock_desk.domain.rounds import format_rounds, parse_rounds
from paddock_desk.services.edits_forms import CATEGORIES
from paddock_desk.services.row_rules import zone_names
from paddock_desk.ui.dialogs.specs import Field

NOT_A_NUMBER = object()
"""The value of a number field whose text is not a number (validation names it)."""


class Editor:
    """A field's widget with ``value()`` and ``set_value()`` in stored form."""

    def __init__(self, field: Field, widget: QWidget) -> None:
        self.field = field
        self.widget = widget
        widget.setAccessibleName(field.label.replace("&", ""))
        if field.hint:
            widget.setToolTip(field.hint)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def on_change(self, slot: Callable[[], object]) -> None:
        raise NotImplementedError


class TextEditor(Editor):
    def __init__(self, field: Field) -> None:
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(field.hint)
        super().__init__(field, self.edit)

    def value(self) -> Any:
        text = self.edit.text().strip()
        if self.field.kind == "float":
            try:
                return float(text)
            except ValueError:
                return NOT_A_NUMBER
        if self.field.kind == "rounds":
            return format_rounds(parse_rounds(text))
        if self.field.kind in ("zone", "colour") or self.field.key in ("car_class", "rrule"):
            return text or None
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def on_change(self, slot: Callable[[], object]) -> None:
        self.edit.textChanged.connect(lambda _t: slot())


class ZoneEditor(TextEditor):
    """A time-zone chooser: type part of a name, pick from the IANA zones."""

    def __init__(self, field: Field) -> None:
        super().__init__(field)
        completer = QCompleter(list(zone_names()), self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(completer)


class IntEditor(Editor):
    def __init__(self, field: Field) -> None:
        self.spin = QSpinBox()
        self.spin.setRange(0, 60)
        super().__init__(field, self.spin)

    def value(self) -> Any:
        return self.spin.value()

    def set_value(self, value: Any) -> None:
        self.spin.setValue(int(value or 0))

    def on_change(self, slot: Callable[[], object]) -> None:
        self.spin.valueChanged.connect(lambda _v: slot())


class DateEditor(Editor):
    def __init__(self, field: Field) -> None:
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        super().__init__(field, self.edit)

    def value(self) -> Any:
        q = self.edit.date()
        return date(q.year(), q.month(), q.day())

    def set_value(self, value: Any) -> None:
        if isinstance(value, date):
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def on_change(self, slot: Callable[[], object]) -> None:
        self.edit.dateChanged.connect(lambda _d: slot())


class InstantEditor(Editor):
    """A session time, shown and entered in the zone ``zone()`` gives (the circuit's)."""

    def __init__(self, field: Field, zone: Callable[[], str]) -> None:
        self.edit = QDateTimeEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.zone = zone
        super().__init__(field, self.edit)

    def value(self) -> Any:
        q = self.edit.dateTime()
        d, t = q.date(), q.time()
        local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                         tzinfo=ZoneInfo(self.zone()))
        return local.astimezone(UTC)

    def set_value(self, value: Any) -> None:
        if isinstance(value, datetime):
            local = value.astimezone(ZoneInfo(self.zone()))
            self.edit.setDateTime(QDateTime(
                QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
            ))

    def on_change(self, slot: Callable[[], object]) -> None:
        self.edit.dateTimeChanged.connect(lambda _d: slot())


class BoolEditor(Editor):
    def __init__(self, field: Field) -> None:
        self.box = QCheckBox(field.label)
        super().__init__(field, self.box)

    def value(self) -> Any:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def on_change(self, slot: Callable[[], object]) -> None:
        self.box.toggled.connect(lambda _b: slot())


class ChoiceEditor(Editor):
    """A combo box of (id, label) pairs; ``category`` offers the FIA categories."""

    def __init__(self, field: Field, options: list[tuple[Any, str]]) -> None:
        self.combo = QComboBox()
        self.combo.setEditable(False)
        for key, label in options:
            self.combo.addItem(label, key)
        super().__init__(field, self.combo)

    def value(self) -> Any:
        data = self.combo.currentData()
        return data if data != "" else None

    def set_value(self, value: Any) -> None:
        found = self.combo.findData("" if value is None else value)
        self.combo.setCurrentIndex(max(found, 0))

    def on_change(self, slot: Callable[[], object]) -> None:
        self.combo.currentIndexChanged.connect(lambda _i: slot())


def make_editor(
    field: Field, options: list[tuple[Any, str]], zone: Callable[[], str]
) -> Editor:
    """The editor for a field (``options`` for choices, ``zone`` for session times)."""
    if field.kind == "zone":
        return ZoneEditor(field)
    if field.kind == "int":
        return IntEditor(field)
    if field.kind == "date":
        return DateEditor(field)
    if field.kind == "instant":
        return InstantEditor(field, zone)
    if field.kind == "bool":
        return BoolEditor(field)
    if field.kind == "category":
        return ChoiceEditor(field, [(c, c or "(none)") for c in CATEGORIES])
    if field.kind == "choice":
        return ChoiceEditor(field, options)
    if field.kind in ("bound", "categories"):
        from paddock_desk.ui.lineup_editors import rule_editor

        return rule_editor(field)
    return TextEditor(field)
