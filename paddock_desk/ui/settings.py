"""Every QSettings key the app keeps, declared once with its type and default.

Window state (geometry, docks, last view) is kept apart from the view filters, as Picard keeps
options apart from its state.
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
        if self.kind in (list, frozenset):
            store.setValue(self.key, json.dumps(sorted(value)))  # type: ignore[call-overload]
        else:
            store.setValue(self.key, value)


def _convert(raw: object, kind: type[T], default: T) -> T:
    try:
        if kind is QByteArray:
            return raw if isinstance(raw, QByteArray) else default  # type: ignore[return-value]
        if kind is bool:
            return (raw in (True, "true", "1", 1)) if not isinstance(raw, bool) else raw  # type: ignore[return-value]
        if kind in (list, frozenset):
            return kind(json.loads(str(raw)))  # type: ignore[call-arg]
        return kind(raw)  # type: ignore[call-arg]
    except (TypeError, ValueError):
        return default


# -- window state ---------------------------------------------------------------------------
GEOMETRY = Setting("window/geometry", QByteArray, QByteArray())
DOCKS = Setting("window/state", QByteArray, QByteArray())
LAST_VIEW = Setting("window/last_view", str, "calendar")
MONTH = Setting("window/month", str, "")
"""The month the grid showed last, as YYYY-MM-01 ('' opens on this month or the season)."""

# -- filters --------------------------------------------------------------------------------
HIDDEN_SERIES: Setting[frozenset[str]] = Setting("filters/hidden_series", frozenset, frozenset())
DRIVER = Setting("filters/driver", str, "")
TEAM = Setting("filters/team", str, "")

def app_settings() -> QSettings:
    """The user's settings file (an INI file in the settings folder, on every platform)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)
