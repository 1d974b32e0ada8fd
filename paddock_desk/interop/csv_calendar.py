"""Applying the calendar kinds of CSV file: circuits, series, events (meetings) and sessions."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from paddock_desk.interop import csv_values as v
from paddock_desk.interop.csv_reading import CsvRow, CsvTable
from paddock_desk.interop.csv_state import ImportState, session_key, stored_session
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow

MEETING_MOVES = frozenset({"circuit", "start_date", "end_date", "cancelled"})
"""Changes that raise a meeting's calendar sequence."""
SESSION_MOVES = frozenset({"start", "end", "status"})


def apply_circuits(state: ImportState, table: CsvTable) -> None:
    for row in table.rows:
        name = row.text("circuit")
        values: dict[str, Any] = {
            "country": row.text("country", required=False, limit=8),
            "lat": row.field("lat", v.parse_latitude, 0.0),
            "lon": row.field("lon", v.parse_longitude, 0.0),
            "tz": row.field("tz", v.parse_zone, ""),
        }
        if not row.ok:
            state.reject(row)
            continue
        if not state.first_naming("circuit", name, row, values):
            continue
        circuit = state.rows.circuits.get(name)
        if circuit is None:
            circuit = state.create("circuit", CircuitRow(name=name, **values))
            state.rows.circuits[name] = circuit
        else:
            state.update("circuit", f"'{name}'", circuit, values)


def apply_series(state: ImportState, table: CsvTable) -> None:
    for row in table.rows:
        name = row.text("series")
        colour = row.field("colour", v.parse_colour, None, required=False)
        arrival_days = row.field("arrival_days", v.parse_arrival_days, 0, required=False)
        if not row.ok:
            state.reject(row)
            continue
        values = {"colour": colour, "arrival_days": arrival_days}
        if not state.first_naming("series", name, row, values):
            continue
        series = state.rows.series.get(name)
        if series is None:
            series_row(state, name, colour, arrival_days)
        else:
            state.update("series", f"'{name}'", series, values)


def series_row(
    state: ImportState, name: str, colour: str | None = None, arrival_days: int = 0
) -> SeriesRow:
    """The series called ``name``, created (with a warning if it looks like a typo) when new."""
    series = state.rows.series.get(name)
    if series is None:
        state.check_new_name("series", name, state.rows.series)
        series = SeriesRow(name=name, colour=colour, arrival_days=arrival_days)
        state.rows.series[name] = state.create("series", series)
    return series


def _circuit(state: ImportState, row: CsvRow) -> CircuitRow | None:
    name = row.text("circuit")
    circuit = state.rows.circuits.get(name)
    if circuit is None and name:
        message = f"unknown circuit '{name}'"
        suggestion = state.suggest(name, state.rows.circuits)
        message += f"; did you mean '{suggestion}'?" if suggestion else " (import it first)"
        row.problem("circuit", message)
    return circuit


def apply_events(state: ImportState, table: CsvTable) -> None:
    for row in table.rows:
        series_name = row.text("series")
        round_label = row.field("round", v.parse_round, "")
        event_name = row.text("event_name", limit=300)
        circuit = _circuit(state, row)
        start = row.field("start_date", v.parse_date, None)
        end = row.field("end_date", v.parse_date, None)
        if start and end and end < start:
            row.problem("end_date", f"'{end}' is before the start date {start}")
        cancelled = (
            row.field("status", v.parse_status, False, required=False)
            if row.has("status")
            else None
        )
        if not row.ok or circuit is None or start is None or end is None:
            state.reject(row)
            continue
        values: dict[str, Any] = {
            "name": event_name,
            "circuit": circuit,
            "start_date": start,
            "end_date": end,
        }
        if cancelled is not None:
            values["cancelled"] = cancelled
        if state.first_naming("meeting", (series_name, round_label), row, values):
            _put_meeting(state, series_name, round_label, values)


def _put_meeting(
    state: ImportState, series_name: str, round_label: str, values: dict[str, Any]
) -> None:
    meeting = state.rows.meetings.get((series_name, round_label))
    if meeting is None:
        meeting = MeetingRow(
            series=series_row(state, series_name),
            round=round_label,
            sequence=0,
            cancelled=values.pop("cancelled", False),
            **values,
        )
        state.rows.add_meeting(state.create("meeting", meeting))
        return
    label = f"{series_name} round {round_label}"
    state.update("meeting", label, meeting, values, MEETING_MOVES)


def _meeting(state: ImportState, row: CsvRow) -> MeetingRow | None:
    series_name = row.text("series")
    round_label = row.text("round", limit=40)
    meeting = state.rows.meetings.get((series_name, round_label))
    if meeting is not None or not series_name or not round_label:
        return meeting
    rounds = state.rows.rounds.get(series_name)
    if rounds is None:
        suggestion = state.suggest(series_name, state.rows.rounds)
        hint = f"; did you mean '{suggestion}'?" if suggestion else " (import its events first)"
        row.problem("series", f"no meetings of series '{series_name}'{hint}")
    else:
        listed = ", ".join(rounds[:30]) + (", ..." if len(rounds) > 30 else "")
        message = f"series '{series_name}' has no round '{round_label}' (rounds: {listed})"
        row.problem("round", message)
    return None


def apply_sessions(state: ImportState, table: CsvTable) -> None:
    for row in table.rows:
        meeting = _meeting(state, row)
        name = row.text("session")
        read = partial(v.parse_instant, tz=meeting.circuit.tz if meeting is not None else "UTC")
        start = row.field("start", read, None)
        end = row.field("end", read, None)
        if start and end and end < start:
            row.problem("end", f"'{row.values['end']}' is before the start")
        if meeting is not None and start is not None:
            _check_within(row, meeting, start)
        status = (
            row.field("status", v.parse_session_status, "scheduled", required=False)
            if row.has("status")
            else None
        )
        if not row.ok or meeting is None or start is None or end is None:
            state.reject(row)
            continue
        values: dict[str, Any] = {"start": start, "end": end}
        if status is not None:  # without the column a session keeps its status
            values["status"] = status
        key = (meeting.series.name, meeting.round, name)
        if state.first_naming("session", key, row, values):
            _put_session(state, meeting, name, values)


def _check_within(row: CsvRow, meeting: MeetingRow, start: datetime) -> None:
    tz = ZoneInfo(meeting.circuit.tz)
    local = start.astimezone(tz).date()
    if not meeting.start_date <= local <= meeting.end_date:
        row.problem(
            "start",
            f"'{row.values['start']}' is not within the meeting's dates "
            f"({meeting.start_date} to {meeting.end_date} at {meeting.circuit.name})",
        )


def _put_session(
    state: ImportState, meeting: MeetingRow, name: str, values: dict[str, Any]
) -> None:
    key = session_key(meeting.id, name) if meeting.id is not None else None
    stored = state.rows.sessions.get(key) if key is not None else None
    if stored is None:  # the import names it once: no need to keep it
        state.create_later("session", SessionRow, {"meeting": meeting, "name": name, **values})
        return
    label = f"{meeting.series.name} round {meeting.round} '{name}'"
    sid = stored >> 64
    # what is kept of a stored session is a hash of its times: with a status, fetch and compare
    same = "status" not in values and stored == stored_session(sid, values["start"], values["end"])
    state.update_stored("session", label, (SessionRow, sid, same), values, SESSION_MOVES)
