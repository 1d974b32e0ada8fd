"""Write a world-scale season as CSV files that `paddock-desk import` reads.

60 series x 15 meetings at the real circuits of the 2018 and 2024 data (their zones and
positions), 3,000 drivers in 1-3 series each (about 6,000 line-up rows, 50,000 driver-meeting
entries), 3,000 unavailability blocks (some repeating), all from a fixed seed.

    python benchmarks/generate_world.py [OUT_FOLDER]     (default: benchmarks/world)
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DATA = {"season2018": ROOT.parent / "resources" / "demo",
        "real2024": ROOT.parent / "tests" / "data" / "real2024"}
SEED = 2026
SERIES, MEETINGS, DRIVERS, BLOCKS = 60, 15, 3000, 3000
CARS_PER_SERIES, TEAMS = 34, 150
SERIES_PER_DRIVER = (1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3)
"""Drawn from for each driver: 1, 2 or 3 series (2 on average: about 6,000 line-up rows)."""
FIRST_FRIDAY = date(2026, 3, 6)
WEEKENDS = 17
FIRST_NAMES = """Aiko Alba Amara Anders Anouk Arjun Astrid Axel Beatriz Bjorn Carmen Cyril Dalia
Dario Elif Emeka Esme Fabio Farah Florin Gaspard Greta Hamid Hana Ines Ingrid Ivo Jana Joaquin
Kai Kenji Lale Lars Leila Luca Maeve Malik Marta Mateus Mei Milan Nadia Nils Noor Oskar Paloma
Pavel Priya Quentin Rafa Rania Rhys Sanna Santiago Selin Soren Tamsin Teodor Ugo Vera Wiktor
Xenia Yara Yusuf Zofia""".split()
LAST_NAMES = """Abara Berggren Castellanos Dubois Eriksen Fontana Grabowski Haddad Ishikawa
Jovanovic Kowalczyk Lindqvist Moreau Nakamura Oyelaran Petrovic Quintero Rasmussen Santoro
Takahashi Urquhart Valdivia Wojcik Yilmaz Zanetti Albrecht Bianchi Carvalho Delacroix Esposito
Fischer Gallagher Hoffmann Iglesias Jaramillo Kaminski Lombardi Mancini Novak Okonkwo Pereira
Rossi Schneider Tanaka Ventura Weber Yamamoto Zielinski Andersson Brennan Costa Dimitrov
Eklund Ferreira Gonzaga Horvath Ivanova Jensen Keller Laurent""".split()
REASONS = ("holiday", "simulator day", "tyre test", "family wedding", "other contract",
           "media day", "medical check", "sponsor event")
RULES = ("FREQ=WEEKLY;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=8",
         "FREQ=WEEKLY;BYDAY=SA;BYMONTH=8", "FREQ=MONTHLY;BYDAY=2WE;UNTIL=20261231")


def read_circuits() -> dict[str, dict[str, str]]:
    circuits: dict[str, dict[str, str]] = {}
    for folder in ("season2018", "real2024"):
        with open(DATA[folder] / "circuits.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                circuits[row["circuit"]] = row
    return circuits


def region(tz: str) -> str:
    head = tz.split("/")[0]
    return {"Australia": "Pacific", "Pacific": "Pacific", "America": "America"}.get(head, head)


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def meeting_dates(rng: random.Random, weekend: int) -> tuple[date, date]:
    """A Friday-Sunday meeting mostly; some Saturday-Sunday, 24-hour weeks and midweek tests."""
    friday = FIRST_FRIDAY + timedelta(weeks=weekend)
    shape = rng.random()
    if shape < 0.78:
        return friday, friday + timedelta(days=2)
    if shape < 0.86:
        return friday + timedelta(days=1), friday + timedelta(days=2)
    if shape < 0.93:
        return friday - timedelta(days=2), friday + timedelta(days=2)
    monday = friday + timedelta(days=3)
    return monday, monday + timedelta(days=rng.randint(0, 2))


def make_series(rng: random.Random, circuits: dict[str, dict[str, str]]) -> tuple[
    list[list[str]], list[list[str]], dict[str, list[str]]
]:
    by_region: dict[str, list[str]] = {}
    for name, row in sorted(circuits.items()):
        by_region.setdefault(region(row["tz"]), []).append(name)
    regions = sorted(by_region)
    series_rows: list[list[str]] = []
    event_rows: list[list[str]] = []
    rounds: dict[str, list[str]] = {}
    for s in range(1, SERIES + 1):
        name = f"World Series {s:02d}"
        colour = f"#{rng.randrange(0x1000000):06x}"
        series_rows.append([name, colour, str(rng.choice((0, 0, 0, 1, 2)))])
        pool = sorted(circuits) if s % 3 == 0 else by_region[rng.choice(regions)]
        weekends = sorted(rng.sample(range(WEEKENDS), MEETINGS))
        rounds[name] = []
        for r, weekend in enumerate(weekends, start=1):
            start, end = meeting_dates(rng, weekend)
            circuit = rng.choice(pool)
            status = "cancelled" if rng.random() < 0.01 else "scheduled"
            event_rows.append([name, str(r), f"Round {r} at {circuit}", circuit,
                               start.isoformat(), end.isoformat(), status])
            rounds[name].append(str(r))
    return series_rows, event_rows, rounds


def driver_names(rng: random.Random) -> list[str]:
    names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    return sorted(names[:DRIVERS])


def make_people(
    rng: random.Random, circuits: dict[str, dict[str, str]], rounds: dict[str, list[str]]
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    zones = sorted({row["tz"] for row in circuits.values()})
    names = driver_names(rng)
    drivers = [[n, "XX", rng.choice(zones) if rng.random() < 0.95 else ""] for n in names]
    series_names = sorted(rounds)
    car_team = {
        (s, c): f"Team {rng.randrange(1, TEAMS + 1):03d}"
        for s in series_names for c in range(1, CARS_PER_SERIES + 1)
    }
    roster: list[list[str]] = []
    for name in names:
        for series in rng.sample(series_names, rng.choice(SERIES_PER_DRIVER)):
            car = rng.randrange(1, CARS_PER_SERIES + 1)
            labels = rounds[series]
            chosen = "" if rng.random() < 0.36 else ";".join(
                sorted(rng.sample(labels, rng.randint(2, 10)), key=int)
            )
            roster.append([name, car_team[(series, car)], series, str(car), chosen])
    blocks: list[list[str]] = []
    for _ in range(BLOCKS):
        start = FIRST_FRIDAY + timedelta(days=rng.randrange(WEEKENDS * 7))
        end = start + timedelta(days=rng.randint(0, 3))
        rule = rng.choice(RULES) if rng.random() < 0.1 else ""
        if rule:
            end = start
        blocks.append([rng.choice(names), start.isoformat(), end.isoformat(),
                       rng.choice(REASONS), rule])
    unique = {(b[0], b[1], b[2]): b for b in blocks}
    return drivers, roster, list(unique.values())


def generate(out: Path, seed: int = SEED) -> list[Path]:
    """Write the world season into ``out``; returns the CSV files, in import order."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    circuits = read_circuits()
    series_rows, event_rows, rounds = make_series(rng, circuits)
    drivers, roster, blocks = make_people(rng, circuits, rounds)
    files = {
        "circuits.csv": (["circuit", "country", "lat", "lon", "tz"],
                         [[r["circuit"], r["country"], r["lat"], r["lon"], r["tz"]]
                          for r in circuits.values()]),
        "series.csv": (["series", "colour", "arrival_days"], series_rows),
        "drivers.csv": (["driver", "nationality", "home_tz"], drivers),
        "events.csv": (["series", "round", "event_name", "circuit", "start_date", "end_date",
                        "status"], event_rows),
        "roster.csv": (["driver", "team", "series", "car", "rounds"], roster),
        "unavailability.csv": (["driver", "start_date", "end_date", "reason", "rrule"], blocks),
    }
    for name, (header, rows) in files.items():
        write(out / name, header, rows)
    return [out / name for name in files]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "world"
    for path in generate(target):
        print(path)
