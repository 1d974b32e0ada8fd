"""Who the application is: one id for Qt, the desktop launcher and the data folder."""

from __future__ import annotations

from pathlib import Path

from paddock_desk import __version__

APP_ID = "io.github.paddockdesk.PaddockDesk"
APP_NAME = "Paddock Desk"
VERSION = __version__
DB_ENV = "PADDOCK_DESK_DB"
DEFAULT_DB_FILE = "season.db"


def data_dir() -> Path:
    """The user's data folder for Paddock Desk (platformdirs, named by the application id)."""
    import platformdirs

    return platformdirs.user_data_path(APP_ID, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / DEFAULT_DB_FILE
