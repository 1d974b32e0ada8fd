"""Every QSettings key the app keeps, declared once with its type and default.

Window state (geometry, docks) is kept apart from the view state (tab, month, year, filters),
which is kept per database, as Picard keeps options apart from its state. A database's group is
named by a digest of its URL without password (:func:`database_group`); no password is ever
kept here (team databases keep theirs in the system keyring).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from paddock_desk.identity import settings_path

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One key: where it lives, what type it holds and what it is when unset or unreadable."""

    key: str
    kind: type[T]
    default: T

    def read(self, store: QSettings) -> T:
        raw = store.value(self.key, None)
        if raw is None:
            return self.default
        return _convert(raw, self.kind, self.default)

    def write(self, store: QSettings, value: T) -> None:
        if self.kind is tuple:
            store.setValue(self.key, json.dumps(list(value)))  # type: ignore[call-overload]
        elif self.kind in (list, frozenset):
            store.setValue(self.key, json.dumps(sorted(value)))  # type: ignore[call-overload]
        else:
            store.setValue(self.key, value)


def _convert(raw: object, kind: type[T], default: T) -> T:
    try:
        if kind is QByteArray:
            return raw if isinstance(raw, QByteArray) else default  # type: ignore[return-value]
        if kind is bool:
            return (raw in (True, "true", "1", 1)) if not isinstance(raw, bool) else raw  # type: ignore[return-value]
        if kind in (list, frozenset, tuple):
            return kind(json.loads(str(raw)))  # type: ignore[call-arg]
        return kind(raw)  # type: ignore[call-arg]
    except (TypeError, ValueError):
        return default


# -- window state ---------------------------------------------------------------------------
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
DOCKS = Setting("window/state", QByteArray, QByteArray())

# -- view state, inside the open database's group (database_group) -------------------------
DATABASE_URL = Setting("url", str, "")
"""The database the group belongs to, without password (for a person reading the file)."""
LAST_VIEW = Setting("window/last_view", str, "calendar")
MONTH = Setting("window/month", str, "")
"""The month the grid showed last, as YYYY-MM-01 ('' opens on this month or the season)."""
YEAR = Setting("window/year", int, 0)
"""The year the season view showed last (0: the season's busiest year)."""
HIDDEN_SERIES: Setting[frozenset[str]] = Setting("filters/hidden_series", frozenset, frozenset())
SERIES_ORDER: Setting[tuple[str, ...]] = Setting("view/series_order", tuple, ())
"""The series as the user ordered them in the legend (and the season's lanes); () is by name."""
DRIVER = Setting("filters/driver", str, "")
TEAM = Setting("filters/team", str, "")

# -- databases ------------------------------------------------------------------------------
RECENT: Setting[tuple[str, ...]] = Setting("files/recent", tuple, ())
"""Databases opened last, newest first, as URLs without password."""
RECENT_LIMIT = 8
TEAM_SERVER = Setting("files/team_server", str, "")
"""The last team database opened from the dialog, as JSON (host, port, database, user)."""


def database_group(url: str) -> str:
    """The settings group of one database (``url`` without password)."""
    import hashlib  # not needed before the first paint

    return "databases/" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def app_settings() -> QSettings:
    """The user's settings file (an INI file in the settings folder, on every platform)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)
