"""What an .ics import does to the status of the meetings and sessions a calendar feeds.

A meeting or session a followed calendar no longer has is reported gone, and cancelled only when
the user asks (``refresh --cancel-missing``, or the app's refresh preview); a session the
calendar marks STATUS:CANCELLED is cancelled (a new one is created cancelled); a cancelled
session the calendar has again is scheduled again. In a cancelled meeting the meeting carries
the cancellation and its sessions keep their own status. Each change of status raises the row's
iCalendar SEQUENCE; nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from paddock_desk.domain.explain import date_range, round_label
from paddock_desk.domain.model import zone
from paddock_desk.interop.import_report import ImportReport
from paddock_desk.store.schema import MeetingRow, SessionRow

SCHEDULED, CANCELLED = "scheduled", "cancelled"
"""The statuses of a session."""
GONE = "not in the calendar any more"


def gone_words(report: ImportReport) -> str:
    """"(not in the calendar any more; HINT)", the hint being the report's own (the command
    line names its flag, the app its check box), or none."""
    return f"({GONE}; {report.gone_hint})" if report.gone_hint else f"({GONE})"


def label(row: MeetingRow) -> str:
    """"FIA WEC 2025 round 1 Qatar 1812km 2025"."""
    return f"{round_label(row.series.name, row.round)} {row.name}"


def where(row: MeetingRow) -> str:
    return f"{date_range(row.start_date, row.end_date)} at {row.circuit.name}"


def local(when: datetime, meeting: MeetingRow) -> str:
    """An instant at the meeting's circuit: "Thu 27 Feb 2025 17:00"."""
    return when.astimezone(zone(meeting.circuit.tz)).strftime("%a %d %b %Y %H:%M")


def report_gone(
    meetings: Iterable[MeetingRow],
    used: set[int],
    seen_sessions: set[int],
    report: ImportReport,
    cancel: bool,
) -> None:
    """Report what the followed calendar no longer has; cancel it when asked.

    ``used`` and ``seen_sessions`` hold the ``id()`` of the rows the calendar still has. A gone
    meeting is cancelled whole (its sessions keep their own status: every session of a cancelled
    meeting is exported cancelled); in a meeting the calendar still has, each gone session is
    cancelled on its own. What is cancelled already is not reported again.
    """
    for row in sorted(meetings, key=lambda m: (m.start_date, m.round)):
        if id(row) not in used:
            if not row.cancelled:
                _gone_meeting(row, report, cancel)
            continue
        for s in sorted(row.sessions, key=lambda s: s.start):
            if id(s) not in seen_sessions and s.status != CANCELLED:
                _gone_session(row, s, report, cancel)


def _gone_meeting(row: MeetingRow, report: ImportReport, cancel: bool) -> None:
    if not cancel:
        report.changes.append(f"gone: {label(row)}, {where(row)} {gone_words(report)}")
        return
    row.cancelled = True
    row.sequence += 1
    report.updated["meeting"] += 1
    report.changes.append(f"cancelled: {label(row)}, {where(row)} (gone)")


def _gone_session(meeting: MeetingRow, row: SessionRow, report: ImportReport, cancel: bool) -> None:
    when = local(row.start, meeting)
    if not cancel:
        report.changes.append(f"gone: {label(meeting)}, {row.name}, {when} {gone_words(report)}")
        return
    row.status = CANCELLED
    row.sequence += 1
    report.updated["session"] += 1
    report.changes.append(f"cancelled: {label(meeting)}, {row.name}, {when} (gone)")


def cancelled_in_calendar(meeting: MeetingRow, row: SessionRow, report: ImportReport) -> None:
    """A known session the calendar says is cancelled: marked cancelled, and kept."""
    if row.status == CANCELLED:
        report.unchanged["session"] += 1
        return
    row.status = CANCELLED
    row.sequence += 1
    report.updated["session"] += 1
    report.changes.append(
        f"cancelled: {label(meeting)}, {row.name}, {local(row.start, meeting)} "
        "(cancelled in the calendar)"
    )


def reinstated(
    meeting: MeetingRow, row: SessionRow, report: ImportReport, *, raise_sequence: bool
) -> bool:
    """A cancelled session the calendar has again is scheduled again; whether it was."""
    if row.status != CANCELLED:
        return False
    row.status = SCHEDULED
    if raise_sequence:  # not raised already by a move in the same import
        row.sequence += 1
    report.changes.append(
        f"reinstated: {label(meeting)}, {row.name}, {local(row.start, meeting)} "
        "(in the calendar again)"
    )
    return True
