"""Clash engine benchmark at world scale: every figure against its target, PASS or FAIL.

    python benchmarks/run_benchmarks.py [--keep FOLDER]

Writes the world season (generate_world.py) to a temporary folder, then measures, in one run:
`paddock-desk import` of it and `paddock-desk clashes --json` on the result (subprocesses, as a
user runs them, with their peak memory), loading the database into the engine, a full check, a
one-driver re-check after an edit (median of many), and the brute-force reference's full check.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_world import generate  # noqa: E402

from paddock_desk.domain.clash_reference import reference_clashes  # noqa: E402
from paddock_desk.domain.clashes import ClashEngine  # noqa: E402
from paddock_desk.store.database import open_database  # noqa: E402
from paddock_desk.store.season_loader import load_season  # noqa: E402

RECHECKS = 500


def command() -> list[str]:
    """`paddock-desk` as installed beside this Python, else `python -m paddock_desk`."""
    script = Path(sys.executable).with_name("paddock-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "paddock_desk"]


def run_timed(argv: list[str], stdout: Path) -> tuple[float, float, float]:
    """Run ``argv``; returns (wall seconds, CPU seconds, peak resident memory in MB)."""
    start = time.perf_counter()
    with open(stdout, "wb") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
        assert process.stderr is not None
        errors = process.stderr.read()
        _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{errors.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(name: str, value: float, unit: str, target: float | None) -> bool:
    if unit == "s" and value < 0.01:
        shown = f"{value * 1000:.2f} ms"
    elif unit == "s" and value < 1:
        shown = f"{value * 1000:.1f} ms"
    else:
        shown = f"{value:.2f} {unit}"
    if target is None:
        print(f"{name:<44} {shown:>12}")
        return True
    limit = f"{target * 1000:.0f} ms" if unit == "s" and target < 1 else f"{target:g} {unit}"
    ok = value <= target
    print(f"{name:<44} {shown:>12}   target <= {limit:<8} {'PASS' if ok else 'FAIL'}")
    return ok


def load_engine(db_path: Path) -> ClashEngine:
    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            season = load_season(conn, with_sessions=False)
    finally:
        db.close()
    return ClashEngine(season)


def recheck_times(engine: ClashEngine) -> list[float]:
    """Replace a driver's line-up with itself (an edit) and re-check that driver."""
    rng = random.Random(7)
    season = engine.season
    drivers = sorted(season.drivers)
    times = []
    for driver_id in rng.sample(drivers, min(RECHECKS, len(drivers))):
        own = [a for a in season.assignments.values() if a.driver_id == driver_id]
        start = time.perf_counter()
        engine.replace_assignments(driver_id, own)
        engine.check_driver(driver_id)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the world and database here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="paddock-world-"))
    try:
        return measure(folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path) -> int:
    files = generate(folder / "csv")
    db_path = folder / "world.db"
    db_path.unlink(missing_ok=True)
    results = []
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"world season in {folder} ({os.cpu_count()} cores, load average {load})")
    import_wall, import_cpu, import_mb = run_timed(
        [*command(), "--db", str(db_path), "import", *map(str, files)], folder / "import.txt"
    )
    print("  " + (folder / "import.txt").read_text().strip().splitlines()[-1])
    results.append(line("paddock-desk import (subprocess)", import_wall, "s", 5.0))
    line("  its CPU time (user + system)", import_cpu, "s", None)
    clashes_wall, clashes_cpu, clashes_mb = run_timed(
        [*command(), "--db", str(db_path), "clashes", "--json"], folder / "clashes.json"
    )
    results.append(line("paddock-desk clashes --json (subprocess)", clashes_wall, "s", 1.5))
    line("  its CPU time (user + system)", clashes_cpu, "s", None)
    load_engine(db_path)  # warm the imports and the file cache once
    start = time.perf_counter()
    engine = load_engine(db_path)
    results.append(line("load database -> engine", time.perf_counter() - start, "s", 1.0))
    found = engine.check_all()
    entries = sum(len(engine.commitments(d)) for d in engine.season.drivers)
    hard = sum(1 for c in found if c.severity == "clash")
    print(f"  {len(engine.season.drivers)} drivers, {len(engine.season.assignments)} line-ups, "
          f"{entries} driver-meeting entries, {hard} clashes + {len(found) - hard} warnings")
    results.append(line("full check (median of 7)", median_time(engine.check_all, 7), "s", 0.150))
    times = recheck_times(engine)
    results.append(line(f"one-driver re-check (median of {len(times)})",
                        statistics.median(times), "s", 0.002))
    line("one-driver re-check, 95th percentile", sorted(times)[int(len(times) * 0.95)], "s", None)
    results.append(line("peak memory, import (max RSS)", import_mb, "MB", 300))
    results.append(line("peak memory, clashes (max RSS)", clashes_mb, "MB", 300))
    start, start_cpu = time.perf_counter(), time.process_time()
    reference = reference_clashes(engine.season)
    reference_wall = time.perf_counter() - start
    reference_cpu = time.process_time() - start_cpu
    line("brute-force reference full check", reference_wall, "s", None)
    line("  its CPU time", reference_cpu, "s", None)
    agree = reference == {c.key() for c in engine.check_all()}
    print(f"  engine and reference {'agree on every' if agree else 'DISAGREE on some'} clash")
    results.append(agree)
    # The same run's reference is the yardstick, in CPU time: wall clocks of a shared machine
    # measure the other programs as much as these (both ratios are shown).
    results.append(line("import / reference (CPU)", import_cpu / reference_cpu, "x", 0.5))
    line("  wall clock", import_wall / reference_wall, "x", None)
    results.append(line("clashes --json / reference (CPU)", clashes_cpu / reference_cpu, "x", 0.25))
    line("  wall clock", clashes_wall / reference_wall, "x", None)
    print("ALL PASS" if all(results) else "SOME FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
