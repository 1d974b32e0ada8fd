"""The list of drivers to drag onto the roster: names, with the driver id as drag data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from paddock_desk.ui.document import SeasonDocument

if TYPE_CHECKING:
    from paddock_desk.services.editing import ChangeSet

DRIVER_MIME = "application/x-paddock-desk-driver-id"
"""The drag format of a driver: the driver id as ASCII digits."""

DRIVER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def driver_mime(driver_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(DRIVER_MIME, QByteArray(str(driver_id).encode("ascii")))
    return mime


def driver_from_mime(mime: QMimeData) -> int | None:
    """The driver id a drag carries, or None when it carries no driver."""
    if not mime.hasFormat(DRIVER_MIME):
        return None
    text = bytes(mime.data(DRIVER_MIME).data()).decode("ascii", "replace")
    return int(text) if text.isdigit() else None


class DriverListModel(QAbstractListModel):
    """Every driver by name; items drag as :data:`DRIVER_MIME`."""

    def __init__(self, document: SeasonDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._ids = self._sorted_ids()
        document.changed.connect(self.on_changed)

    def _sorted_ids(self) -> list[int]:
        drivers = self._document.season.drivers
        return sorted(drivers, key=lambda d: drivers[d].name.casefold())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        driver = self._document.season.drivers.get(self._ids[index.row()])
        if driver is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return driver.name
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = ", ".join(x for x in (driver.nationality, driver.category) if x)
            return f"{driver.name} ({extra})" if extra else driver.name
        if role == DRIVER_ID_ROLE:
            return driver.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [DRIVER_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        valid = [i for i in indexes if i.isValid()]
        return driver_mime(self._ids[valid[0].row()]) if valid else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def on_changed(self, change: ChangeSet) -> None:
        if change.all_drivers or change.drivers:
            self.beginResetModel()
            self._ids = self._sorted_ids()
            self.endResetModel()
