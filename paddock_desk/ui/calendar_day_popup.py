"""The meetings of one day in a popup list: what "+N more" and Enter on a day open.

Arrow keys move in the list, Enter or a click jumps to the meeting, Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from paddock_desk.domain.model import Meeting, Season
from paddock_desk.ui.calendar_data import meeting_title, series_colour
from paddock_desk.ui.clash_marks import MeetingMarks

MEETING_ROLE = Qt.ItemDataRole.UserRole + 1


def meetings_on(meetings: list[Meeting], day: date) -> list[Meeting]:
    """The meetings running on ``day`` (local dates at their circuits), by series."""
    found = [m for m in meetings if m.start_date <= day <= m.end_date]
    return sorted(found, key=lambda m: (m.series.casefold(), m.round))


def draw_more_link(painter: QPainter, pal: QPalette, right: float, top: float, height: float,
                   count: int) -> QRectF:
    """Paint "+N more" as a link ending at ``right``; returns where it went (for clicks)."""
    painter.save()
    font = painter.font()
    font.setUnderline(True)
    font.setBold(True)
    painter.setFont(font)
    text = f"+{count} more"
    width = painter.fontMetrics().horizontalAdvance(text) + 6
    rect = QRectF(right - width, top, width, height)
    painter.setPen(QPen(pal.color(QPalette.ColorRole.Link), 1))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), text)
    painter.restore()
    return rect


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def item_text(meeting: Meeting, marks: MeetingMarks) -> str:
    mark = ""
    if meeting.id in marks.clash:
        mark = "\u26a0 clash: "
    elif meeting.id in marks.warning:
        mark = "warning: "
    state = " (cancelled)" if meeting.cancelled else ""
    return f"{mark}{meeting_title(meeting)}, {meeting.series}{state}"


class DayPopup(QFrame):
    """A list of one day's meetings that closes when it loses focus."""

    chosen = Signal(int)

    def __init__(self, season: Season, meetings: list[Meeting], marks: MeetingMarks, day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.day = day
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Meetings on {day:%A %d %B %Y}")
        title = QLabel(f"<b>{day:%A %d %B %Y}</b>")
        self.list = QListWidget()
        self.list.setAccessibleName("Meetings of the day")
        for meeting in meetings_on(meetings, day):
            item = QListWidgetItem(_swatch(series_colour(season, meeting.series)),
                                   item_text(meeting, marks))
            item.setData(MEETING_ROLE, meeting.id)
            item.setToolTip(f"{meeting.name} at {meeting.circuit.name}")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem("No meetings on this day.")
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.list)
        rows = min(max(self.list.count(), 1), 12)
        self.resize(380, 40 + rows * (self.list.sizeHintForRow(0) + 2))
        self.list.setFocus()

    def meeting_ids(self) -> list[int]:
        return [self.list.item(i).data(MEETING_ROLE) for i in range(self.list.count())
                if self.list.item(i).data(MEETING_ROLE) is not None]

    def _activate(self, item: QListWidgetItem) -> None:
        mid = item.data(MEETING_ROLE)
        self.close()
        if mid is not None:
            self.chosen.emit(int(mid))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.list.currentItem()
            if item is not None:
                self._activate(item)
                return
        super().keyPressEvent(event)

    def open_at(self, where: QPoint) -> None:
        """Show the list at ``where`` (global), moved in as far as it takes to stay on screen."""
        screen = QGuiApplication.screenAt(where) or self.screen()
        area = screen.availableGeometry()
        where = QPoint(max(area.left(), min(where.x(), area.right() - self.width())),
                       max(area.top(), min(where.y(), area.bottom() - self.height())))
        self.move(where)
        self.show()
        self.list.setFocus()


def show_day_popup(owner: QWidget, previous: DayPopup | None, season: Season,
                   meetings: list[Meeting], marks: MeetingMarks, day: date, where: QPoint,
                   on_chosen: Callable[[int], None]) -> DayPopup:
    """Open the list of ``day``'s meetings at ``where`` (in ``owner``), closing ``previous``."""
    if previous is not None:
        previous.close()
    popup = DayPopup(season, meetings, marks, day, owner)
    popup.chosen.connect(on_chosen)
    popup.open_at(owner.mapToGlobal(where))
    return popup
