"""Circuit gazetteer look-ups: the indexed look-up against a scan of every name, in one run.

Loads the shipped gazetteer (timed: read, parse, index), then, best of --repeat runs each (CPU
time), looks up a mix of LOCATION texts as published calendars write them (exact names, " - "
parts, aliases in other languages, sponsor prefixes, places no circuit answers to) and points
for `near`. The baseline is the plain way to do the same: normalise every name of every circuit
and compare each with each part of the text. Targets: load <= 100 ms; look-up <= 50 us a text
and at least 20x faster than the scan; near <= 200 us a point.

    .venv/bin/python benchmarks/bench_gazetteer.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from paddock_desk.interop import gazetteer as gz
from paddock_desk.interop.circuit_matching import location_parts, normalise

TEXTS = [
    "Circuito de Jerez - Ángel Nieto - Jerez de la Frontera",
    "Phillip Island -",
    "Le Mans - Le Mans",
    "Autódromo Internacional do Algarve",
    "Sepang International Circuit, Kuala Lumpur, Malaysia",
    "Circuit de Spa-Francorchamps, Route du Circuit 55, 4970 Stavelot",
    "鈴鹿サーキット",
    "Monza Eni Circuit",
    "Mount Panorama Circuit\nBathurst NSW 2795, Australia",
    "Hotel Bristol, Vienna, Austria",
    "Atlanta Motorsports Park",
    "Team factory, Banbury",
]


def best(repeat: int, work: Callable[[], object], rounds: int) -> float:
    """The best CPU time of ``repeat`` runs of ``rounds`` calls, in microseconds per call (CPU
    time: the machine's other work changes it much less than the wall clock)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(rounds):
            work()
        times.append(time.process_time() - start)
    return min(times) / rounds * 1e6


def scan_lookup(names: list[tuple[str, gz.GazetteerEntry]], text: str) -> object:
    """The baseline: every name of every circuit normalised and compared with every part."""
    keys = [normalise(p) for p in location_parts(text)]
    for key in keys:
        for name, entry in names:
            if normalise(name) == key:
                return entry
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat

    start = time.process_time()
    shipped = gz.gazetteer()
    load_ms = (time.process_time() - start) * 1e3
    aliases = sum(len(e.aliases) for e in shipped)
    print(f"gazetteer: {len(shipped)} circuits, {aliases} other names")

    names = [(n, e) for e in shipped for n in e.names]
    indexed = best(repeat, lambda: [shipped.lookup(t) for t in TEXTS], 200) / len(TEXTS)
    scanned = best(repeat, lambda: [scan_lookup(names, t) for t in TEXTS], 2) / len(TEXTS)
    points = [(e.lat + 0.01, e.lon - 0.01) for e in shipped] + [(0.0, 0.0), (60.0, -30.0)]
    nearest = best(repeat, lambda: [shipped.near(*p) for p in points], 5) / len(points)
    agree = all(shipped.lookup(t) == scan_lookup(names, t) for t in TEXTS[:6])

    rows = [
        ("load (read, parse, index)", load_ms, "ms", load_ms <= 100, "<= 100 ms"),
        ("look-up, indexed", indexed, "us", indexed <= 50, "<= 50 us"),
        ("look-up, scan of every name", scanned, "us", True, "(baseline)"),
        ("speed-up over the scan", scanned / indexed, "x", scanned / indexed >= 20, ">= 20x"),
        ("near, one point", nearest, "us", nearest <= 200, "<= 200 us"),
    ]
    for label, value, unit, ok, target in rows:
        verdict = "" if target.startswith("(") else "PASS" if ok else "FAIL"
        print(f"{label:30} {value:10.1f} {unit:2}  {verdict:4} {target}")
    print(f"exact-name texts: indexed and scanned look-ups agree: {agree}")


if __name__ == "__main__":
    main()
