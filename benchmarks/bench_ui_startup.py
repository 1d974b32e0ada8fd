"""Time from starting Python to the first painted main window, against a bare PySide6 window.

Each run starts a fresh interpreter, as a user starts the app. In the same run the script times
a bare PySide6 window holding one label (the baseline: Python, Qt and a window), then the app as
its desktop launcher starts it (``paddock_desk.app.main``: the main window shows at once, the
database opens and the season loads behind it), on the demo season and on the world-scale
season of generate_world.py. The parent measures from just before the process starts to the
moment the child says it painted, so interpreter start-up and every import count; it also gives
the CPU time the process had used by its first paint (a busy machine stretches wall-clock times,
hardly this) and the time until the season is shown (loaded, clashes found, views painted).

Targets (issue 12 item 5, issue 14 item 8):
  first painted window <= 3x the bare window (median, same run), on each season;
  world-scale season: first paint <= 2 s.

    .venv/bin/python benchmarks/bench_ui_startup.py [--runs 9] [--platform offscreen] [--demo-only]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FACTOR_TARGET = 3.0
WORLD_FIRST_PAINT_TARGET = 2.0

SPY = r"""
import os
from PySide6.QtCore import QEvent, QObject

class Paints(QObject):
    first = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.first:
            self.first = True
            import time
            print("PAINTED", time.process_time(), flush=True)
            if DONE_AT_FIRST_PAINT:
                os._exit(0)
        return False
"""

BARE = SPY + r"""
DONE_AT_FIRST_PAINT = True
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Paddock Desk")
spy = Paints()
label.installEventFilter(spy)
label.show()
app.exec()
"""

APP = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow
from paddock_desk.app import application, main

app = application()

class Launch(QObject):
    painted = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.painted and isinstance(obj, QMainWindow):
            self.painted = True
            import time
            print("PAINTED", time.process_time(), flush=True)
            early = "sqlalchemy" in sys.modules
            def shown():
                obj.grab()  # every view painted with the season
                print("SHOWN", "sqlalchemy-before-paint" if early else "", flush=True)
                os._exit(0)
            obj.document.opened.connect(shown)
        return False

spy = Launch()
app.installEventFilter(spy)
sys.exit(main(["--db", sys.argv[1]]))  # the paddock-desk-gui launcher
"""




def prepare(folder: Path, world: bool) -> Path:
    """A demo (or world-scale) season database, loaded once, outside the timing."""
    path = folder / ("world.db" if world else "demo.db")
    from paddock_desk.services.demo import load_demo
    from paddock_desk.services.importing import import_files
    from paddock_desk.services.season import open_season_database

    db = open_season_database(path)
    if world:
        source = Path(__file__).resolve().parent / "world"
        if not (source / "roster.csv").exists():
            subprocess.run([sys.executable, str(source.parent / "generate_world.py")], check=True)
        import_files(db, sorted(source.glob("*.csv")))
    else:
        load_demo(db)
    db.close()
    return path


def one_run(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds to the first paint, to the season shown (0 for the bare window), and the CPU
    seconds the process had used at its first paint (what a busy machine does not stretch)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    assert child.stdout is not None
    painted = shown = cpu = 0.0
    for line in child.stdout:
        if line.startswith("PAINTED"):
            painted = time.perf_counter() - start
            cpu = float(line.split()[1])
        elif line.startswith("SHOWN"):
            shown = time.perf_counter() - start
            if "sqlalchemy-before-paint" in line:
                print("  note: SQLAlchemy was imported before the first paint")
        elif line.startswith("FAILED"):
            raise SystemExit(f"the app could not open the season: {line}")
    child.wait()
    if not painted:
        raise SystemExit(f"the child exited ({child.returncode}) before painting")
    return painted, shown, cpu


Run = tuple[float, float, float]


def interleaved(runs: int, cases: dict[str, tuple[str, list[str]]], env: dict[str, str]
                ) -> dict[str, list[Run]]:
    """``runs`` runs of every case, taken in turns so that each sees the same machine load."""
    for code, args in cases.values():
        one_run(code, args, env)  # warm the file cache (compiled modules), as a 2nd start would
    found: dict[str, list[Run]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (code, args) in cases.items():
            found[name].append(one_run(code, args, env))
    return found


def report(name: str, runs: list[Run], bare: float, bare_cpu: float) -> dict[str, float]:
    paint = statistics.median(r[0] for r in runs)
    shown = statistics.median(r[1] for r in runs)
    cpu = statistics.median(r[2] for r in runs)
    print(f"{name}: first paint median {paint:.3f} s (best {min(r[0] for r in runs):.3f}, "
          f"worst {max(r[0] for r in runs):.3f}) = {paint / bare:.2f}x bare; CPU to first "
          f"paint {cpu:.3f} s = {cpu / bare_cpu:.2f}x bare; season shown median {shown:.3f} s "
          f"(worst {max(r[1] for r in runs):.3f})")
    return {"paint": paint, "shown": shown}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--demo-only", action="store_true", help="skip the world-scale season")
    args = parser.parse_args()
    print(f"machine load (1 min average): {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{args.runs} runs each, {args.platform}")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM=args.platform,
                   XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"))
        # as on a user's machine, compiled modules are kept (an installer writes them too), so
        # a second start does not compile every module from source again
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cases = {"bare": (BARE, []), "demo season": (APP, [str(prepare(folder, world=False))])}
        if not args.demo_only:
            cases["world-scale season"] = (APP, [str(prepare(folder, world=True))])
        found = interleaved(args.runs, cases, env)
        bare_runs = found.pop("bare")
        bare = statistics.median(r[0] for r in bare_runs)
        bare_cpu = statistics.median(r[2] for r in bare_runs)
        print(f"bare PySide6 window with a label: first paint median {bare:.3f} s "
              f"(best {min(r[0] for r in bare_runs):.3f}, worst "
              f"{max(r[0] for r in bare_runs):.3f}); CPU to first paint {bare_cpu:.3f} s")
        for name, runs in found.items():
            results[name] = report(name, runs, bare, bare_cpu)
    ok = True
    for name, figures in results.items():
        passed = figures["paint"] <= FACTOR_TARGET * bare
        ok &= passed
        print(f"  {name}: first paint <= {FACTOR_TARGET:.0f}x bare "
              f"({FACTOR_TARGET * bare:.3f} s): {verdict(passed)}")
    if "world-scale season" in results:
        passed = results["world-scale season"]["paint"] <= WORLD_FIRST_PAINT_TARGET
        ok &= passed
        print(f"  world-scale season: first paint <= {WORLD_FIRST_PAINT_TARGET:.1f} s: "
              f"{verdict(passed)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
