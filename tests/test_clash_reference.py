"""The engine against the brute-force reference: random seasons and the real 2024 calendars."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_clash_rules import CIRCUITS

from paddock_desk.domain.clash_reference import reference_clashes
from paddock_desk.domain.clashes import ClashEngine
from paddock_desk.domain.model import (
    Assignment,
    Car,
    Circuit,
    Driver,
    Meeting,
    Season,
    Series,
    Unavailability,
)

ZONES = [None, "UTC", "Asia/Shanghai", "Europe/Paris", "Pacific/Auckland", "Pacific/Honolulu",
         "America/Sao_Paulo"]
RULES = [None, None, "FREQ=WEEKLY;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=1,15",
         "FREQ=WEEKLY;BYDAY=SA;COUNT=4", "FREQ=DAILY;INTERVAL=9;UNTIL=20181101"]
# Around the spring and autumn clock changes of both hemispheres.
WINDOWS = [date(2018, 3, 15), date(2018, 9, 20)]


@st.composite
def seasons(draw: st.DrawFn) -> Season:
    season = Season(circuits=dict(CIRCUITS))
    names = sorted(CIRCUITS)
    window = draw(st.sampled_from(WINDOWS))
    ids = iter(range(1, 10_000))
    for s in range(draw(st.integers(1, 4))):
        name = f"S{s}"
        season.series[name] = Series(name, None, draw(st.integers(0, 2)))
        weekly = draw(st.booleans())  # one meeting a week makes runs of weekends in a row
        for r in range(draw(st.integers(1, 7))):
            day = 7 * r + draw(st.integers(0, 3)) if weekly else draw(st.integers(0, 45))
            start = window + timedelta(days=day)
            mid = next(ids)
            season.meetings[mid] = Meeting(
                mid, name, str(r + 1), f"E{mid}", CIRCUITS[draw(st.sampled_from(names))], start,
                start + timedelta(days=draw(st.integers(0, 3))), draw(st.booleans()) and
                draw(st.integers(0, 5)) == 0,
            )
        for number in range(draw(st.integers(1, 2))):
            cid = next(ids)
            season.cars[cid] = Car(cid, name, f"T{number}", str(number))
    cars = sorted(season.cars)
    for d in range(draw(st.integers(1, 4))):
        did = next(ids)
        season.drivers[did] = Driver(did, f"D{d}", "", draw(st.sampled_from(ZONES)))
        for _ in range(draw(st.integers(0, 3))):
            car = season.cars[draw(st.sampled_from(cars))]
            rounds = draw(st.none() | st.frozensets(st.sampled_from("1234567"), max_size=4))
            aid = next(ids)
            season.assignments[aid] = Assignment(aid, did, car.id, rounds)
        for _ in range(draw(st.integers(0, 2))):
            start = window + timedelta(days=draw(st.integers(-30, 50)))
            uid = next(ids)
            season.unavailability[uid] = Unavailability(
                uid, did, start, start + timedelta(days=draw(st.integers(0, 2))), "busy",
                draw(st.sampled_from(RULES)),
            )
    return season


def engine_keys(season: Season) -> set[object]:
    found = ClashEngine(season).check_all()
    keys = {c.key() for c in found}
    assert len(keys) == len(found), "a clash was reported twice"
    return keys


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seasons())
def test_engine_agrees_with_the_reference_on_random_seasons(season: Season) -> None:
    assert engine_keys(season) == reference_clashes(season)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seasons())
def test_order_is_by_driver_name_then_start(season: Season) -> None:
    found = ClashEngine(season).check_all()
    keys = [(c.driver.name, c.first.start, c.second.start) for c in found]
    assert keys == sorted(keys)
    assert all(c.first.start <= c.second.start for c in found if c.kind != "unavailable")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seasons(), st.data())
def test_re_checking_one_driver_after_an_edit_matches_a_fresh_engine(
    season: Season, data: st.DataObject
) -> None:
    engine = ClashEngine(season)
    driver_id = data.draw(st.sampled_from(sorted(season.drivers)))
    car_id = data.draw(st.sampled_from(sorted(season.cars)))
    engine.replace_assignments(driver_id, [Assignment(99_999, driver_id, car_id, None)])
    fresh = ClashEngine(season)
    assert [c.key() for c in engine.check_driver(driver_id)] == [
        c.key() for c in fresh.check_driver(driver_id)
    ]
    assert engine_keys(season) == reference_clashes(season)


def read_real_season(folder: Path, drivers: int, seed: int) -> Season:
    """The real calendars of ``folder`` with synthetic drivers in two or three series each."""
    season = Season()
    with open(folder / "circuits.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            season.circuits[row["circuit"]] = Circuit(
                row["circuit"], row["country"], float(row["lat"]), float(row["lon"]), row["tz"]
            )
    with open(folder / "series.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            season.series[row["series"]] = Series(row["series"], None, int(row["arrival_days"]))
    rounds: dict[str, list[str]] = {name: [] for name in season.series}
    with open(folder / "events.csv", encoding="utf-8") as f:
        for mid, row in enumerate(csv.DictReader(f), start=1):
            season.meetings[mid] = Meeting(
                mid, row["series"], row["round"], row["event_name"],
                season.circuits[row["circuit"]], date.fromisoformat(row["start_date"]),
                date.fromisoformat(row["end_date"]), row.get("status") == "cancelled",
            )
            rounds[row["series"]].append(row["round"])
    rng = random.Random(seed)
    for cid, name in enumerate(sorted(season.series), start=1):
        season.cars[cid] = Car(cid, name, "Team", "1")
    for did in range(1, drivers + 1):
        season.drivers[did] = Driver(did, f"Driver {did:03d}", "", rng.choice(ZONES))
        for cid in rng.sample(sorted(season.cars), rng.choice((2, 3))):
            labels = rounds[season.cars[cid].series]
            chosen = None if rng.random() < 0.5 else frozenset(
                rng.sample(labels, rng.randint(1, len(labels)))
            )
            aid = len(season.assignments) + 1
            season.assignments[aid] = Assignment(aid, did, cid, chosen)
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 330))
        season.unavailability[did] = Unavailability(
            did, did, start, start + timedelta(days=rng.randint(0, 6)), "busy",
            rng.choice(RULES[:3]),
        )
    return season


def test_real_2024_calendars_agree_with_the_reference_to_the_last_pair(real2024: Path) -> None:
    season = read_real_season(real2024, drivers=60, seed=2024)
    found = ClashEngine(season).check_all()
    assert {c.key() for c in found} == reference_clashes(season)
    # Weekends of these series never leave less than the trip time, so no travel clash here.
    assert {c.kind for c in found} == {
        "overlap", "unavailable", "double_duty", "tight_turnaround", "weekends_in_a_row"
    }
    assert len(found) > 100
