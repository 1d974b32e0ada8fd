"""The clash filter: typed text narrows the list after a short pause, the picked clash stays
picked while it is listed, and the answers while typing on or deleting are the plain ones."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from paddock_desk.ui.clash_filter import TextIndex, fold
from paddock_desk.ui.clash_panel import HINT


def test_typing_narrows_the_list_after_a_pause_and_deleting_brings_it_back(qtbot, window):
    window.show_view("clashes")
    panel = window.clash_panel
    before = panel.model.rowCount()
    summary = panel.summary.text()
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "chang")
    assert panel.model.rowCount() == before  # not yet: the pause has not passed
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert [c.second.meeting.name for c in panel.visible_clashes()] == [
        "Chang/Buriram (Races 3-4)"]
    assert panel.summary.text() == "2 clashes, 0 warnings in the season; 1 listed"
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.filter_edit, "GXYZ")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    for _ in range(len("changXYZ")):
        qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before)
    assert panel.summary.text() == summary  # the season's counts, whatever is typed


def test_the_picked_clash_stays_picked_while_the_filter_lists_it(qtbot, window):
    window.show_view("clashes")
    panel = window.clash_panel
    imperatori = [r for r in range(panel.model.rowCount())
                  if panel.model.clash(r).driver.name == "Alexandre Imperatori"]
    panel.table.setFocus()
    panel.table.selectRow(imperatori[-1])
    picked = panel.selected_clash()
    assert picked is not None
    qtbot.keyClicks(panel.filter_edit, "imperatori")
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(imperatori))
    assert panel.selected_clash() is picked
    assert panel.detail.text() == picked.message
    qtbot.keyClicks(panel.filter_edit, "XYZ")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.selected_clash() is None
    assert panel.detail.text() == HINT  # no explanation of a clash no longer listed
    assert not panel.substitute_button.isEnabled()
    panel.filter_edit.clear()
    panel.show_combo.setCurrentIndex(panel.show_combo.findData("warning"))
    assert panel.detail.text() == HINT


def test_choosing_clashes_only_keeps_a_picked_clash(qtbot, window):
    window.show_view("clashes")
    panel = window.clash_panel
    panel.table.selectRow(panel.model.rowCount() - 1)
    picked = panel.selected_clash()
    assert picked is not None and picked.severity == "clash"
    panel.show_combo.setCurrentIndex(panel.show_combo.findData("clash"))
    assert panel.selected_clash() is picked
    assert panel.detail.text() == picked.message
    assert panel.substitute_button.isEnabled()
    panel.show_combo.setCurrentIndex(panel.show_combo.findData("warning"))
    assert panel.selected_clash() is None and panel.detail.text() == HINT


def test_sorting_goes_through_the_filter(qtbot, window):
    window.show_view("clashes")
    panel = window.clash_panel
    qtbot.keyClicks(panel.filter_edit, "imperatori")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert [c.second.meeting.round for c in panel.visible_clashes()] == ["1", "2"]
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [c.second.meeting.round for c in panel.visible_clashes()] == ["2", "1"]
    assert panel.model.rowCount() == 2


def test_filtered_model_passes_the_model_tester(qtmodeltester, window):
    model = window.clash_panel.model
    model.set_filter("sepang")
    qtmodeltester.check(model)
    model.set_filter("")
    qtmodeltester.check(model)


def test_typing_on_and_deleting_give_the_plain_answers():
    texts = [fold(t) for t in (
        "Clash Alexandre Imperatori Overlap 9-11 Mar 2018 Sepang", "Warning Ana Suzuki Travel",
        "Clash Jean-Éric Vergne Overlap Sepang", "Warning Mika Ferreira Weekends in a row",
        "Clash Mika Ferreira Travel Suzuka", "", "Clash Zoë Ferré Überlingen")]
    index = TextIndex(texts, lambda t: t)
    assert not index.ready
    assert not index.warm(3)
    assert index.warm(10) and index.ready
    typed = ""
    for key in "ferreira\b\b\b\b\b\b\b\bsepang\b\b\boverlap\b\b\b\b\b\b\b\bsuz\b\bépang":
        typed = typed[:-1] if key == "\b" else typed + key
        needle = fold(typed)
        expected = [i for i, text in enumerate(texts) if needle in text]
        assert index.rows(needle) == expected, typed


def test_an_unprepared_index_prepares_itself_when_asked():
    index = TextIndex(["Sepang", "Suzuka", "Fuji"], lambda t: t.casefold())
    assert index.rows("su") == [1]
    assert index.ready
