"""Start-up: the main window shows first, the season loads behind it with a progress bar."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from paddock_desk.app import start_window

OPEN_MS = 15_000


def test_the_window_shows_before_the_season_then_fills_in(qtbot, demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    failures: list[BaseException] = []
    path = Path(demo_db.url.split("///", 1)[-1])
    window = start_window(argparse.Namespace(db=str(path), files=[]), failures.append)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.document.season.meetings == {}  # nothing read yet: the window came first
    assert window.windowTitle() == "season.db - Paddock Desk"
    progress: list[tuple[str, bool]] = []
    window.document.loading.connect(
        lambda text: progress.append((text, window.live.progress.isVisible())))
    with qtbot.waitSignal(window.document.opened, timeout=OPEN_MS):
        pass
    assert progress == [("Opening season.db…", True), ("", False)]  # a busy bar meanwhile
    assert window.clash_button.text() == "2 clashes"
    assert window.month_page.title.text() == "April 2018"  # the first clash, as before
    assert window.live.database.text() == "Database: season.db"
    assert failures == []
    window.document.close()


def test_a_database_that_cannot_open_is_reported(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a season", encoding="utf-8")
    failures: list[BaseException] = []
    window = start_window(argparse.Namespace(db=str(junk), files=[]), failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(failures), timeout=OPEN_MS)
    assert "junk.db" in str(failures[0])
    assert not window.document.is_open


def test_the_window_is_built_without_the_database_layer():
    """What the first paint waits for: no SQLAlchemy, no store (they load behind the window)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from paddock_desk.app import build_window\n"
        "window = build_window(None)\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'paddock_desk.store',"
        " 'alembic', 'psycopg'))))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", (
        "the main window's modules load the database layer before the first paint: "
        f"{done.stdout.strip()}; import services that use it inside the function that needs them"
    )
