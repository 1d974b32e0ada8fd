"""The clash filter: typed text narrows the list in a proxy after a short pause; the clash
model underneath is never rebuilt for a keystroke."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt


def test_typing_filters_in_the_proxy_without_resetting_the_model(qtbot, window):
    window.show_view("clashes")
    panel = window.clash_panel
    resets: list[int] = []
    panel.source.modelReset.connect(lambda: resets.append(1))
    before = panel.source.rowCount()
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "chang")
    assert panel.model.rowCount() == before  # not yet: the pause has not passed
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert [c.second.meeting.name for c in panel.visible_clashes()] == [
        "Chang/Buriram (Races 3-4)"]
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.filter_edit, "GXYZ")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    for _ in range(len("changXYZ")):
        qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before)
    assert resets == []
    assert panel.source.rowCount() == before


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


def test_filter_proxy_passes_the_model_tester(qtmodeltester, window):
    proxy = window.clash_panel.model
    proxy.set_filter("sepang")
    qtmodeltester.check(proxy)
    proxy.set_filter("")
    qtmodeltester.check(proxy)
