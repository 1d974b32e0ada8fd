"""Who the application is: one id for Qt, the desktop launcher and the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paddock_desk import __version__

APP_ID = "io.github.paddockdesk.PaddockDesk"
APP_NAME = "Paddock Desk"
VERSION = __version__
DB_ENV = "PADDOCK_DESK_DB"
DEFAULT_DB_FILE = "season.db"

# Qt names, chosen so that Qt's per-application folders are the platformdirs ones:
# QStandardPaths.AppDataLocation is <data>/<organization>/<application>, skipping an empty
# organization, and platformdirs gives <data>/<APP_ID>. So the organization name stays empty,
# the application name is the id (it is also the X11 WM_CLASS that matches the .desktop file),
# and people see APP_NAME as the display name. The domain names the project for macOS settings.
QT_APPLICATION_NAME = APP_ID
QT_ORGANIZATION_NAME = ""
QT_ORGANIZATION_DOMAIN = "paddockdesk.github.io"
DESKTOP_FILE_NAME = APP_ID


def data_dir() -> Path:
    """The user's data folder for Paddock Desk (platformdirs, named by the application id)."""
    import platformdirs

    return platformdirs.user_data_path(APP_ID, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / DEFAULT_DB_FILE


def config_dir() -> Path:
    """The user's settings folder (platformdirs; Qt's AppConfigLocation names the same one)."""
    import platformdirs

    return platformdirs.user_config_path(APP_ID, appauthor=False)


def settings_path() -> Path:
    """The settings file: QSettings(str(settings_path()), QSettings.Format.IniFormat)."""
    return config_dir() / "settings.ini"


def keep_dates_in_english() -> None:
    """Write dates in English, as every sentence of the app is written, whatever the locale.

    Qt sets the C library's locale from the environment when it makes its application object,
    and Python's ``strftime`` then names days and months in that language ("ven. 24 mai" in a
    printout of English sentences). Only the time category goes back to C: Qt's own widgets
    keep following the user's locale.
    """
    import locale

    locale.setlocale(locale.LC_TIME, "C")


def configure_qt_application(app: Any) -> None:
    """Give a QGuiApplication (or QApplication) the names above; call before any window.

    Takes the application object untyped so that this module never imports Qt.
    """
    keep_dates_in_english()
    app.setApplicationName(QT_APPLICATION_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(VERSION)
    app.setOrganizationName(QT_ORGANIZATION_NAME)
    app.setOrganizationDomain(QT_ORGANIZATION_DOMAIN)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
