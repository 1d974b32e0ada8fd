"""The line-up dialog's note: which rules of the car's class the line-up as entered would break.

It does not refuse the line-up (a team may enter a driver and fix the crew later); it says, before
Save, each breach the change would add, in the rule engine's words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QBoxLayout, QDialog, QLabel

from paddock_desk.domain.rounds import parse_rounds
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.lineup_marks import RULE_VIOLET
from paddock_desk.ui.lineup_watch import RULE_NOTE, lineup_watch

NOTE_NAME = "rule-note"


def breaches_added(document: SeasonDocument, values: dict[str, Any]) -> list[str]:
    """Sentences of the breaches entering ``driver_id`` in ``car_id`` for ``rounds`` would add."""
    season = document.season
    car = season.cars.get(values.get("car_id") or -1)
    driver_id = values.get("driver_id")
    if car is None or driver_id is None:
        return []
    rounds = parse_rounds(values.get("rounds"))
    watch = lineup_watch(document)
    found: list[str] = []
    for meeting in sorted(season.meetings.values(), key=lambda m: m.start_date):
        if meeting.series != car.series or (rounds is not None and meeting.round not in rounds):
            continue
        before = {id(b.rule) for b in watch.breaches_at(car.id, meeting.id)}
        crew = watch.engine.entered(car.id, meeting) | {driver_id}
        found += [b.message for b in watch.engine.breaches_with(car.id, meeting.id, crew)
                  if id(b.rule) not in before]
    return found


def show_note(dialog: QDialog, document: SeasonDocument, values: dict[str, Any]) -> QLabel:
    """Show (or hide) the note above the dialog's buttons."""
    note = dialog.findChild(QLabel, NOTE_NAME)
    if note is None:
        note = QLabel(dialog)
        note.setObjectName(NOTE_NAME)
        note.setWordWrap(True)
        note.setAccessibleName("Line-up rules this line-up would break")
        note.setStyleSheet(f"color: {RULE_VIOLET.name()};")
        layout = dialog.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(max(layout.count() - 1, 0), note)
    found = breaches_added(document, values)
    note.setText(RULE_NOTE + " ".join(f"{m}." for m in found) if found else "")
    note.setVisible(bool(found))
    return note
