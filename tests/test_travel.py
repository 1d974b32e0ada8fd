"""The travel model: haversine distance and min(road, air) hours."""

from __future__ import annotations

import pytest
from test_clash_rules import CIRCUITS

from paddock_desk.domain.travel import (
    MAX_TRAVEL_HOURS,
    TravelTable,
    circuit_distance_km,
    distance_km,
    travel_hours,
    travel_hours_for,
)


def test_distance_of_a_quarter_meridian() -> None:
    assert distance_km(0, 0, 90, 0) == pytest.approx(6371 * 3.141592653589793 / 2)


def test_known_circuit_distances() -> None:
    assert circuit_distance_km(CIRCUITS["Sepang"], CIRCUITS["Paul Ricard"]) == pytest.approx(
        10_220, abs=60
    )
    assert circuit_distance_km(CIRCUITS["Spa"], CIRCUITS["Nurburgring"]) == pytest.approx(
        70, abs=5
    )


def test_road_below_about_366_km_air_above() -> None:
    assert travel_hours_for(80) == pytest.approx(1.0)
    assert travel_hours_for(800) == pytest.approx(5.0)
    crossover = 4 / (1 / 80 - 1 / 800)
    assert travel_hours_for(crossover) == pytest.approx(crossover / 80)


def test_farther_is_never_quicker() -> None:
    hours = [travel_hours_for(km) for km in range(0, 20_001, 50)]
    assert hours == sorted(hours)
    assert max(hours) <= MAX_TRAVEL_HOURS < 29.1


def test_travel_is_symmetric_and_cached() -> None:
    table = TravelTable()
    a, b = CIRCUITS["Fuji"], CIRCUITS["Monza"]
    assert table.seconds(a, b) == table.seconds(b, a) == pytest.approx(travel_hours(a, b) * 3600)
    assert table.seconds(a, a) == 0.0
