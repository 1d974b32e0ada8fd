"""The calendar tabs: the month grid or the season view, a navigation row and meeting details."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from paddock_desk.domain.model import Meeting, Season
from paddock_desk.ui.calendar_data import (
    date_range_text,
    local_today,
    session_line,
    sessions_of,
    viewer_zone,
)
from paddock_desk.ui.calendar_month import MonthCalendar
from paddock_desk.ui.calendar_season import SeasonView
from paddock_desk.ui.clash_marks import MeetingMarks
from paddock_desk.ui.icons import icon

EMPTY_SEASON = (
    "<b>This season is empty.</b> File &gt; Import (Ctrl+I) reads calendars (.ics) and CSV files "
    "of circuits, series, events, drivers and line-ups; <tt>paddock-desk demo</tt> loads the "
    "2018 demo season."
)


def _nav_button(icon_name: str, text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setIcon(icon(icon_name))
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(text)
    button.setAutoRaise(True)
    return button


class MeetingDetails(QLabel):
    """The picked meeting in words: sessions in the circuit's zone; your own zone on hover."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Meeting details")
        self.setMargin(6)
        self.show_hint()

    def show_hint(self) -> None:
        self.setText(
            "Click a meeting to see its sessions and clashes; double-click to open it in the "
            "roster."
        )
        self.setToolTip("")

    def show_meeting(self, season: Season, meeting: Meeting, marks: MeetingMarks) -> None:
        head = (f"<b>{_esc(meeting.name)}</b> &middot; {_esc(meeting.series)}, round "
                f"{_esc(meeting.round)} &middot; {_esc(meeting.circuit.name)} &middot; "
                f"{date_range_text(meeting)}{' &middot; cancelled' if meeting.cancelled else ''}")
        sessions = sessions_of(season, meeting.id)
        local = [_esc(session_line(s, meeting.circuit.tz)) for s in sessions]
        lines = [head]
        if local:
            lines.append(f"Times at the circuit ({_esc(meeting.circuit.tz)}): " + "; ".join(local))
        lines += [f"<span style='color:#e0301e'><b>Clash:</b> {_esc(m)}</span>"
                  for m in marks.messages(meeting.id)]
        lines += [f"<b>Warning:</b> {_esc(m)}" for m in marks.messages(meeting.id, "warning")]
        self.setText("<br>".join(lines))
        viewer = viewer_zone()
        mine = [_esc(session_line(s, meeting.circuit.tz, viewer)) for s in sessions]
        self.setToolTip("<br>".join(mine) if mine else "")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _title_label() -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setMinimumWidth(160)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class CalendarPage(QWidget):
    """Shared frame of both calendar tabs; subclasses say what a step back or forward is."""

    meeting_activated = Signal(int)

    def __init__(self, view: MonthCalendar | SeasonView, unit: str, parent: QWidget | None = None,
                 container: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.title = _title_label()
        self.previous_button = _nav_button(
            "go-previous", f"Previous {unit}", f"Previous {unit} (PgUp)"
        )
        self.next_button = _nav_button("go-next", f"Next {unit}", f"Next {unit} (PgDown)")
        self.today_button = _nav_button("go-today", "Today", "Go to today")
        self.today_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details = MeetingDetails()
        row = QHBoxLayout()
        for widget in (self.previous_button, self.title, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.today_button)
        self.nav_row = row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(container or view, 1)
        layout.addWidget(self.details)
        self._season = Season()
        self._marks = MeetingMarks()
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        view.meeting_selected.connect(self._on_selected)
        view.meeting_activated.connect(self.meeting_activated)

    def set_data(self, season: Season, meetings: list[Meeting], marks: MeetingMarks) -> None:
        self._season, self._marks = season, marks
        self.view.set_data(season, meetings, marks)
        selected = self.view.selected_meeting()
        if selected is not None and selected in season.meetings:
            self._on_selected(selected)
        elif not season.meetings:
            self.details.setText(EMPTY_SEASON)
        else:
            self.details.show_hint()
        self._update_title()

    def show_meeting(self, meeting_id: int) -> None:
        self.view.show_meeting(meeting_id)
        self._update_title()

    def _on_selected(self, meeting_id: int) -> None:
        meeting = self._season.meetings.get(meeting_id)
        if meeting is not None:
            self.details.show_meeting(self._season, meeting, self._marks)

    def step(self, n: int) -> None:
        raise NotImplementedError

    def go_today(self) -> None:
        raise NotImplementedError

    def _update_title(self) -> None:
        raise NotImplementedError


class MonthPage(CalendarPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.month_view = MonthCalendar()
        super().__init__(self.month_view, "month", parent)
        self.month_view.month_changed.connect(lambda _m: self._update_title())
        self._update_title()

    def step(self, n: int) -> None:
        self.month_view.shift_month(n)

    def go_today(self) -> None:
        self.month_view.set_month(local_today())

    def _update_title(self) -> None:
        self.title.setText(self.month_view.month().strftime("%B %Y"))


class SeasonPage(CalendarPage):
    """The season view in a scroll area: every lane reachable with 60 series."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.season_view = SeasonView()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.season_view)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setAccessibleName("Season lanes")
        super().__init__(self.season_view, "year", parent, container=self.scroll)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self.season_view.update())
        self.season_view.year_changed.connect(lambda _y: self._update_title())
        self.season_view.meeting_selected.connect(self._scroll_to)
        self._update_title()

    def _scroll_to(self, meeting_id: int) -> None:
        meeting = self._season.meetings.get(meeting_id)
        rect = self.season_view.lane_rect(meeting.series) if meeting else None
        if rect is not None:
            margin = int(self.season_view.header_height() + rect.height())
            self.scroll.ensureVisible(10, int(rect.center().y()), 10, margin)

    def step(self, n: int) -> None:
        self.season_view.set_year(self.season_view.year() + n)

    def go_today(self) -> None:
        self.season_view.set_year(local_today().year)

    def _update_title(self) -> None:
        self.title.setText(str(self.season_view.year()))
