"""Peak memory of `paddock-desk import` for big files, against the 400 MB target.

    python benchmarks/bench_import_memory.py [--rows 1000000] [--blocks 300000] [--out DIR]

Writes, into benchmarks/out/ (not kept in git), a season with 3,000 drivers and 60 series of
16 meetings, then two big files: an unavailability file of 300,000 blocks (100 per driver)
and a sessions file of 1,000,000 valid rows (about 1,040 per meeting). Each is imported into a
new database by the real command line in a subprocess, whose peak resident memory (max RSS,
from wait4) is printed against the target, then imported again (nothing to change); then the
same file with one bad row at its very end shows that nothing was written (atomic) and that
the refusal names the line.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

TARGET_MB = 400
OUT = Path(__file__).resolve().parent / "out"
SERIES, MEETINGS, DRIVERS = 60, 16, 3000
CIRCUITS = [
    ("Circuit Paul Ricard", "FR", 43.2506, 5.7917, "Europe/Paris"),
    ("Sepang International Circuit", "MY", 2.7606, 101.7375, "Asia/Kuala_Lumpur"),
    ("Fuji Speedway", "JP", 35.3717, 138.9272, "Asia/Tokyo"),
    ("Circuit of the Americas", "US", 30.1328, -97.6411, "America/Chicago"),
]


def command() -> list[str]:
    script = Path(sys.executable).with_name("paddock-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "paddock_desk"]


def write_lines(path: Path, header: str, lines: object) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(header + "\n")
        for line in lines:  # type: ignore[attr-defined]
            out.write(line + "\n")
    return path


def season_files(folder: Path) -> list[Path]:
    circuits = write_lines(
        folder / "circuits.csv", "circuit,country,lat,lon,tz",
        (f"{n},{c},{lat},{lon},{tz}" for n, c, lat, lon, tz in CIRCUITS),
    )
    first = date(2025, 3, 7)
    events = write_lines(
        folder / "events.csv", "series,round,event_name,circuit,start_date,end_date",
        (
            f"Series {s:02d},{m + 1},Meeting {m + 1},{CIRCUITS[(s + m) % 4][0]},"
            f"{first + timedelta(weeks=m)},{first + timedelta(weeks=m, days=2)}"
            for s in range(SERIES) for m in range(MEETINGS)
        ),
    )
    drivers = write_lines(
        folder / "drivers.csv", "driver,nationality,home_tz",
        (f"Driver {d:05d},CH,Europe/Zurich" for d in range(DRIVERS)),
    )
    return [circuits, events, drivers]


def unavailability_lines(blocks: int) -> object:
    per_driver = -(-blocks // DRIVERS)
    for i in range(blocks):
        driver, n = divmod(i, per_driver)
        day = date(2025, 1, 1) + timedelta(days=3 * n)
        yield f"Driver {driver:05d},{day},{day + timedelta(days=1)},test day {n}"


def session_lines(rows: int) -> object:
    per_meeting = -(-rows // (SERIES * MEETINGS))
    first = date(2025, 3, 7)
    for i in range(rows):
        meeting, n = divmod(i, per_meeting)
        s, m = divmod(meeting, MEETINGS)
        day = first + timedelta(weeks=m, days=n % 3)
        minute = 360 + n // 3 % 1020  # 06:00 to 23:00, clear of clock changes
        yield (
            f"Series {s:02d},{m + 1},Run {n:04d},{day}T{minute // 60:02d}:{minute % 60:02d},"
            f"{day}T{minute // 60:02d}:{minute % 60:02d}"
        )


def import_peak(db: Path, files: list[Path]) -> tuple[int, float, float, str]:
    """(exit status, seconds, peak MB, last line of stderr) of one import subprocess."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command(), "--db", str(db), "import", *map(str, files)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    errors = process.stderr.read().decode(errors="replace").strip().splitlines()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, (
        errors[0] if errors else ""
    )


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        found: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return found


def measure(name: str, table: str, big: Path, base: list[Path], folder: Path) -> bool:
    size = big.stat().st_size / 1e6
    db = folder / f"{name}.db"
    db.unlink(missing_ok=True)
    status, seconds, peak, _ = import_peak(db, [*base, big])
    ok = status == 0 and peak <= TARGET_MB
    print(f"{name:<16} {size:6.1f} MB file  {count(db, table):>9} rows  {seconds:6.1f} s  "
          f"peak {peak:6.1f} MB   target <= {TARGET_MB} MB {'PASS' if ok else 'FAIL'}")
    status, seconds, peak, _ = import_peak(db, [*base, big])
    again = status == 0 and peak <= TARGET_MB
    print(f"  the same files again (nothing to change): {seconds:.1f} s, peak {peak:.1f} MB "
          f"{'PASS' if again else 'FAIL'}")
    ok = ok and again
    bad = folder / f"bad_{big.name}"
    with open(big, "rb") as src, open(bad, "wb") as out:
        out.write(src.read())
        out.write(b"Driver 00000,2025-02-30,2025-03-01,bad\n" if table == "unavailability"
                  else b"Series 00,1,Bad,2025-03-07T25:00,2025-03-07T26:00\n")
    db2 = folder / f"{name}_bad.db"
    db2.unlink(missing_ok=True)
    assert import_peak(db2, base)[0] == 0
    before = count(db2, table)
    status, seconds, peak, message = import_peak(db2, [bad])
    atomic = status == 1 and count(db2, table) == before
    print(f"  bad last row: exit {status}, {count(db2, table) - before} rows written, "
          f"peak {peak:.1f} MB {'PASS' if atomic and peak <= TARGET_MB else 'FAIL'}")
    print(f"  {message[:110]}")
    return ok and atomic and peak <= TARGET_MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--blocks", type=int, default=300_000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = season_files(args.out)
    blocks = write_lines(args.out / "unavailability.csv", "driver,start_date,end_date,reason",
                         unavailability_lines(args.blocks))
    sessions = write_lines(args.out / "sessions.csv", "series,round,session,start,end",
                           session_lines(args.rows))
    print(f"import peak memory ({os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())})")
    results = [
        measure("unavailability", "unavailability", blocks, base, args.out),
        measure("sessions", "sessions", sessions, base, args.out),
    ]
    print("ALL PASS" if all(results) else "SOME FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
