"""The substitute dialog, keyboard only: no trap that changes the seat, a button that says it all.

The trap this guards against: focus on the Seat box, one Down arrow picked another car (G-Drive
#26), Enter put a driver in it and took Imperatori out, without a word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from paddock_desk.ui.substitutes_dialog import SubstitutesDialog


def open_dialog(qtbot, window, second_circuit: str) -> SubstitutesDialog:
    window.show_view("clashes")
    panel = window.clash_panel
    for row in range(panel.model.rowCount()):
        if second_circuit in panel.model.index(row, 5).data():
            panel.table.selectRow(row)
            break
    dialog = panel.substitutes_dialog(panel.selected_clash())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def test_focus_starts_on_the_drivers_never_on_the_seat_box(qtbot, window):
    dialog = open_dialog(qtbot, window, "Sepang")
    assert dialog.focusWidget() is dialog.list
    assert not isinstance(dialog.focusWidget(), QComboBox)
    # Tab walks the list, the "take out" box, the buttons, and only then the Seat box.
    order = []
    widget = dialog.list
    for _ in range(5):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order.index(dialog.seat_combo) > order.index(dialog.ok_button())


def test_down_and_enter_take_the_next_driver_for_the_same_seat_and_say_so(qtbot, window):
    dialog = open_dialog(qtbot, window, "Sepang")
    seat_before = dialog.seat().label()
    assert seat_before.startswith("KCMG #18 at Blancpain GT Series Asia round 1")
    first, second = dialog.names()[:2]
    assert dialog.ok_button().text().replace("&", "") == (
        f"Put {first.split()[-1]} in, take Imperatori out")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.seat().label() == seat_before  # the arrow moved in the list, not the car
    assert dialog.chosen().driver == second
    assert dialog.ok_button().text().replace("&", "") == (
        f"Put {second.split()[-1]} in, take Imperatori out")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Put {second} in KCMG #18 for Blancpain GT Series Asia round 1")
    assert "taking Alexandre Imperatori out" in message
    season = window.document.season
    imperatori = season.driver_named("Alexandre Imperatori")
    remaining = [c for c in window.document.clashes
                 if c.driver.id == imperatori.id and c.severity == "clash"]
    assert [c.second.meeting.name for c in remaining] == ["Chang/Buriram (Races 3-4)"]
    # G-Drive's car at Paul Ricard kept its line-up: nobody was put in the other seat.
    assert "G-Drive" not in window.document.undo_stack.undoText()


def test_unticking_take_out_changes_the_button_to_a_plain_put_in(qtbot, window):
    dialog = open_dialog(qtbot, window, "Chang")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.leave_box
    qtbot.keyClick(dialog.leave_box, Qt.Key.Key_Space)
    assert not dialog.leave_box.isChecked()
    name = dialog.chosen().driver.split()[-1]
    assert dialog.ok_button().text().replace("&", "") == f"Put {name} in KCMG #18"
    assert "take" not in dialog.ok_button().text()


def test_escape_changes_nothing(qtbot, window):
    dialog = open_dialog(qtbot, window, "Sepang")
    before = len(window.document.clashes)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert len(window.document.clashes) == before
    assert not window.document.undo_stack.canUndo()
