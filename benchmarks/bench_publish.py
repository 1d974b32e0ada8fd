"""Publishing to a real CalDAV server (Radicale on 127.0.0.1): first time and unchanged again.

The world season (generate_world.py: 60 series, 3,000 drivers) is imported into a fresh SQLite
file; a Radicale server (htpasswd login, storage in a temporary folder) is started in this
process on waitress. Then, for the season's busiest driver (the most meetings) and for one whole
series: the first publish (every event created), and an unchanged republish, which must write
nothing. Target: an unchanged republish of a driver writes nothing and takes <= 1 s.

    .venv/bin/python benchmarks/bench_publish.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import radicale
import radicale.config
from waitress.server import create_server

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_world import generate  # noqa: E402

from paddock_desk.services.calendar_export import ExportTarget, load_for_export  # noqa: E402
from paddock_desk.services.importing import import_files  # noqa: E402
from paddock_desk.services.publish import PublishResult, publish  # noqa: E402
from paddock_desk.store.database import Database, open_database  # noqa: E402

USER, PASSWORD = "bench", "bench-password"
UNCHANGED_TARGET = 1.0


@contextmanager
def radicale_on_localhost(folder: Path) -> Iterator[str]:
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    config = radicale.config.load([])
    config.update({
        "storage": {"filesystem_folder": str(folder / "collections")},
        "auth": {"type": "htpasswd", "htpasswd_filename": str(folder / "users"),
                 "htpasswd_encryption": "plain"},
        "rights": {"type": "owner_only"},
        "logging": {"level": "error"},
    }, "bench", privileged=True)
    server = create_server(radicale.Application(config), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/{USER}/"
    finally:
        server.close()


def busiest_driver(db: Database) -> tuple[str, int]:
    season, _seq = load_for_export(db)
    counts: Counter[str] = Counter()
    by_series: dict[str, list[str]] = {}
    for m in season.meetings.values():
        by_series.setdefault(m.series, []).append(m.round)
    for a in season.assignments.values():
        car = season.cars[a.car_id]
        rounds = by_series.get(car.series, [])
        counts[season.drivers[a.driver_id].name] += sum(1 for r in rounds if a.covers(r))
    return counts.most_common(1)[0]


def timed(action: Callable[[], PublishResult]) -> tuple[float, PublishResult]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure(
    db: Database, base: str, label: str, target: ExportTarget, repeat: int
) -> tuple[float, int]:
    """The best unchanged republish time and the most it wrote (after a first publish)."""
    url = f"{base}{label}/"

    def run() -> PublishResult:
        return publish(db, url, target, user=USER, password=PASSWORD)

    first, made = timed(run)
    again = [timed(run) for _ in range(repeat)]
    best = min(t for t, _ in again)
    writes = max(r.plan.writes for _, r in again)
    events = len(made.summary()["created"])
    print(f"{label:>8}: {events:4d} events  first publish {first:6.2f} s "
          f"({events / first:5.0f} events/s)   unchanged republish best of {repeat}: "
          f"{best:5.2f} s, {writes} writes")
    return best, writes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        folder = Path(tmp)
        db = open_database(folder / "world.db")
        start = time.perf_counter()
        import_files(db, generate(folder / "csv"))
        print(f"world season imported in {time.perf_counter() - start:.1f} s")
        driver, meetings = busiest_driver(db)
        season, _seq = load_for_export(db)
        series = sorted(season.series)[0]
        print(f"busiest driver: {driver} ({meetings} meetings); series: {series}")
        (folder / "radicale").mkdir()
        with radicale_on_localhost(folder / "radicale") as base:
            t_driver, w_driver = measure(db, base, "driver", ExportTarget("driver", driver),
                                         args.repeat)
            _t, w_series = measure(db, base, "series", ExportTarget("series", series), args.repeat)
        db.close()
    passed = w_driver == 0 and w_series == 0 and t_driver <= UNCHANGED_TARGET
    print(f"unchanged republish of a driver: {t_driver:.2f} s (target <= {UNCHANGED_TARGET:.1f} s,"
          f" nothing written) {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
