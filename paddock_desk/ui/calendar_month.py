"""The month grid: weeks in rows, each meeting a bar in its series' colour across its days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from paddock_desk.domain.model import Meeting, Season
from paddock_desk.ui.calendar_data import (
    local_today,
    meeting_title,
    meeting_tooltip,
    series_colour,
    viewer_zone,
)
from paddock_desk.ui.calendar_paint import BarStyle, draw_bar
from paddock_desk.ui.clash_marks import MeetingMarks

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


class MonthCalendar(QWidget):
    """Six weeks around one month; click a bar to pick a meeting, double-click to open it."""

    meeting_selected = Signal(int)
    meeting_activated = Signal(int)
    month_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._season = Season()
        self._meetings: list[Meeting] = []
        self._marks = MeetingMarks()
        self._month = local_today().replace(day=1)
        self._selected: int | None = None
        self._hits: list[tuple[QRectF, int]] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Month calendar")
        self.setAccessibleDescription(
            "Meetings of the month as bars; PageUp and PageDown change month"
        )
        self.setMinimumSize(520, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- data -------------------------------------------------------------------------------
    def set_data(self, season: Season, meetings: list[Meeting], marks: MeetingMarks) -> None:
        self._season, self._meetings, self._marks = season, meetings, marks
        self.update()

    def month(self) -> date:
        return self._month

    def set_month(self, first: date) -> None:
        first = first.replace(day=1)
        if first != self._month:
            self._month = first
            self.month_changed.emit(first)
            self.update()

    def shift_month(self, n: int) -> None:
        self.set_month(add_months(self._month, n))

    def selected_meeting(self) -> int | None:
        return self._selected

    def show_meeting(self, meeting_id: int) -> None:
        """Turn to the meeting's month and pick it."""
        meeting = self._season.meetings.get(meeting_id)
        if meeting is None:
            return
        self.set_month(meeting.start_date)
        self._select(meeting_id)

    def bar_rects(self) -> list[tuple[QRectF, int]]:
        """Where each visible bar was last painted, with its meeting id."""
        return list(self._hits)

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

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        geo = self._geometry()
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        self._paint_header(painter, geo, pal)
        self._hits = []
        start = grid_start(self._month)
        for row in range(WEEKS):
            week = start + timedelta(weeks=row)
            self._paint_week_cells(painter, geo, pal, row, week)
            self._paint_week_bars(painter, geo, pal, row, week)
        painter.end()

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
            painter.setPen(pal.color(QPalette.ColorRole.Mid))
            painter.drawRect(rect)
            number = QRectF(rect.left() + 4, rect.top() + 2, rect.width() - 8, geo.number_h - 2)
            ink = QPalette.ColorRole.PlaceholderText if outside else QPalette.ColorRole.Text
            if day == today:
                ink = QPalette.ColorRole.Highlight
            painter.setPen(pal.color(ink))
            label = f"{day.day} {day:%b}" if day.day == 1 else str(day.day)
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
            draw_bar(painter, rect, meeting_title(meeting), self._style(meeting), pal)
            self._hits.append((rect, meeting.id))
        self._paint_overflow(painter, geo, pal, row, hidden)

    def _bar_rect(self, geo: GridGeometry, row: int, c0: int, c1: int, lane: int) -> QRectF:
        top = geo.header + row * geo.cell_h + geo.number_h + lane * geo.lane_h
        return QRectF(c0 * geo.cell_w + 3, top, (c1 - c0 + 1) * geo.cell_w - 6, geo.lane_h - 3)

    def _style(self, meeting: Meeting) -> BarStyle:
        return BarStyle(
            colour=series_colour(self._season, meeting.series),
            clash=meeting.id in self._marks.clash,
            warning=meeting.id in self._marks.warning,
            selected=meeting.id == self._selected,
            cancelled=meeting.cancelled,
        )

    def _paint_overflow(
        self, painter: QPainter, geo: GridGeometry, pal: QPalette, row: int, hidden: dict[int, int]
    ) -> None:
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        for col, count in hidden.items():
            rect = geo.cell(row, col).adjusted(4, 2, -4, -2)
            align = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            painter.drawText(rect, align, f"+{count} more")

    # -- interaction ------------------------------------------------------------------------
    def meeting_at(self, x: float, y: float) -> int | None:
        for rect, mid in self._hits:
            if rect.contains(x, y):
                return mid
        return None

    def _select(self, meeting_id: int | None) -> None:
        self._selected = meeting_id
        self.update()
        if meeting_id is not None:
            self.meeting_selected.emit(meeting_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        self._select(self.meeting_at(pos.x(), pos.y()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        mid = self.meeting_at(pos.x(), pos.y())
        if mid is not None:
            self.meeting_activated.emit(mid)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.shift_month(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_selection(-1 if key in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.meeting_activated.emit(self._selected)
        else:
            super().keyPressEvent(event)

    def _step_selection(self, step: int) -> None:
        """Pick the next or previous meeting in date order, turning the month when needed."""
        if not self._meetings:
            return
        ids = [m.id for m in self._meetings]
        if self._selected in ids:
            index = min(max(ids.index(self._selected) + step, 0), len(ids) - 1)
        else:
            index = next((i for i, m in enumerate(self._meetings)
                          if m.end_date >= self._month), len(ids) - 1)
        self.show_meeting(ids[index])

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
