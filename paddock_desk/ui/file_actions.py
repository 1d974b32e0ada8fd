"""File > New Season, Open Season, Open Team Database and Open Recent.

Opening swaps the season in the same window: the window, its docks and toolbar stay, the
document opens the other database behind it (a progress bar shows meanwhile) and every view
shows the new season, on the tab, month, year and filters that database was left with. One
window per person keeps one undo history per database and no doubt about which database an edit
goes to; the title and the status bar always name it. The current database's view state is saved
before the switch, its undo history is dropped (its edits are saved already).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from paddock_desk.domain.errors import PaddockError
from paddock_desk.services import credentials
from paddock_desk.services import season as seasons
from paddock_desk.services.credentials import TeamLogin
from paddock_desk.ui import settings as keys
from paddock_desk.ui import view_state
from paddock_desk.ui.errors import describe
from paddock_desk.ui.team_database_dialog import TeamDatabaseDialog, ask_password

if TYPE_CHECKING:
    from paddock_desk.services.season import Database
    from paddock_desk.ui.main_window import MainWindow

FILTER = "Paddock Desk seasons (*.db *.sqlite *.sqlite3);;All files (*)"
PasswordPrompt = Callable[["MainWindow", TeamLogin], "str | None"]


def add_file_actions(window: MainWindow, menu: QMenu, acts: dict[str, QAction]) -> None:
    """Put New, Open, Open Team Database and Open Recent at the top of ``menu``."""
    from paddock_desk.ui.main_menus import make_action

    acts["new_season"] = make_action(
        window, "&New Season...", lambda: new_season(window), "Ctrl+N", "document-new",
        "Start an empty season in a new file",
    )
    acts["open_season"] = make_action(
        window, "&Open Season...", lambda: open_season_file(window), "Ctrl+O", "document-open",
        "Open a season file",
    )
    acts["open_team"] = make_action(
        window, "Open &Team Database...", lambda: open_team_database(window), "Ctrl+Shift+O",
        "database", "Open the season your team shares on a PostgreSQL server",
    )
    for name in ("new_season", "open_season", "open_team"):
        menu.addAction(acts[name])
    recent = menu.addMenu("Open &Recent")
    recent.setObjectName("recent_menu")
    window.recent_menu = recent  # type: ignore[attr-defined]
    if window.document.url:
        remember_recent(window, window.document.url)
    else:
        fill_recent_menu(window)
    menu.addSeparator()
    relay = OpenRelay(window)
    window.document.opened.connect(relay.opened)
    window.document.open_failed.connect(relay.open_failed)


class OpenRelay(QObject):
    """Passes the document's opening news to its window, for as long as the window lives."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def opened(self) -> None:
        on_opened(self._window)

    def open_failed(self, exc: BaseException) -> None:
        on_open_failed(self._window, exc)


# ---- opening --------------------------------------------------------------------------------

def open_target(window: MainWindow, target: str, opener: Callable[[], Database] | None = None,
                label: str | None = None) -> None:
    """Open ``target`` in ``window`` (behind it); the current database's place is saved first."""
    view_state.save(window)
    window.settings.sync()
    window.document.open_with(
        opener or (lambda: seasons.open_season_database(target)),
        label or seasons.display_name(target),
    )


def new_season(window: MainWindow, path: Path | None = None) -> None:
    """Create an empty season in a new SQLite file (asked for when not given) and open it."""
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(window, "New Season", _folder(window), FILTER)
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(".db")
    target = path
    open_target(window, str(path), lambda: seasons.new_season_file(target))


def open_season_file(window: MainWindow, path: Path | None = None) -> None:
    """Open a season file (asked for when not given)."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Open Season", _folder(window), FILTER)
        if not chosen:
            return
        path = Path(chosen)
    if not path.exists():
        QMessageBox.warning(window, "Not opened", f"{path} does not exist.")
        return
    open_target(window, str(path))


def open_team_database(window: MainWindow, login: TeamLogin | None = None,
                       ask: PasswordPrompt = ask_password) -> None:
    """Open a team database: the login from the dialog (or given), the password from the keyring.

    A password the keyring lacks is asked for, and kept in the keyring once the server took it.
    """
    if login is None:
        dialog = TeamDatabaseDialog(_last_login(window), window)
        if not dialog.exec():
            return
        login = dialog.login()
    keys.TEAM_SERVER.write(window.settings, json.dumps(login.__dict__))
    try:
        password, keyring_ok = credentials.saved_password(login), True
    except credentials.KeyringUnavailable:
        password, keyring_ok = None, False
    typed = password is None
    if password is None:
        password = ask(window, login)
        if password is None:
            return
    url = login.url(password)
    open_target(window, url, _team_opener(login, url, password, typed, keyring_ok))


def _team_opener(login: TeamLogin, url: str, password: str, typed: bool,
                 keyring_ok: bool) -> Callable[[], Database]:
    def opener() -> Database:
        try:
            db = seasons.open_season_database(url)
        except PaddockError:
            if not typed:
                credentials.forget_password(login)  # asked again next time
            raise
        if typed and keyring_ok:
            try:
                credentials.save_password(login, password)
            except credentials.KeyringUnavailable:
                pass
        return db
    return opener


def open_recent(window: MainWindow, url: str) -> None:
    if seasons.is_server(url):
        open_team_database(window, TeamLogin.from_url(url))
    else:
        open_season_file(window, Path(url.split("///", 1)[-1]))


# ---- after opening --------------------------------------------------------------------------

def on_opened(window: MainWindow) -> None:
    view_state.restore(window)
    remember_recent(window, window.document.url)
    window.statusBar().showMessage(f"Opened {window.document.name}.", 5000)


def on_open_failed(window: MainWindow, exc: BaseException) -> None:
    if window.document.is_open:  # at start-up the app itself reports it
        QMessageBox.warning(window, "Not opened", describe(exc, None).text)


def remember_recent(window: MainWindow, url: str) -> None:
    """Put ``url`` (no password) first in the recent list."""
    listed = [u for u in keys.RECENT.read(window.settings) if u != url]
    keys.RECENT.write(window.settings, tuple([url, *listed][: keys.RECENT_LIMIT]))
    fill_recent_menu(window)


def fill_recent_menu(window: MainWindow) -> None:
    menu: QMenu = window.recent_menu  # type: ignore[attr-defined]
    menu.clear()
    urls = keys.RECENT.read(window.settings)
    for url in urls:
        action = menu.addAction(seasons.display_name(url))
        action.setToolTip(url)
        action.setStatusTip(url)
        action.triggered.connect(lambda _c=False, u=url: open_recent(window, u))
    if urls:
        menu.addSeparator()
    clear = menu.addAction("&Clear List")
    clear.setEnabled(bool(urls))
    clear.triggered.connect(lambda: _clear_recent(window))


def _clear_recent(window: MainWindow) -> None:
    keys.RECENT.write(window.settings, ())
    fill_recent_menu(window)


def _last_login(window: MainWindow) -> TeamLogin | None:
    try:
        return TeamLogin(**json.loads(keys.TEAM_SERVER.read(window.settings)))
    except (TypeError, ValueError):
        return None


def _folder(window: MainWindow) -> str:
    url = window.document.url
    if url.startswith("sqlite:///"):
        return str(Path(url.split("///", 1)[-1]).parent)
    return str(Path.home())
