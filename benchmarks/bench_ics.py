"""iCalendar export and import of 10,000 sessions, against bare icalendar doing the same work.

A season of 400 meetings with 25 sessions each (10,000 sessions) at the real 2024 circuits, in
their own time zones, is written into a fresh SQLite file (outside the timings). Then, best of
--repeat runs each:

- export: `build_export(db, ExportTarget("all"))` (database load, selection, VTIMEZONEs,
  writing) and its writing part alone, against icalendar building the same events (Calendar,
  Event, zoneinfo times, add_missing_timezones) and serialising them. Target <= 1.3x icalendar.
- import: reading our file back with the import's reader (paddock_desk.interop.ics_reading),
  against icalendar parsing it and decoding every start and end. Target <= 1.5x icalendar.
  The whole `import_files` of the file into an empty database is timed too (no target).

    .venv/bin/python benchmarks/bench_ics.py [--meetings 400] [--sessions 25] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import insert

from paddock_desk.interop.ics_export import CalendarSpec, write_calendar
from paddock_desk.interop.vtimezone import vtimezone
from paddock_desk.services.calendar_export import ExportTarget, build_export, calendar_spec
from paddock_desk.store.database import Database, open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow

ROOT = Path(__file__).resolve().parents[1]
CIRCUITS = ROOT / "tests" / "data" / "real2024" / "circuits.csv"
EXPORT_TARGET = 1.3
IMPORT_TARGET = 1.5
SERIES = 20


def _circuits() -> list[dict[str, Any]]:
    with CIRCUITS.open(encoding="utf-8", newline="") as f:
        return [
            {"name": r["circuit"], "country": r["country"], "lat": float(r["lat"]),
             "lon": float(r["lon"]), "tz": r["tz"], "version": 1}
            for r in csv.DictReader(f)
        ]


def generate(db: Database, meetings: int, sessions: int, seed: int = 2024) -> None:
    """``meetings`` meetings of SERIES series over 2024-2025, ``sessions`` sessions each."""
    rng = random.Random(seed)
    circuits = _circuits()
    with db.engine.begin() as conn:
        conn.execute(insert(CircuitRow), circuits)
        conn.execute(insert(SeriesRow), [
            {"id": i + 1, "name": f"Bench Series {i + 1}", "arrival_days": 0, "version": 1}
            for i in range(SERIES)
        ])
        meeting_rows, session_rows = [], []
        for m in range(meetings):
            circuit = rng.randrange(len(circuits))
            first = date(2024, 1, 5) + timedelta(days=rng.randrange(700))
            meeting_rows.append({
                "id": m + 1, "series_id": m % SERIES + 1, "round": str(m // SERIES + 1),
                "name": f"Meeting {m + 1} at {circuits[circuit]['name']}",
                "circuit_id": circuit + 1, "start_date": first,
                "end_date": first + timedelta(days=2), "cancelled": m % 50 == 0,
                "sequence": 0, "version": 1,
            })
            tz = ZoneInfo(circuits[circuit]["tz"])
            for s in range(sessions):
                day = first + timedelta(days=s % 3)
                start = datetime(day.year, day.month, day.day, 8 + s // 3, 15, tzinfo=tz)
                session_rows.append({
                    "meeting_id": m + 1, "name": f"session{s + 1}", "sequence": 0,
                    "start": start, "end": start + timedelta(minutes=45), "version": 1,
                })
        conn.execute(insert(MeetingRow), meeting_rows)
        conn.execute(insert(SessionRow), session_rows)


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return min(times)


def icalendar_build(spec: CalendarSpec) -> bytes:
    """The same events built and serialised with bare icalendar."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", spec.name)
    for e in spec.events:
        ev = icalendar.Event()
        ev.add("uid", e.uid)
        ev.add("dtstamp", spec.stamp)
        ev.add("sequence", e.sequence)
        if e.days is not None:
            ev.add("dtstart", e.days[0])
            ev.add("dtend", e.days[1] + timedelta(days=1))
        else:
            assert e.times is not None
            tz = ZoneInfo(e.place.tz)
            ev.add("dtstart", e.times[0].astimezone(tz))
            ev.add("dtend", e.times[1].astimezone(tz))
        ev.add("summary", e.summary)
        if e.description:
            ev.add("description", e.description)
        ev.add("location", e.place.name)
        ev.add("geo", (e.place.lat, e.place.lon))
        ev.add("categories", [e.category])
        ev.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


def icalendar_parse(data: bytes) -> int:
    cal = icalendar.Calendar.from_ical(data)
    count = 0
    for ev in cal.walk("VEVENT"):
        ev.decoded("DTSTART")
        ev.decoded("DTEND")
        count += 1
    return count


def our_parse(path: Path) -> int | None:
    try:
        from paddock_desk.interop.ics_reading import read_calendar
    except ImportError:
        return None
    return len(read_calendar(path).events)


def _line(what: str, ours: float, theirs: float | None, target: float | None) -> str:
    if theirs is None:
        return f"{what:<44} {ours * 1000:9.1f} ms"
    ratio = ours / theirs
    verdict = "" if target is None else (" PASS" if ratio <= target else " FAIL")
    limit = "" if target is None else f" (target <= {target}x)"
    return (f"{what:<44} {ours * 1000:9.1f} ms  icalendar {theirs * 1000:9.1f} ms  "
            f"ratio {ratio:5.2f}x{limit}{verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=400)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        generate(db, args.meetings, args.sessions)
        spec = calendar_spec(db, ExportTarget("all"))
        data = build_export(db, ExportTarget("all")).data
        ics = Path(tmp) / "bench.ics"
        ics.write_bytes(data)
        sessions = sum(1 for e in spec.events if e.times is not None)
        print(f"{sessions} sessions, {len(spec.events) - sessions} meetings, "
              f"{len(data) / 1e6:.1f} MB of iCalendar")

        theirs_export = best(args.repeat, lambda: icalendar_build(spec))
        def cold(work: Callable[[], object]) -> Callable[[], object]:
            return lambda: (vtimezone.cache_clear(), work())  # VTIMEZONEs made each time

        whole = best(args.repeat, cold(lambda: build_export(db, ExportTarget("all"))))
        writing = best(args.repeat, cold(lambda: write_calendar(spec)))
        theirs_parse = best(args.repeat, lambda: icalendar_parse(data))
        results = [
            _line("export: build_export (database to bytes)", whole, theirs_export,
                  EXPORT_TARGET),
            _line("export: writing alone", writing, theirs_export, None),
        ]
        ok = whole / theirs_export <= EXPORT_TARGET
        if our_parse(ics) is None:
            results.append("import: paddock_desk.interop.ics_reading not available")
        else:
            reading = best(args.repeat, lambda: our_parse(ics))
            results.append(_line("import: read_calendar (parse)", reading, theirs_parse,
                                 IMPORT_TARGET))
            ok = ok and reading / theirs_parse <= IMPORT_TARGET
            from paddock_desk.services.importing import import_files

            def whole_import() -> None:
                target = open_database(Path(tempfile.mkdtemp(dir=tmp)) / "in.db")
                import_files(target, [ics], series="Imported")
                target.close()

            results.append(_line("import: import_files into an empty database",
                                 best(1, whole_import), None, None))
        db.close()
    print("\n".join(results))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
