"""Shared fixtures: real databases (an SQLite file; PostgreSQL when PADDOCK_DESK_TEST_PG is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paddock_desk.store.database import Database, open_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parents[1]
REAL_DATA = {
    "season2018": PROJECT / "resources" / "demo",
    "real2024": PROJECT / "tests" / "data" / "real2024",
}
PG_URL = os.environ.get("PADDOCK_DESK_TEST_PG")
"""A server given from outside (CI starts its own); without one, a throwaway server is started."""


def real_data(name: str) -> Path:
    """A folder of real calendars kept in the project: the 2018 demo season, the 2024 calendars."""
    return REAL_DATA[name]


@pytest.fixture
def season2018() -> Path:
    return real_data("season2018")


@pytest.fixture
def real2024() -> Path:
    return real_data("real2024")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'season.db'}"


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """The PostgreSQL server of this test run: PADDOCK_DESK_TEST_PG, else a throwaway one."""
    if PG_URL:
        yield PG_URL
        return
    from pg_server import ThrowawayServer, server_bin

    bin_dir = server_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide PostgreSQL: none is installed and none is named")
        pytest.skip("PostgreSQL is not installed and PADDOCK_DESK_TEST_PG is not set")
    server = ThrowawayServer(bin_dir)
    try:
        url = server.start()
    except Exception as exc:  # a server that cannot start is a skip that says why
        server.stop()
        pytest.skip(f"a throwaway PostgreSQL server could not be started: {exc}")
    yield url
    server.stop()


def _fresh_pg_database(server_url: str) -> Iterator[str]:
    from sqlalchemy import create_engine, make_url, text

    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A new, empty, opened season database on each backend."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def demo(db: Database) -> Database:
    """The demo season loaded into ``db`` (on each backend)."""
    from paddock_desk.services.demo import load_demo

    load_demo(db)
    return db


@pytest.fixture
def shared(db_url: str) -> Iterator[tuple[Database, Database]]:
    """The demo season, and two people's connections to it (on each backend)."""
    from paddock_desk.services.demo import load_demo

    first = open_database(db_url)
    load_demo(first)
    second = open_database(db_url)
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Database]:
    """The demo season in an SQLite file, for the desktop app's tests."""
    from paddock_desk.services.demo import load_demo

    database = open_database(tmp_path / "season.db")
    load_demo(database)
    yield database
    database.close()


@pytest.fixture
def window(qtbot: Any, demo_db: Database, tmp_path: Path) -> Any:
    """The main window on the demo season, shown, with its own settings file."""
    from PySide6.QtCore import QSettings

    from paddock_desk.ui.document import SeasonDocument
    from paddock_desk.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(SeasonDocument(demo_db), settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def team_demo_url(pg_server_url: str) -> Iterator[str]:
    """A new PostgreSQL database holding the demo season (made by the server's superuser)."""
    from paddock_desk.services.demo import load_demo

    for url in _fresh_pg_database(pg_server_url):
        seeded = open_database(url)
        load_demo(seeded)
        seeded.close()
        yield url


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a new, empty database: an SQLite file, and PostgreSQL when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'season.db'}"
        return
    yield from _fresh_pg_database(request.getfixturevalue("pg_server_url"))
