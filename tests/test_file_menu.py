"""File > New Season, Open Season, Open Team Database and Open Recent, in a real window.

Real parts: SQLite files, the PostgreSQL server of the tests, a real keyring backend (the
keyrings.alt file backend, in the test's folder) and QSettings files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from paddock_desk.domain.errors import PaddockError
from paddock_desk.identity import APP_ID
from paddock_desk.services.credentials import TeamLogin
from paddock_desk.services.season import new_season_file
from paddock_desk.ui import file_actions
from paddock_desk.ui import settings as keys
from paddock_desk.ui.main_window import MainWindow

OPEN_MS = 10_000


class ModalWatcher:
    """Notes the text of every modal dialog that opens, and closes it (as a person would)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._check)
        self.timer.start(20)

    def _check(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            self.seen.append(dialog.text())
            dialog.accept()
        elif isinstance(dialog, QDialog):
            self.seen.append(dialog.windowTitle())
            dialog.reject()

    def stop(self) -> None:
        self.timer.stop()


def open_and_wait(qtbot: Any, window: MainWindow, action: Any) -> None:
    with qtbot.waitSignal(window.document.opened, timeout=OPEN_MS):
        action()


def other_season(tmp_path: Path) -> Path:
    """A second season file: one series, one meeting."""
    from paddock_desk.services.importing import import_files

    tmp_path.mkdir(exist_ok=True)

    (tmp_path / "circuits.csv").write_text(
        "circuit,country,lat,lon,tz\nFuji Speedway,JP,35.37,138.93,Asia/Tokyo\n",
        encoding="utf-8")
    (tmp_path / "events.csv").write_text(
        "series,round,event_name,circuit,start_date,end_date\n"
        "Super Formula,1,Fuji,Fuji Speedway,2019-04-20,2019-04-21\n", encoding="utf-8")
    path = tmp_path / "other.db"
    db = new_season_file(path)
    import_files(db, [tmp_path / "circuits.csv", tmp_path / "events.csv"])
    db.close()
    return path


def test_opening_another_file_swaps_the_season_and_each_keeps_its_view(qtbot, window, tmp_path):
    other = other_season(tmp_path / "second")
    assert window.windowTitle() == "season.db - Paddock Desk"
    window.show_view("season")
    window.month_page.month_view.set_month(window.month_page.month_view.month().replace(month=7))
    window.filters.set_current("", "KCMG")

    open_and_wait(qtbot, window, lambda: file_actions.open_season_file(window, other))
    assert window.windowTitle() == "other.db - Paddock Desk"
    assert window.live.database.text() == "Database: other.db"
    assert "1 meetings" in window.shown_label.text()
    assert window.current_view() == "calendar"  # a first visit: not the other database's tab
    assert window.month_page.title.text() == "April 2019"
    assert window.filters.current() == ("", "")
    window.show_view("roster")

    first = window.recent_menu.actions()[1]  # newest first: other.db, then season.db
    assert [a.text() for a in window.recent_menu.actions()[:2]] == ["other.db", "season.db"]
    open_and_wait(qtbot, window, first.trigger)
    assert window.windowTitle() == "season.db - Paddock Desk"
    assert window.current_view() == "season"
    assert window.month_page.title.text() == "July 2018"
    assert window.filters.current() == ("", "KCMG")
    assert not window.document.undo_stack.canUndo()

    open_and_wait(qtbot, window, lambda: file_actions.open_season_file(window, other))
    assert window.current_view() == "roster"


def test_new_season_is_an_empty_migrated_file(qtbot, window, tmp_path):
    path = tmp_path / "fresh" / "2027.db"
    path.parent.mkdir()
    open_and_wait(qtbot, window, lambda: file_actions.new_season(window, path))
    assert path.exists()
    assert window.windowTitle() == "2027.db - Paddock Desk"
    assert window.document.season.meetings == {}
    assert window.clash_button.text() == "0 clashes"
    with pytest.raises(PaddockError, match="already exists"):
        new_season_file(tmp_path / "season.db")


def test_a_failed_open_keeps_the_season_and_says_why(qtbot, window, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("not a database", encoding="utf-8")
    boxes = ModalWatcher()
    with qtbot.waitSignal(window.document.open_failed, timeout=OPEN_MS):
        file_actions.open_season_file(window, junk)
    qtbot.waitUntil(lambda: bool(boxes.seen), timeout=OPEN_MS)
    boxes.stop()
    assert window.windowTitle() == "season.db - Paddock Desk"
    assert window.document.season.meetings
    assert "notes.db" in boxes.seen[0]


@pytest.fixture
def file_keyring(tmp_path: Path) -> Any:
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgresql)], indirect=True
)
def test_team_database_password_comes_from_the_keyring(qtbot, window, file_keyring, db_url,
                                                       tmp_path):
    from paddock_desk.store.database import open_database

    open_database(db_url).close()  # the team's season exists on the server
    login = TeamLogin.from_url(db_url)
    asked: list[TeamLogin] = []

    def type_password(_window: Any, who: TeamLogin) -> str:
        asked.append(who)
        return "s3cret-word"

    open_and_wait(qtbot, window, lambda: file_actions.open_team_database(
        window, login, type_password))
    assert asked == [login]
    assert file_keyring.get_password(APP_ID, login.entry) == "s3cret-word"
    assert login.database in window.windowTitle() and "s3cret" not in window.windowTitle()
    assert window.document.season.meetings == {}

    open_and_wait(qtbot, window, lambda: file_actions.open_season_file(
        window, tmp_path / "season.db"))
    recent = next(a for a in window.recent_menu.actions() if login.database in a.text())
    dialogs = ModalWatcher()  # the password prompt must not come up again
    open_and_wait(qtbot, window, recent.trigger)
    dialogs.stop()
    assert dialogs.seen == []
    assert login.database in window.windowTitle()
    window.save_settings()
    stored = (tmp_path / "settings.ini").read_text(encoding="utf-8")
    assert "s3cret" not in stored
    assert keys.RECENT.read(QSettings(str(tmp_path / "settings.ini"),
                                      QSettings.Format.IniFormat))[0].startswith("postgresql")
    window.document.close()
