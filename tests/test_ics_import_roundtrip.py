"""The real 2024 calendars written as .ics and imported again land on the same instants."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import select

from paddock_desk.interop.import_report import ImportReport
from paddock_desk.services.calendar_export import ExportTarget, export_calendar
from paddock_desk.services.calendar_import import import_calendar_files
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SessionRow

Meetings = set[tuple[str, str, date, date, str, bool]]
Sessions = set[tuple[str, str, str, datetime, datetime]]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def expected(real2024: Path) -> tuple[Meetings, Sessions]:
    """Meetings (series, name, dates, circuit, cancelled) and sessions of the CSV files."""
    events = {(e["series"], e["round"]): e for e in rows(real2024 / "events.csv")}
    meetings = {
        (e["series"], e["event_name"], date.fromisoformat(e["start_date"]),
         date.fromisoformat(e["end_date"]), e["circuit"], e["status"] == "cancelled")
        for e in events.values()
    }
    sessions = {
        (s["series"], events[s["series"], s["round"]]["event_name"], s["session"],
         datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"]))
        for s in rows(real2024 / "sessions.csv")
    }
    return meetings, sessions


def imported(db: Database) -> tuple[Meetings, Sessions]:
    with db.session() as session:
        meetings = {
            (m.series.name, m.name, m.start_date, m.end_date, m.circuit.name, m.cancelled)
            for m in session.scalars(select(MeetingRow))
        }
        sessions = {
            (s.meeting.series.name, s.meeting.name, s.name, s.start, s.end)
            for s in session.scalars(select(SessionRow))
        }
    return meetings, sessions


def write_feed(real2024: Path, series: str, path: Path) -> None:
    """A series feed as a small script would write it with icalendar, VTIMEZONEs included."""
    circuits = {c["circuit"]: c for c in rows(real2024 / "circuits.csv")}
    events = [e for e in rows(real2024 / "events.csv") if e["series"] == series]
    cal = icalendar.Calendar()
    cal.add("prodid", "-//roundtrip//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", series)
    for e in events:
        c = circuits[e["circuit"]]
        meeting = icalendar.Event()
        meeting.add("uid", f"{series}-{e['round']}@roundtrip")
        meeting.add("summary", e["event_name"])
        meeting.add("location", c["circuit"])
        meeting.add("geo", (float(c["lat"]), float(c["lon"])))
        meeting.add("dtstart", date.fromisoformat(e["start_date"]))
        meeting.add("dtend", date.fromisoformat(e["end_date"]) + timedelta(days=1))
        if e["status"] == "cancelled":
            meeting.add("status", "CANCELLED")
        cal.add_component(meeting)
        zone = ZoneInfo(c["tz"])
        for s in rows(real2024 / "sessions.csv"):
            if (s["series"], s["round"]) != (series, e["round"]):
                continue
            timed = icalendar.Event()
            timed.add("uid", f"{series}-{e['round']}-{s['session']}@roundtrip")
            timed.add("summary", f"{e['event_name']} - {s['session']}")
            timed.add("location", c["circuit"])
            timed.add("dtstart", datetime.fromisoformat(s["start"]).astimezone(zone))
            timed.add("dtend", datetime.fromisoformat(s["end"]).astimezone(zone))
            cal.add_component(timed)
    cal.add_missing_timezones()
    path.write_bytes(cal.to_ical())


def series_names(real2024: Path) -> list[str]:
    return [s["series"] for s in rows(real2024 / "series.csv")]


def import_each(db: Database, paths: dict[str, Path]) -> ImportReport:
    report = ImportReport()
    with db.session() as session:
        for series, path in paths.items():
            import_calendar_files(
                session, [path], series=series, skip_invalid=False, report=report
            )
        session.commit()
    return report


def test_feeds_written_by_icalendar_import_to_the_same_instants(
    db: Database, real2024: Path, tmp_path: Path
) -> None:
    import_files(db, [real2024 / "circuits.csv"])
    paths = {s: tmp_path / f"{i}.ics" for i, s in enumerate(series_names(real2024))}
    for series, path in paths.items():
        write_feed(real2024, series, path)
    report = import_each(db, paths)
    assert not report.created["circuit"]
    assert imported(db) == expected(real2024)


def test_our_export_imports_into_an_empty_database_unchanged(
    db_url: str, real2024: Path, tmp_path: Path
) -> None:
    source = open_database(tmp_path / "source.db")
    names = ("circuits.csv", "series.csv", "events.csv", "sessions.csv")
    import_files(source, [real2024 / n for n in names])
    paths = {}
    for i, series in enumerate(series_names(real2024)):
        paths[series] = tmp_path / f"export{i}.ics"
        paths[series].write_bytes(export_calendar(source, ExportTarget("series", series)))
    source.close()
    target = open_database(db_url)
    try:
        report = import_each(target, paths)
        assert report.created["circuit"] == 58
        assert not any(w.startswith("zone to check") for w in report.warnings)
        meetings, sessions = imported(target)
        want_meetings, want_sessions = expected(real2024)
        assert meetings == want_meetings
        # The export writes "fp1" as "FP1" for people; its UID brings back the stored name.
        assert sessions == want_sessions
        with target.session() as session:
            zones = dict(session.execute(select(CircuitRow.name, CircuitRow.tz)).all())
        assert zones == {c["circuit"]: c["tz"] for c in rows(real2024 / "circuits.csv")}
        again = import_each(target, paths)
        assert not again.changed
    finally:
        target.close()


def uids(data: bytes) -> list[tuple[str, str]]:
    calendar = icalendar.Calendar.from_ical(data)
    return sorted((str(e["UID"]), str(e["SUMMARY"])) for e in calendar.walk("VEVENT"))


def test_export_import_export_keeps_every_uid_and_the_sessions_csv_adds_nothing(
    db_url: str, real2024: Path, tmp_path: Path
) -> None:
    source = open_database(tmp_path / "source.db")
    import_files(source, [real2024 / n for n in ("circuits.csv", "series.csv", "events.csv",
                                                  "sessions.csv")])
    first = export_calendar(source, ExportTarget("series", "Formula 1"))
    source.close()
    (tmp_path / "f1.ics").write_bytes(first)
    target = open_database(db_url)
    try:
        import_files(target, [real2024 / "circuits.csv", tmp_path / "f1.ics"])
        second = export_calendar(target, ExportTarget("series", "Formula 1"))
        assert uids(second) == uids(first)
        f1_sessions = tmp_path / "sessions.csv"
        lines = (real2024 / "sessions.csv").read_text(encoding="utf-8").splitlines()
        kept = [lines[0]] + [ln for ln in lines[1:] if ln.startswith("Formula 1,")]
        f1_sessions.write_text("\n".join(kept) + "\n", encoding="utf-8")
        again = import_files(target, [f1_sessions])
        assert len(kept) == 121
        assert not again.created and again.unchanged["session"] == 120
    finally:
        target.close()
