"""The roster at world scale: time to paint a full viewport, and from an edit to updated clashes.

The world-scale season (benchmarks/generate_world.py: 60 series x 15 meetings, 3,000 drivers,
about 6,000 line-ups and 3,000 unavailability blocks) is imported into a fresh SQLite file
(outside the timings). Then, offscreen:

- open: SeasonDocument (load the season, check every driver), a RosterView and a ClashPanel;
- paint: the roster shown at 1600 x 1000, scrolled to random places; each time the table's
  viewport is repainted synchronously (cells of rows never seen before are computed then, as
  when a user scrolls to them). Target <= 16 ms (one frame at 60 Hz);
- edit: a driver taken out of one round of one of their cars through the document (database
  write in its own transaction, season patch, re-check of that driver, roster and clash list
  told), and the same for undo; a meeting moved a week (every driver of its series checked
  again, roster columns re-ordered). Target <= 100 ms.

    .venv/bin/python benchmarks/bench_roster.py [--paints 60] [--edits 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent
WORLD = ROOT / "world"
WORLD_FILES = ("circuits.csv", "series.csv", "drivers.csv", "events.csv", "roster.csv",
               "unavailability.csv")
PAINT_TARGET_MS = 16.0
EDIT_TARGET_MS = 100.0


def world_files() -> list[Path]:
    if not all((WORLD / name).exists() for name in WORLD_FILES):
        subprocess.run([sys.executable, str(ROOT / "generate_world.py"), str(WORLD)], check=True)
    return [WORLD / name for name in WORLD_FILES]


def figures(label: str, times: list[float], target: float) -> bool:
    ms = [t * 1000 for t in times]
    median = statistics.median(ms)
    p95 = sorted(ms)[max(int(len(ms) * 0.95) - 1, 0)]
    ok = median <= target
    print(f"  {label}: median {median:.1f} ms, 95th percentile {p95:.1f} ms, "
          f"worst {max(ms):.1f} ms (n={len(ms)}; target <= {target:.0f} ms: "
          f"{'meets' if ok else 'MISSES'})")
    return ok


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paints", type=int, default=60)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from paddock_desk.services.editing import remove_driver
    from paddock_desk.services.edits_rows import UpdateRow
    from paddock_desk.services.importing import import_files
    from paddock_desk.store.database import open_database
    from paddock_desk.ui.clash_panel import ClashPanel
    from paddock_desk.ui.document import SeasonDocument
    from paddock_desk.ui.roster_view import RosterView

    files = world_files()
    app = QApplication([])
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "world.db")
        started = time.perf_counter()
        import_files(db, files)
        print(f"world season imported in {time.perf_counter() - started:.1f} s (not timed below)")

        started = time.perf_counter()
        document = SeasonDocument(db)
        roster = RosterView(document)
        panel = ClashPanel(document)  # listens to every edit too, as in the main window
        roster.resize(1600, 1000)
        roster.show()
        app.processEvents()
        opened = time.perf_counter() - started
        season = document.season
        print(f"{len(season.drivers)} drivers x {len(season.meetings)} meetings, "
              f"{len(season.assignments)} line-ups, {len(document.clashes)} clashes and warnings")
        print(f"  open (load, check every driver, build and show the roster): {opened:.2f} s")

        table = roster.table
        bars = table.horizontalScrollBar(), table.verticalScrollBar()
        paints = []
        for _ in range(args.paints):
            bars[0].setValue(rng.randint(0, bars[0].maximum()))
            bars[1].setValue(rng.randint(0, bars[1].maximum()))
            app.processEvents()
            roster.model._rows.clear()  # as if these rows had never been seen
            paints.append(timed(table.viewport().repaint))
        cached = [timed(table.viewport().repaint) for _ in range(20)]
        ok = figures("paint a full roster viewport (rows first seen)", paints, PAINT_TARGET_MS)
        figures("paint a full roster viewport (rows seen before)", cached, PAINT_TARGET_MS)

        edits, undos = [], []
        candidates = [a for a in season.assignments.values() if a.rounds is None]
        for assignment in rng.sample(candidates, min(args.edits, len(candidates))):
            car = season.cars[assignment.car_id]
            meeting = next(m for m in season.meetings.values() if m.series == car.series)
            edit = remove_driver(assignment.driver_id, car.id, [meeting.round])
            edits.append(timed(lambda e=edit: document.execute(e)))
            undos.append(timed(document.undo_stack.undo))
        ok = figures("edit to updated clashes (write, re-check, views told)", edits,
                     EDIT_TARGET_MS) and ok
        ok = figures("undo to updated clashes", undos, EDIT_TARGET_MS) and ok
        moves = []
        for meeting in rng.sample(sorted(season.meetings.values(), key=lambda m: m.id), 10):
            shifted = {"start_date": meeting.start_date + timedelta(days=7),
                       "end_date": meeting.end_date + timedelta(days=7)}
            before = {"start_date": meeting.start_date, "end_date": meeting.end_date}
            move = UpdateRow("meetings", meeting.id, before, shifted)
            moves.append(timed(lambda e=move: document.execute(e)))
            document.undo_stack.undo()
        ok = figures("meeting moved a week to updated clashes (its series' drivers)", moves,
                     EDIT_TARGET_MS) and ok
        roster.close()
        roster.deleteLater()
        panel.deleteLater()
        document.deleteLater()
        app.processEvents()
        db.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
