"""The season view: a whole year across, one lane per series (sorted by name) down.

With many series the view grows taller than the window and scrolls (it sits in a scroll area;
the month names stay at the top while the lanes scroll under them); PageUp and PageDown, or a
sideways wheel, change the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from paddock_desk.domain.model import Meeting
from paddock_desk.ui.calendar_canvas import CalendarCanvas, unavailable_brush
from paddock_desk.ui.calendar_data import local_today, series_colour
from paddock_desk.ui.calendar_paint import draw_clash_triangle

MAX_LABEL_WIDTH = 300
LABEL_LEFT = 18
"""Where a lane's name starts (after its colour swatch)."""
LABEL_RIGHT = 4
MAX_LANE_HEIGHT = 44.0
NOTHING_SHOWN = (
    "No meetings to show: tick series in the legend, or clear the driver and team filters."
)


def year_days(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def lane_order(meetings: list[Meeting]) -> list[str]:
    """The series of the meetings shown, sorted by name (ignoring case)."""
    return sorted({m.series for m in meetings}, key=lambda name: (name.casefold(), name))


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


class SeasonView(CalendarCanvas):
    """Jan to Dec across, series down; marks on meetings with a clash."""

    year_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lanes: list[str] = []
        self._lane_index: dict[str, int] = {}
        self._order: list[str] | None = None
        self._year = local_today().year
        self.hit_slack = 2.0
        self.setAccessibleName("Season view")
        self.setAccessibleDescription("The whole year, one lane per series; PageUp and PageDown "
                                      "change year")
        self.setMinimumWidth(640)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.data_changed()

    def set_lane_order(self, order: list[str] | None) -> None:
        """Lanes in this order of series (None: by name)."""
        self._order = order
        self.data_changed()
        self.update()

    def data_changed(self) -> None:
        self._lanes = lane_order(self._meetings)
        order = getattr(self, "_order", None)
        if order is not None:
            rank = {name: i for i, name in enumerate(order)}
            self._lanes.sort(key=lambda name: rank.get(name, len(rank)))
        self._lane_index = {name: i for i, name in enumerate(self._lanes)}
        self.setMinimumHeight(int(self.natural_height(len(self._lanes))))

    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        if year != self._year:
            self._year = year
            self.year_changed.emit(year)
            self.update()

    def lanes(self) -> list[str]:
        return list(self._lanes)

    def show_meeting(self, meeting_id: int) -> None:
        meeting = self._season.meetings.get(meeting_id)
        if meeting is not None:
            self.set_year(meeting.start_date.year)
            self.select(meeting_id)

    # -- geometry ---------------------------------------------------------------------------
    def header_height(self) -> float:
        return self.fontMetrics().height() + 12.0

    def min_lane_height(self) -> float:
        return self.fontMetrics().height() + 8.0

    def natural_height(self, lanes: int) -> float:
        """The least height that shows ``lanes`` lanes readably (more scrolls)."""
        return self.header_height() + max(lanes, 1) * self.min_lane_height() + 4

    def _geometry(self) -> YearGeometry:
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(s) for s in self._lanes), default=80)
        left = min(widest + LABEL_LEFT + LABEL_RIGHT + 2.0, float(MAX_LABEL_WIDTH))
        top = self.header_height()
        lanes = max(len(self._lanes), 1)
        lane_h = max(self.min_lane_height(),
                     min(MAX_LANE_HEIGHT, (self.height() - top - 4) / lanes))
        return YearGeometry(left, top, (self.width() - left - 8) / year_days(self._year), lane_h)

    def lane_rect(self, series: str) -> QRectF | None:
        index = self._lane_index.get(series)
        if index is None:
            return None
        geo = self._geometry()
        return QRectF(0, geo.top + index * geo.lane_h, self.width(), geo.lane_h)

    # -- painting ---------------------------------------------------------------------------
    def paint_content(self, painter: QPainter) -> None:
        pal = self.palette()
        geo = self._geometry()
        self._paint_weekends(painter, geo, pal)
        self._paint_unavailable(painter, geo, pal)
        self._paint_lanes(painter, geo, pal)
        for meeting in self._meetings:
            self._paint_meeting(painter, geo, meeting)
        self._paint_months(painter, geo, pal)
        if not self._lanes:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            text = NOTHING_SHOWN if self._season.meetings else "No meetings yet."
            painter.drawText(self.rect().adjusted(0, int(geo.top), 0, 0),
                             Qt.AlignmentFlag.AlignCenter, text)

    def _bottom(self, geo: YearGeometry) -> float:
        return geo.top + geo.lane_h * max(len(self._lanes), 1)

    def _paint_weekends(self, painter: QPainter, geo: YearGeometry, pal: QPalette) -> None:
        first = date(self._year, 1, 1)
        shade = pal.color(QPalette.ColorRole.AlternateBase)
        bottom = self._bottom(geo)
        for i in range(year_days(self._year)):
            if (first + timedelta(days=i)).weekday() >= 5:
                painter.fillRect(QRectF(geo.x(i), geo.top, geo.day_w, bottom - geo.top), shade)

    def _paint_unavailable(self, painter: QPainter, geo: YearGeometry, pal: QPalette) -> None:
        jan1, dec31 = date(self._year, 1, 1), date(self._year, 12, 31)
        brush = unavailable_brush(pal)
        for block in self._unavailable:
            if block.last < jan1 or block.first > dec31:
                continue
            a = (max(block.first, jan1) - jan1).days
            b = (min(block.last, dec31) - jan1).days + 1
            rect = QRectF(geo.x(a), geo.top, geo.x(b) - geo.x(a), self._bottom(geo) - geo.top)
            painter.fillRect(rect, brush)

    def _visible_top(self) -> float:
        """The first row on screen (the view may be scrolled inside its scroll area)."""
        region = self.visibleRegion().boundingRect()
        return float(region.top()) if not region.isEmpty() else 0.0

    def _paint_months(self, painter: QPainter, geo: YearGeometry, pal: QPalette) -> None:
        """Month lines down the lanes, and their names in a band that stays on screen."""
        fm = self.fontMetrics()
        band_top = self._visible_top()
        band = QRectF(0, band_top, self.width(), geo.top)
        painter.fillRect(band, pal.color(QPalette.ColorRole.Base))
        bottom = self._bottom(geo)
        for month in range(1, 13):
            start = (date(self._year, month, 1) - date(self._year, 1, 1)).days
            end = start + (date(self._year + month // 12, month % 12 + 1, 1)
                           - date(self._year, month, 1)).days
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            x = int(geo.x(start))
            painter.drawLine(x, int(band_top + 2), x, int(bottom))
            rect = QRectF(geo.x(start), band_top + 2, geo.x(end) - geo.x(start),
                          fm.height() + 4)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            name = date(self._year, month, 1).strftime("%b")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, int(band.bottom()), self.width(), int(band.bottom()))

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

    def _paint_meeting(self, painter: QPainter, geo: YearGeometry, meeting: Meeting) -> None:
        jan1, dec31 = date(self._year, 1, 1), date(self._year, 12, 31)
        lane = self._lane_index.get(meeting.series)
        if meeting.end_date < jan1 or meeting.start_date > dec31 or lane is None:
            return
        first = (max(meeting.start_date, jan1) - jan1).days
        last = (min(meeting.end_date, dec31) - jan1).days
        pad = min(6.0, geo.lane_h / 5)
        top = geo.top + lane * geo.lane_h + pad
        width = max(geo.x(last + 1) - geo.x(first), 4.0)
        rect = QRectF(geo.x(first), top, width, geo.lane_h - 2 * pad)
        style = self.style_of(meeting)
        self.paint_bar(painter, rect, meeting, short_round(meeting) if rect.width() >= 30 else "",
                       style)
        if style.clash and rect.width() < 24:
            draw_clash_triangle(painter, rect.center().x(), rect.top() - 2, 10, self.palette())

    # -- interaction ------------------------------------------------------------------------
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

    def wheelEvent(self, event: QWheelEvent) -> None:
        """A sideways wheel (or Shift with the wheel) changes the year; up and down scroll."""
        delta = event.angleDelta()
        sideways = delta.x() if delta.x() else (
            delta.y() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0)
        if sideways:
            self.set_year(self._year + (1 if sideways < 0 else -1))
            event.accept()
            return
        super().wheelEvent(event)

    def _step_selection(self, step: int) -> None:
        ids = [m.id for m in self._meetings]
        if not ids:
            return
        index = ids.index(self._selected) + step if self._selected in ids else 0
        self.show_meeting(ids[min(max(index, 0), len(ids) - 1)])
