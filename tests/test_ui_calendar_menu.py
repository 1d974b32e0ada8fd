"""The calendars' context menu: a right click on a meeting offers to edit it or open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from paddock_desk.services.demo import load_demo
from paddock_desk.store.database import Database, open_database
from paddock_desk.ui.calendar_menu import meeting_menu
from paddock_desk.ui.document import SeasonDocument
from paddock_desk.ui.main_window import MainWindow

BGSA = "Blancpain GT Series Asia"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    db: Database = open_database(tmp_path / "season.db")
    load_demo(db)
    win = MainWindow(SeasonDocument(db),
                     QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win
    db.close()


def sepang(window: MainWindow) -> int:
    return next(m.id for m in window.document.season.meetings.values()
                if m.series == BGSA and m.round == "1")


def test_menu_opens_the_meeting_in_the_roster(window):
    menu = meeting_menu(window, sepang(window), window.month_page.view)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["&Edit meeting...", "Open in the &roster", f"Show only &{BGSA}"]
    menu.actions()[1].trigger()
    assert window.current_view() == "roster"


def test_menu_shows_one_series_alone(window):
    meeting_menu(window, sepang(window), window.month_page.view).actions()[2].trigger()
    assert set(window.legend.series_names()) - window.legend.hidden() == {BGSA}
    window.month_page.view.grab()
    shown = {window.document.season.meetings[m].series
             for _r, m in window.month_page.view.bar_rects()}
    assert shown == {BGSA}


def test_menu_edits_the_meeting_in_its_dialog(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            seen.append(dialog.windowTitle())
            dialog.reject()

    QTimer.singleShot(100, close_dialog)
    meeting_menu(window, sepang(window), window.month_page.view).actions()[0].trigger()
    assert seen == ["Edit meeting"]
