"""Time from starting Python to the first painted main window, on the demo season.

Each run starts a fresh interpreter (as a user starts the app) that opens the demo season the way
``paddock-desk gui`` does (application, database, document with its clashes, main window), and
reports when the window's first paint has finished. The parent measures from just before the
process starts to the moment the child says it painted, so interpreter start-up and every import
count. Target: <= 1.5 s (DESIGN: the demo season opens to its first painted window in 1.5 s).

    .venv/bin/python benchmarks/bench_ui_startup.py [--runs 5] [--platform offscreen] [--world]

With --world the season is the world-scale one of generate_world.py (no target: a figure to
watch).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.5

CHILD = r"""
import argparse, sys, time
from paddock_desk.app import application, build_window, open_season
from PySide6.QtCore import QEvent, QObject, QTimer

app = application()
db = open_season(argparse.Namespace(db=sys.argv[1], files=[]))
window = build_window(db)

class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print("PAINTED", flush=True)
        import os
        os._exit(0)

spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""


def prepare(folder: Path, world: bool) -> Path:
    """A demo (or world-scale) season database, loaded once, outside the timing."""
    path = folder / "season.db"
    from paddock_desk.services.demo import load_demo
    from paddock_desk.services.importing import import_files
    from paddock_desk.store.database import open_database

    db = open_database(path)
    if world:
        source = Path(__file__).resolve().parent / "world"
        if not (source / "roster.csv").exists():
            subprocess.run([sys.executable, str(source.parent / "generate_world.py")], check=True)
        import_files(db, sorted(source.glob("*.csv")))
    else:
        load_demo(db)
    db.close()
    return path


def one_run(db: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds to the first paint, and the CPU seconds the app used (load-independent)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise SystemExit(f"the app exited ({child.wait()}) before painting")
    child.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--world", action="store_true", help="the world-scale season")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = prepare(folder, args.world)
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform,
                   XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
        one_run(db, env)  # warm the file cache (compiled modules), as a second start would
        runs = [one_run(db, env) for _ in range(args.runs)]
    times = [wall for wall, _cpu in runs]
    median = statistics.median(times)
    season = "world-scale season" if args.world else "demo season"
    print(f"first painted main window, {season} ({args.platform}, {args.runs} runs):")
    print(f"  median {median:.3f} s, best {min(times):.3f} s, worst {max(times):.3f} s")
    cpu = statistics.median(c for _wall, c in runs)
    print(f"  CPU time of the app (median; what a busy machine stretches): {cpu:.3f} s")
    print(f"  machine load (1 min average): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.world:
        return 0
    verdict = "meets" if median <= TARGET_SECONDS else "MISSES"
    print(f"  target <= {TARGET_SECONDS:.1f} s: {verdict}")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
