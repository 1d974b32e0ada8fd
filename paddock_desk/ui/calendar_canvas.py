"""What the month grid, the week view and the season view share: one painter base.

A canvas holds the season, the meetings shown, their clash marks and a filtered driver's
unavailable days; it paints bars through :func:`draw_bar`, remembers where each went (for
clicks, hovers and tests), picks a meeting on click and opens it on double-click.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QToolTip, QWidget

from paddock_desk.domain.model import Meeting, Season
from paddock_desk.ui.calendar_data import meeting_tooltip, series_colour, viewer_zone
from paddock_desk.ui.calendar_paint import BarStyle, draw_bar
from paddock_desk.ui.clash_marks import MeetingMarks


@dataclass(frozen=True)
class Unavailable:
    """Days a filtered driver cannot race (local to the driver's home zone), with the reason."""

    first: date
    last: date
    reason: str

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


def unavailable_brush(pal: QPalette) -> QBrush:
    """Hatching for unavailable days: visible on both palettes, never a series colour."""
    ink = QColor(pal.color(QPalette.ColorRole.Text))
    ink.setAlpha(70)
    return QBrush(ink, Qt.BrushStyle.BDiagPattern)


class CalendarCanvas(QWidget):
    """A painted calendar: bars for meetings; click picks, double-click opens."""

    meeting_selected = Signal(int)
    meeting_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._season = Season()
        self._meetings: list[Meeting] = []
        self._marks = MeetingMarks()
        self._selected: int | None = None
        self._hits: list[tuple[QRectF, int]] = []
        self._unavailable: list[Unavailable] = []
        self.hit_slack = 0.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- data -------------------------------------------------------------------------------
    def set_data(self, season: Season, meetings: list[Meeting], marks: MeetingMarks) -> None:
        self._season, self._meetings, self._marks = season, meetings, marks
        self.data_changed()
        self.update()

    def data_changed(self) -> None:
        """Called after new data (lanes, sizes)."""

    def set_unavailable(self, blocks: list[Unavailable]) -> None:
        self._unavailable = list(blocks)
        self.update()

    def unavailable_on(self, day: date) -> Unavailable | None:
        return next((b for b in self._unavailable if b.covers(day)), None)

    def selected_meeting(self) -> int | None:
        return self._selected

    def shown_meetings(self) -> list[Meeting]:
        """The meetings the canvas is given to show (after the legend and filters)."""
        return self._meetings

    def bar_rects(self) -> list[tuple[QRectF, int]]:
        """Where each visible bar was last painted, with its meeting id."""
        return list(self._hits)

    # -- painting ---------------------------------------------------------------------------
    def begin(self) -> QPainter:
        """A painter on the canvas, antialiased, over the palette's base colour."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        self._hits = []
        return painter

    def paint_to(self, painter: QPainter) -> None:
        """Paint the canvas onto another device's painter (a printed page), as vectors.

        The painter is scaled so that one unit is one of the canvas's pixels; the font is set
        in those pixels so that text keeps the size the layout measured.
        """
        font = QFont(self.font())
        font.setPixelSize(QFontInfo(self.font()).pixelSize())
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
        self._hits = []
        self.paint_content(painter)

    def paint_content(self, painter: QPainter) -> None:
        """Everything the canvas shows, painted with ``painter``."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = self.begin()
        self.paint_content(painter)
        painter.end()

    def style_of(self, meeting: Meeting) -> BarStyle:
        return BarStyle(
            colour=series_colour(self._season, meeting.series),
            clash=meeting.id in self._marks.clash,
            warning=meeting.id in self._marks.warning,
            selected=meeting.id == self._selected,
            cancelled=meeting.cancelled,
        )

    def paint_bar(self, painter: QPainter, rect: QRectF, meeting: Meeting, text: str,
                  style: BarStyle | None = None) -> None:
        draw_bar(painter, rect, text, style or self.style_of(meeting), self.palette())
        self._hits.append((rect, meeting.id))

    # -- interaction ------------------------------------------------------------------------
    def meeting_at(self, x: float, y: float) -> int | None:
        s = self.hit_slack
        for rect, mid in self._hits:
            if rect.adjusted(-s, 0, s, 0).contains(x, y):
                return mid
        return None

    def select(self, meeting_id: int | None) -> None:
        self._selected = meeting_id
        self.update()
        if meeting_id is not None:
            self.meeting_selected.emit(meeting_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self.select(self.meeting_at(pos.x(), pos.y()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        mid = self.meeting_at(pos.x(), pos.y())
        if mid is not None:
            self.meeting_activated.emit(mid)

    def tooltip_at(self, x: float, y: float) -> str:
        """What a hover says at a point: the meeting under it, in full."""
        mid = self.meeting_at(x, y)
        if mid is None:
            return ""
        meeting = self._season.meetings[mid]
        return meeting_tooltip(self._season, meeting, self._marks, viewer_zone())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos().x(), event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
