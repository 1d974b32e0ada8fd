"""The month grid: weeks in rows, each meeting a bar in its series' colour across its days.

Keyboard: the arrows move a day cursor (Up and Down by a week, turning the month at its edge),
PageUp and PageDown turn the month, Enter opens the day's meetings in a list (as a click on
"+N more" does), from which Enter jumps to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from paddock_desk.domain.model import Meeting
from paddock_desk.ui.calendar_canvas import CalendarCanvas, unavailable_brush
from paddock_desk.ui.calendar_data import local_today, meeting_title
from paddock_desk.ui.calendar_day_popup import (
    DayPopup,
    draw_more_link,
    meetings_on,
    show_day_popup,
)

WEEKS = 6
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def grid_start(first_of_month: date) -> date:
    """The Monday on or before the first of the month (the grid's top-left day)."""
    return first_of_month - timedelta(days=first_of_month.weekday())


def add_months(first: date, n: int) -> date:
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def assign_lanes(meetings: list[Meeting], week: date) -> list[tuple[Meeting, int]]:
    """Meetings touching the week, each in the first lane free over its days there."""
    week_end = week + timedelta(days=6)
    touching = [m for m in meetings if m.start_date <= week_end and m.end_date >= week]
    touching.sort(key=lambda m: (m.start_date, -(m.end_date - m.start_date).days, m.series))
    lane_free: list[date] = []
    placed: list[tuple[Meeting, int]] = []
    for m in touching:
        first = max(m.start_date, week)
        lane = next((i for i, free in enumerate(lane_free) if free <= first), len(lane_free))
        if lane == len(lane_free):
            lane_free.append(first)
        lane_free[lane] = min(m.end_date, week_end) + timedelta(days=1)
        placed.append((m, lane))
    return placed


@dataclass(frozen=True)
class GridGeometry:
    header: float
    cell_w: float
    cell_h: float
    number_h: float
    lane_h: float

    def cell(self, row: int, col: int) -> QRectF:
        return QRectF(col * self.cell_w, self.header + row * self.cell_h, self.cell_w, self.cell_h)

    def lanes(self) -> int:
        return max(1, int((self.cell_h - self.number_h - 2) // self.lane_h))


class MonthCalendar(CalendarCanvas):
    """Six weeks around one month; click a bar to pick a meeting, double-click to open it."""

    month_changed = Signal(object)
    day_opened = Signal(object)
    """A DayPopup just opened (for tests and the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._month = local_today().replace(day=1)
        self._cursor = local_today()
        self._more: list[tuple[QRectF, date]] = []
        self.popup: DayPopup | None = None
        self.setMouseTracking(True)
        self.setAccessibleName("Month calendar")
        self.setAccessibleDescription(
            "Meetings of the month as bars; arrows move by day, Enter lists the day's meetings, "
            "PageUp and PageDown change month"
        )
        self.setMinimumSize(520, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- data -------------------------------------------------------------------------------
    def month(self) -> date:
        return self._month

    def cursor_day(self) -> date:
        return self._cursor

    def set_month(self, first: date) -> None:
        first = first.replace(day=1)
        if first != self._month:
            self._month = first
            if self._cursor.replace(day=1) != first:
                self._cursor = first.replace(day=min(self._cursor.day, _days_in(first)))
            self.month_changed.emit(first)
            self.update()

    def shift_month(self, n: int) -> None:
        self.set_month(add_months(self._month, n))

    def go_to_day(self, day: date) -> None:
        """Put the day cursor on ``day``, turning to its month."""
        self._cursor = day
        self.set_month(day)
        self.update()

    def show_meeting(self, meeting_id: int) -> None:
        """Turn to the meeting's month and pick it."""
        meeting = self._season.meetings.get(meeting_id)
        if meeting is None:
            return
        self._cursor = meeting.start_date
        self.set_month(meeting.start_date)
        self.select(meeting_id)

    def more_rects(self) -> list[tuple[QRectF, date]]:
        """Where each "+N more" was last painted, with its day."""
        return list(self._more)

    # -- geometry ---------------------------------------------------------------------------
    def _geometry(self) -> GridGeometry:
        fm = self.fontMetrics()
        header = fm.height() + 8.0
        return GridGeometry(
            header=header,
            cell_w=self.width() / 7,
            cell_h=(self.height() - header) / WEEKS,
            number_h=fm.height() + 4.0,
            lane_h=fm.height() + 5.0,
        )

    def day_rect(self, day: date) -> QRectF | None:
        offset = (day - grid_start(self._month)).days
        if not 0 <= offset < WEEKS * 7:
            return None
        return self._geometry().cell(offset // 7, offset % 7)

    def day_at(self, x: float, y: float) -> date | None:
        geo = self._geometry()
        if y < geo.header:
            return None
        row, col = int((y - geo.header) // geo.cell_h), int(x // geo.cell_w)
        if not (0 <= row < WEEKS and 0 <= col < 7):
            return None
        return grid_start(self._month) + timedelta(days=row * 7 + col)

    # -- painting ---------------------------------------------------------------------------
    def paint_content(self, painter: QPainter) -> None:
        geo = self._geometry()
        pal = self.palette()
        self._paint_header(painter, geo, pal)
        self._more = []
        start = grid_start(self._month)
        for row in range(WEEKS):
            week = start + timedelta(weeks=row)
            self._paint_week_cells(painter, geo, pal, row, week)
            self._paint_week_bars(painter, geo, pal, row, week)
        self._paint_cursor(painter, pal)

    def _paint_header(self, painter: QPainter, geo: GridGeometry, pal: QPalette) -> None:
        header = QRectF(0, 0, self.width(), geo.header)
        painter.fillRect(header, pal.color(QPalette.ColorRole.Button))
        painter.setPen(pal.color(QPalette.ColorRole.ButtonText))
        for col, name in enumerate(DAY_NAMES):
            rect = QRectF(col * geo.cell_w, 0, geo.cell_w, geo.header)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)

    def _paint_week_cells(
        self, painter: QPainter, geo: GridGeometry, pal: QPalette, row: int, week: date
    ) -> None:
        today = local_today()
        for col in range(7):
            day = week + timedelta(days=col)
            rect = geo.cell(row, col)
            outside = day.month != self._month.month
            shaded = outside or col >= 5
            role = QPalette.ColorRole.AlternateBase if shaded else QPalette.ColorRole.Base
            painter.fillRect(rect, pal.color(role))
            if self.unavailable_on(day) is not None:
                painter.fillRect(rect, unavailable_brush(pal))
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            painter.drawRect(rect)
            number = QRectF(rect.left() + 4, rect.top() + 2, rect.width() - 8, geo.number_h - 2)
            ink = QPalette.ColorRole.PlaceholderText if outside else QPalette.ColorRole.Text
            if day == today:
                ink = QPalette.ColorRole.Highlight
            painter.setPen(pal.color(ink))
            label = f"{day.day} {day:%b}" if day.day == 1 else str(day.day)
            blocked = self.unavailable_on(day)
            if blocked is not None:
                label += "  unavailable"
            top_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            painter.drawText(number, top_left, label)

    def _paint_week_bars(
        self, painter: QPainter, geo: GridGeometry, pal: QPalette, row: int, week: date
    ) -> None:
        lanes = geo.lanes()
        hidden: dict[int, int] = {}
        for meeting, lane in assign_lanes(self._meetings, week):
            first = max(meeting.start_date, week)
            last = min(meeting.end_date, week + timedelta(days=6))
            if lane >= lanes:
                for col in range((first - week).days, (last - week).days + 1):
                    hidden[col] = hidden.get(col, 0) + 1
                continue
            rect = self._bar_rect(geo, row, (first - week).days, (last - week).days, lane)
            self.paint_bar(painter, rect, meeting, meeting_title(meeting))
        self._paint_overflow(painter, geo, pal, row, week, hidden)

    def _bar_rect(self, geo: GridGeometry, row: int, c0: int, c1: int, lane: int) -> QRectF:
        top = geo.header + row * geo.cell_h + geo.number_h + lane * geo.lane_h
        return QRectF(c0 * geo.cell_w + 3, top, (c1 - c0 + 1) * geo.cell_w - 6, geo.lane_h - 3)

    def _paint_overflow(
        self, painter: QPainter, geo: GridGeometry, pal: QPalette, row: int, week: date,
        hidden: dict[int, int],
    ) -> None:
        """A "+N more" link at the top right of each crowded day; a click lists the day."""
        for col, count in hidden.items():
            cell = geo.cell(row, col)
            rect = draw_more_link(painter, pal, cell.right() - 3, cell.top() + 2,
                                  geo.number_h - 2, count)
            self._more.append((rect, week + timedelta(days=col)))

    def _paint_cursor(self, painter: QPainter, pal: QPalette) -> None:
        rect = self.day_rect(self._cursor)
        if rect is None:
            return
        pen = QPen(pal.color(QPalette.ColorRole.Highlight), 2.5 if self.hasFocus() else 1.5)
        pen.setStyle(Qt.PenStyle.SolidLine if self.hasFocus() else Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))

    # -- interaction ------------------------------------------------------------------------
    def more_at(self, x: float, y: float) -> date | None:
        for rect, day in self._more:
            if rect.contains(x, y):
                return day
        return None

    def open_day(self, day: date) -> DayPopup:
        """The popup list of ``day``'s meetings, below the day's cell."""
        self._cursor = day
        rect = self.day_rect(day) or QRectF(0, 0, 10, 10)
        self.popup = show_day_popup(self, self.popup, self._season, self._meetings, self._marks,
                                    day, QPoint(int(rect.left()), int(rect.top() + 20)),
                                    self._on_chosen)
        self.day_opened.emit(self.popup)
        self.update()
        return self.popup

    def _on_chosen(self, meeting_id: int) -> None:
        self.show_meeting(meeting_id)
        self.setFocus()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        day = self.more_at(pos.x(), pos.y())
        if day is not None:
            self.open_day(day)
            return
        clicked = self.day_at(pos.x(), pos.y())
        if clicked is not None:
            self._cursor = clicked
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        over = self.more_at(pos.x(), pos.y()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def tooltip_at(self, x: float, y: float) -> str:
        day = self.more_at(x, y)
        if day is not None:
            names = [meeting_title(m) + f" ({m.series})" for m in meetings_on(self._meetings, day)]
            return "<br>".join([f"<b>{day:%a %d %b}</b>: click for the list", *names])
        text = super().tooltip_at(x, y)
        on = self.day_at(x, y)
        blocked = self.unavailable_on(on) if on is not None else None
        if not text and blocked is not None:
            return f"Unavailable: {blocked.reason or 'no reason given'}"
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.shift_month(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key in steps:
            self.go_to_day(self._cursor + timedelta(days=steps[Qt.Key(key)]))
        elif key == Qt.Key.Key_Home:
            self.go_to_day(local_today())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_day(self._cursor)
        else:
            super().keyPressEvent(event)


def _days_in(first: date) -> int:
    return (add_months(first, 1) - first).days

