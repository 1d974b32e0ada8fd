"""The travel model of the clash rules: great-circle distance and the hours a trip takes.

``d`` is the haversine distance on a sphere of mean Earth radius 6371 km; a trip takes
``min(d / 80, 4 + d / 800)`` hours: by road at 80 km/h, or by air at 800 km/h plus 4 h of
airports and transfers, whichever is faster (so a farther circuit is never quicker to reach).
"""

from __future__ import annotations

import math

from paddock_desk.domain.model import Circuit

EARTH_RADIUS_KM = 6371.0
ROAD_KMH = 80.0
AIR_KMH = 800.0
AIRPORT_HOURS = 4.0

MAX_DISTANCE_KM = math.pi * EARTH_RADIUS_KM
"""Half the Earth's circumference: no two circuits are farther apart."""


def travel_hours_for(distance_km: float) -> float:
    """Hours needed to cover ``distance_km``: by road or by air, whichever is faster."""
    return min(distance_km / ROAD_KMH, AIRPORT_HOURS + distance_km / AIR_KMH)


MAX_TRAVEL_HOURS = travel_hours_for(MAX_DISTANCE_KM)
"""The longest trip between any two points on Earth (about 29 h)."""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def circuit_distance_km(a: Circuit, b: Circuit) -> float:
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def travel_hours(a: Circuit, b: Circuit) -> float:
    """Hours needed to travel from circuit ``a`` to circuit ``b``."""
    return travel_hours_for(circuit_distance_km(a, b))


class TravelTable:
    """Distances and travel times between circuits, computed once per pair and cached."""

    def __init__(self) -> None:
        self._trips: dict[tuple[str, str], tuple[float, float]] = {}

    def trip(self, a: Circuit, b: Circuit) -> tuple[float, float]:
        """(seconds needed, km) from ``a`` to ``b`` (circuits are told apart by name)."""
        key = (a.name, b.name)
        found = self._trips.get(key)
        if found is None:
            km = circuit_distance_km(a, b)
            found = (travel_hours_for(km) * 3600.0, km)
            self._trips[key] = found
            self._trips[(b.name, a.name)] = found
        return found

    @property
    def known(self) -> dict[tuple[str, str], tuple[float, float]]:
        """The trips computed so far, by (circuit name, circuit name): read it, never write."""
        return self._trips

    def seconds(self, a: Circuit, b: Circuit) -> float:
        """Seconds needed from ``a`` to ``b``."""
        return self.trip(a, b)[0]

    def clear(self) -> None:
        """Forget every pair (after a circuit moved)."""
        self._trips.clear()
