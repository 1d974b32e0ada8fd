"""The week view: seven days across, the meetings as bars on top, each day's sessions below it
with their times at the circuit and at home (the viewer's zone, or the filtered driver's).

A week busier than the view is tall keeps room for the sessions and ends its bars with a
"+N more" link under each crowded day; a click (or Enter on that day) lists the day's meetings.

Keyboard: PageUp and PageDown turn the week, Left and Right move the day cursor (turning the
week at its edge) and pick the day's first meeting, Enter opens the picked meeting (or lists
the day when some of its meetings are not drawn).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from paddock_desk.domain.model import Meeting, Session, zone
from paddock_desk.ui.calendar_canvas import CalendarCanvas, unavailable_brush
from paddock_desk.ui.calendar_data import (
    local_today,
    meeting_title,
    series_colour,
    session_label,
    viewer_zone,
)
from paddock_desk.ui.calendar_day_popup import (
    DayPopup,
    draw_more_link,
    meetings_on,
    show_day_popup,
)
from paddock_desk.ui.calendar_month import assign_lanes
from paddock_desk.ui.calendar_paint import bar_fill, draw_clash_triangle

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SessionRow:
    """One session as a day of the week lists it."""

    meeting: Meeting
    session: Session
    local: str
    home: str


def session_rows(sessions: list[Session], meetings: dict[int, Meeting], day: date,
                 home: tzinfo) -> list[SessionRow]:
    """The sessions starting on ``day`` (the circuit's local date), by start."""
    rows = []
    for s in sessions:
        meeting = meetings.get(s.meeting_id)
        if meeting is None:
            continue
        here = s.start.astimezone(zone(meeting.circuit.tz))
        if here.date() != day:
            continue
        there = s.start.astimezone(home)
        end_here, end_there = s.end.astimezone(here.tzinfo), s.end.astimezone(home)
        rows.append(SessionRow(
            meeting, s, f"{here:%H:%M}-{end_here:%H:%M} {here.tzname()}",
            f"{there:%a %H:%M}-{end_there:%H:%M} {there.tzname()}"))
    return sorted(rows, key=lambda r: (r.session.start, r.meeting.series))


def card_lines(row: SessionRow) -> tuple[tuple[str, str, str], bool]:
    """A session card's three lines, and whether they are struck through (it is cancelled)."""
    cancelled = row.session.cancelled
    state = " (cancelled)" if cancelled else ""
    name = f"{session_label(row.session.name)}{state} · {meeting_title(row.meeting)}"
    return (name, row.local, row.home), cancelled


class WeekView(CalendarCanvas):
    """A week of meetings and their sessions in two time zones."""

    week_changed = Signal(object)
    day_opened = Signal(object)
    """A DayPopup just opened (for tests and the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._week = week_of(local_today())
        self._cursor = local_today()
        self._home: tzinfo = viewer_zone()
        self._home_label = "your time"
        self._sessions: list[Session] = []
        self._by_id: dict[int, Meeting] = {}
        self._more: list[tuple[QRectF, date]] = []
        self.popup: DayPopup | None = None
        self.setAccessibleName("Week view")
        self.setAccessibleDescription("A week of meetings and sessions, in the circuit's time and "
                                      "at home; PageUp and PageDown change week")
        self.setMinimumSize(700, 420)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def data_changed(self) -> None:
        self._by_id = {m.id: m for m in self._meetings}
        self._sessions = [s for s in self._season.sessions.values() if s.meeting_id in self._by_id]

    def set_home(self, home: tzinfo, label: str) -> None:
        """The second zone of each session: the viewer's, or a driver's home."""
        self._home, self._home_label = home, label
        self.update()

    def home_label(self) -> str:
        return self._home_label

    def week(self) -> date:
        return self._week

    def cursor_day(self) -> date:
        return self._cursor

    def go_to_day(self, day: date) -> None:
        self._cursor = day
        if week_of(day) != self._week:
            self._week = week_of(day)
            self.week_changed.emit(self._week)
        self.update()

    def shift_week(self, n: int) -> None:
        self.go_to_day(self._cursor + timedelta(weeks=n))

    def show_meeting(self, meeting_id: int) -> None:
        meeting = self._season.meetings.get(meeting_id)
        if meeting is not None:
            self.go_to_day(meeting.start_date)
            self.select(meeting_id)

    def day_rows(self, day: date) -> list[SessionRow]:
        return session_rows(self._sessions, self._by_id, day, self._home)

    # -- painting ---------------------------------------------------------------------------
    def paint_content(self, painter: QPainter) -> None:
        pal = self.palette()
        fm = self.fontMetrics()
        col_w = self.width() / 7
        header = fm.height() * 2 + 10.0
        lane_h = fm.height() + 6.0
        placed = assign_lanes(self._meetings, self._week)
        lanes = max((lane for _m, lane in placed), default=-1) + 1
        room = self._bar_lanes(header, lane_h)
        shown = lanes if lanes <= room else room - 1  # the last lane holds "+N more"
        top = header + 4 + min(lanes, room) * lane_h + 6
        for col in range(7):
            self._paint_day(painter, pal, col, col_w, header, top)
        hidden = [0] * 7
        for meeting, lane in placed:
            c0 = (max(meeting.start_date, self._week) - self._week).days
            c1 = (min(meeting.end_date, self._week + timedelta(days=6)) - self._week).days
            if lane >= shown:
                for col in range(c0, c1 + 1):
                    hidden[col] += 1
                continue
            rect = QRectF(c0 * col_w + 3, header + 4 + lane * lane_h, (c1 - c0 + 1) * col_w - 6,
                          lane_h - 3)
            self.paint_bar(painter, rect, meeting, f"{meeting_title(meeting)} ({meeting.series})")
        self._more = []
        for col, count in enumerate(hidden):
            if count:
                rect = draw_more_link(painter, pal, (col + 1) * col_w - 6,
                                      header + 4 + shown * lane_h, lane_h - 3, count)
                self._more.append((rect, self._week + timedelta(days=col)))
        for col in range(7):
            self._paint_sessions(painter, pal, col, col_w, top)

    def _bar_lanes(self, header: float, lane_h: float) -> int:
        """How many lanes of bars fit, leaving two session cards of room when there are any."""
        fm = self.fontMetrics()
        sessions = any(self.day_rows(self._week + timedelta(days=d)) for d in range(7))
        keep = 2 * (fm.height() * 3 + 12) if sessions else 0
        return max(2, int((self.height() - header - 10 - keep) // lane_h))

    def hidden_on(self, day: date) -> bool:
        """Some of ``day``'s meetings are behind "+N more" (as last painted)."""
        return any(d == day for _rect, d in self._more)

    def more_rects(self) -> list[tuple[QRectF, date]]:
        """Where each "+N more" was last painted, with its day."""
        return list(self._more)

    def open_day(self, day: date) -> DayPopup:
        """The popup list of ``day``'s meetings, under the day's heading; Enter opens one."""
        self._cursor = day
        where = QPoint(int((day - self._week).days * self.width() / 7),
                       self.fontMetrics().height() * 2 + 10)
        self.popup = show_day_popup(self, self.popup, self._season, self._meetings, self._marks,
                                    day, where, self._on_chosen)
        self.day_opened.emit(self.popup)
        self.update()
        return self.popup

    def _on_chosen(self, meeting_id: int) -> None:
        self.select(meeting_id)
        self.meeting_activated.emit(meeting_id)

    def _paint_day(self, painter: QPainter, pal: QPalette, col: int, col_w: float,
                   header: float, top: float) -> None:
        day = self._week + timedelta(days=col)
        rect = QRectF(col * col_w, 0, col_w, self.height())
        role = QPalette.ColorRole.AlternateBase if col >= 5 else QPalette.ColorRole.Base
        painter.fillRect(rect, pal.color(role))
        if self.unavailable_on(day) is not None:
            painter.fillRect(rect.adjusted(0, header, 0, 0), unavailable_brush(pal))
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawRect(rect)
        painter.drawLine(int(rect.left()), int(top - 3), int(rect.right()), int(top - 3))
        head = QRectF(rect.left(), 0, col_w, header)
        painter.fillRect(head, pal.color(QPalette.ColorRole.Button))
        ink = QPalette.ColorRole.Highlight if day == local_today() else QPalette.ColorRole.Text
        painter.setPen(pal.color(ink))
        painter.drawText(head, Qt.AlignmentFlag.AlignCenter,
                         f"{DAY_NAMES[col]}\n{day.day} {day:%b %Y}")
        if day == self._cursor:
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), 2.5 if self.hasFocus() else 1.5)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))

    def _paint_sessions(self, painter: QPainter, pal: QPalette, col: int, col_w: float,
                        top: float) -> None:
        fm = self.fontMetrics()
        day = self._week + timedelta(days=col)
        y = top
        card_h = fm.height() * 3 + 8
        for row in self.day_rows(day):
            if y + card_h > self.height():
                painter.setPen(pal.color(QPalette.ColorRole.Text))
                painter.drawText(QRectF(col * col_w + 4, y, col_w - 8, fm.height()),
                                 Qt.AlignmentFlag.AlignLeft, "…")
                break
            rect = QRectF(col * col_w + 4, y, col_w - 8, card_h)
            self._paint_card(painter, pal, rect, row)
            self._hits.append((rect, row.meeting.id))
            y += card_h + 4

    def _paint_card(self, painter: QPainter, pal: QPalette, rect: QRectF, row: SessionRow) -> None:
        colour = bar_fill(series_colour(self._season, row.meeting.series), pal)
        painter.fillRect(QRectF(rect.left(), rect.top(), 5, rect.height()), colour)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        if row.meeting.id == self._selected:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect)
        text = rect.adjusted(9, 2, -3, -2)
        fm = self.fontMetrics()
        clash = row.meeting.id in self._marks.clash
        lines, cancelled = card_lines(row)
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        painter.save()
        if cancelled:  # a cancelled session is struck through, as a cancelled meeting's bar is
            font = painter.font()
            font.setStrikeOut(True)
            painter.setFont(font)
            fm = painter.fontMetrics()
        for i, line in enumerate(lines):
            shown = fm.elidedText(line, Qt.TextElideMode.ElideRight, int(text.width()))
            painter.drawText(QRectF(text.left(), text.top() + i * fm.height(), text.width(),
                                    fm.height()), int(Qt.AlignmentFlag.AlignLeft), shown)
        painter.restore()
        if clash:
            draw_clash_triangle(painter, rect.right() - 9, rect.top() + 9, 11, pal)
        painter.setPen(QColor(0, 0, 0, 0))

    # -- interaction ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        day = next((d for rect, d in self._more if rect.contains(pos.x(), pos.y())), None)
        if day is not None:
            self.open_day(day)
            return
        col = int(event.position().x() // (self.width() / 7))
        if 0 <= col < 7:
            self._cursor = self._week + timedelta(days=col)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.shift_week(-1 if key == Qt.Key.Key_PageUp else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.go_to_day(self._cursor + timedelta(days=-1 if key == Qt.Key.Key_Left else 1))
            first = next((r.meeting.id for r in self.day_rows(self._cursor)), None)
            if first is None:  # no sessions that day: its first meeting
                first = next((m.id for m in meetings_on(self._meetings, self._cursor)), None)
            if first is not None:
                self.select(first)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.hidden_on(self._cursor):
            self.open_day(self._cursor)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.meeting_activated.emit(self._selected)
        else:
            super().keyPressEvent(event)
