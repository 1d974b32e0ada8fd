"""The season view: a whole year on one screen, one lane per series, meetings as bars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from paddock_desk.domain.model import Meeting, Season
from paddock_desk.ui.calendar_data import (
    local_today,
    meeting_tooltip,
    series_colour,
    viewer_zone,
)
from paddock_desk.ui.calendar_paint import BarStyle, draw_bar, draw_clash_triangle
from paddock_desk.ui.clash_marks import MeetingMarks

MAX_LABEL_WIDTH = 300
LABEL_LEFT = 18
"""Where a lane's name starts (after its colour swatch)."""
LABEL_RIGHT = 4
NOTHING_SHOWN = (
    "No meetings to show: tick series in the legend, or clear the driver and team filters."
)


def year_days(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def lane_order(meetings: list[Meeting]) -> list[str]:
    """Series names in the order of their first meeting shown."""
    order: list[str] = []
    for m in sorted(meetings, key=lambda m: (m.start_date, m.series)):
        if m.series not in order:
            order.append(m.series)
    return order


def short_round(meeting: Meeting) -> str:
    return meeting.round if len(meeting.round) <= 4 else meeting.round[:3] + "."


@dataclass(frozen=True)
class YearGeometry:
    left: float
    top: float
    day_w: float
    lane_h: float

    def x(self, day_index: float) -> float:
        return self.left + day_index * self.day_w


class SeasonView(QWidget):
    """Jan to Dec across, series down; red marks on meetings with a clash."""

    meeting_selected = Signal(int)
    meeting_activated = Signal(int)
    year_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._season = Season()
        self._meetings: list[Meeting] = []
        self._lanes: list[str] = []
        self._marks = MeetingMarks()
        self._year = local_today().year
        self._selected: int | None = None
        self._hits: list[tuple[QRectF, int]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Season view")
        self.setAccessibleDescription("The whole year, one lane per series; PageUp and PageDown "
                                      "change year")
        self.setMinimumSize(640, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, season: Season, meetings: list[Meeting], marks: MeetingMarks) -> None:
        self._season, self._meetings, self._marks = season, meetings, marks
        self._lanes = lane_order(meetings)
        self.update()

    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        if year != self._year:
            self._year = year
            self.year_changed.emit(year)
            self.update()

    def lanes(self) -> list[str]:
        return list(self._lanes)

    def selected_meeting(self) -> int | None:
        return self._selected

    def show_meeting(self, meeting_id: int) -> None:
        meeting = self._season.meetings.get(meeting_id)
        if meeting is not None:
            self.set_year(meeting.start_date.year)
            self._select(meeting_id)

    def bar_rects(self) -> list[tuple[QRectF, int]]:
        return list(self._hits)

    # -- geometry ---------------------------------------------------------------------------
    def _geometry(self) -> YearGeometry:
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(s) for s in self._lanes), default=80)
        left = min(widest + LABEL_LEFT + LABEL_RIGHT + 2.0, float(MAX_LABEL_WIDTH))
        top = fm.height() + 12.0
        lanes = max(len(self._lanes), 1)
        lane_h = max(fm.height() + 8.0, min(44.0, (self.height() - top - 4) / lanes))
        return YearGeometry(left, top, (self.width() - left - 8) / year_days(self._year), lane_h)

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        geo = self._geometry()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        self._paint_weekends(painter, geo, pal)
        self._paint_months(painter, geo, pal)
        self._paint_lanes(painter, geo, pal)
        self._hits = []
        for meeting in self._meetings:
            self._paint_meeting(painter, geo, pal, meeting)
        if not self._lanes:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            text = NOTHING_SHOWN if self._season.meetings else "No meetings yet."
            painter.drawText(self.rect().adjusted(0, int(geo.top), 0, 0),
                             Qt.AlignmentFlag.AlignCenter, text)
        painter.end()

    def _paint_weekends(self, painter: QPainter, geo: YearGeometry, pal: QPalette) -> None:
        first = date(self._year, 1, 1)
        shade = pal.color(QPalette.ColorRole.AlternateBase)
        bottom = geo.top + geo.lane_h * max(len(self._lanes), 1)
        for i in range(year_days(self._year)):
            if (first + timedelta(days=i)).weekday() >= 5:
                painter.fillRect(QRectF(geo.x(i), geo.top, geo.day_w, bottom - geo.top), shade)

    def _paint_months(self, painter: QPainter, geo: YearGeometry, pal: QPalette) -> None:
        fm = self.fontMetrics()
        bottom = geo.top + geo.lane_h * max(len(self._lanes), 1)
        for month in range(1, 13):
            start = (date(self._year, month, 1) - date(self._year, 1, 1)).days
            end = start + (date(self._year + month // 12, month % 12 + 1, 1)
                           - date(self._year, month, 1)).days
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            x = int(geo.x(start))
            painter.drawLine(x, 2, x, int(bottom))
            rect = QRectF(geo.x(start), 2, geo.x(end) - geo.x(start), fm.height() + 4)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            name = date(self._year, month, 1).strftime("%b")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)

    def _paint_lanes(self, painter: QPainter, geo: YearGeometry, pal: QPalette) -> None:
        fm = self.fontMetrics()
        for i, name in enumerate(self._lanes):
            top = geo.top + i * geo.lane_h
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            painter.drawLine(0, int(top + geo.lane_h), self.width(), int(top + geo.lane_h))
            swatch = QRectF(4, top + geo.lane_h / 2 - 5, 10, 10)
            painter.fillRect(swatch, QColor(series_colour(self._season, name)))
            label = QRectF(LABEL_LEFT, top, geo.left - LABEL_LEFT - LABEL_RIGHT, geo.lane_h)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            shown = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(label.width()))
            painter.drawText(label, int(Qt.AlignmentFlag.AlignVCenter), shown)

    def _paint_meeting(
        self, painter: QPainter, geo: YearGeometry, pal: QPalette, meeting: Meeting
    ) -> None:
        jan1, dec31 = date(self._year, 1, 1), date(self._year, 12, 31)
        outside = meeting.end_date < jan1 or meeting.start_date > dec31
        if outside or meeting.series not in self._lanes:
            return
        first = (max(meeting.start_date, jan1) - jan1).days
        last = (min(meeting.end_date, dec31) - jan1).days
        lane = self._lanes.index(meeting.series)
        top = geo.top + lane * geo.lane_h + 6
        width = max(geo.x(last + 1) - geo.x(first), 4.0)
        rect = QRectF(geo.x(first), top, width, geo.lane_h - 10)
        clash = meeting.id in self._marks.clash
        style = BarStyle(
            colour=series_colour(self._season, meeting.series),
            clash=clash and rect.width() >= 14,
            warning=meeting.id in self._marks.warning and rect.width() >= 14,
            selected=meeting.id == self._selected,
            cancelled=meeting.cancelled,
        )
        draw_bar(painter, rect, short_round(meeting) if rect.width() >= 22 else "", style, pal)
        if clash and rect.width() < 14:
            draw_clash_triangle(painter, rect.center().x(), rect.top() - 4, 11)
        self._hits.append((rect, meeting.id))

    # -- interaction ------------------------------------------------------------------------
    def meeting_at(self, x: float, y: float) -> int | None:
        """The meeting under a point (bars a few pixels wide get a little slack)."""
        for rect, mid in self._hits:
            if rect.adjusted(-2, 0, 2, 0).contains(x, y):
                return mid
        return None

    def _select(self, meeting_id: int | None) -> None:
        self._selected = meeting_id
        self.update()
        if meeting_id is not None:
            self.meeting_selected.emit(meeting_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._select(self.meeting_at(event.position().x(), event.position().y()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        mid = self.meeting_at(event.position().x(), event.position().y())
        if mid is not None:
            self.meeting_activated.emit(mid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.set_year(self._year + (-1 if key == Qt.Key.Key_PageUp else 1))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.meeting_activated.emit(self._selected)
        else:
            super().keyPressEvent(event)

    def _step_selection(self, step: int) -> None:
        ids = [m.id for m in self._meetings]
        if not ids:
            return
        index = ids.index(self._selected) + step if self._selected in ids else 0
        self.show_meeting(ids[min(max(index, 0), len(ids) - 1)])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            mid = self.meeting_at(event.pos().x(), event.pos().y())
            if mid is None:
                QToolTip.hideText()
            else:
                meeting = self._season.meetings[mid]
                text = meeting_tooltip(self._season, meeting, self._marks, viewer_zone())
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)
