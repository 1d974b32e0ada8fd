"""Finding the circuit a calendar event happens at, by its LOCATION text, then its GEO.

Names compare without accents, case, punctuation and filler words ("Circuit", "International"),
and a LOCATION is also tried part by part, split at " - " or ",": "Sepang International Circuit,
Kuala Lumpur, Malaysia" finds "Sepang International Circuit". Failing that, a circuit within
5 km of the event's GEO is the one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from math import asin, cos, radians, sin, sqrt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

GEO_MATCH_KM = 5.0
EARTH_RADIUS_KM = 6371.0
FILLER_WORDS = frozenset(
    {"circuit", "circuito", "circuits", "autodromo", "international", "internacional"}
    | {"internazionale", "the", "of", "de", "du", "des", "del", "della", "di", "do", "da"}
)
"""Words a circuit's name may carry or drop ("Circuit de Spa-Francorchamps", "Spa")."""
_PARTS = re.compile(r"\s+[-\u2013\u2014]\s+|,|\n")


@dataclass(frozen=True)
class KnownCircuit:
    name: str
    lat: float
    lon: float
    tz: str


def normalise(text: str) -> str:
    """``text`` without accents, case, punctuation or filler words, spaces collapsed."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[^\w]+|_", " ", plain).split()
    return " ".join(w for w in words if w not in FILLER_WORDS)


def location_parts(location: str) -> list[str]:
    """The parts of a LOCATION split at " - ", "," or a line end, the whole text first."""
    parts = [p.strip() for p in _PARTS.split(location) if p.strip()]
    return [" ".join(location.split()), *parts]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


class CircuitMatcher:
    """The circuits of the database (and those an import creates), looked up by name or place."""

    def __init__(self, circuits: Iterable[KnownCircuit]) -> None:
        self._by_name: dict[str, KnownCircuit] = {}
        self._all: list[KnownCircuit] = []
        for circuit in circuits:
            self.add(circuit)

    def add(self, circuit: KnownCircuit) -> None:
        self._all.append(circuit)
        key = normalise(circuit.name)
        if key:
            self._by_name.setdefault(key, circuit)

    def by_location(self, location: str | None) -> KnownCircuit | None:
        if not location:
            return None
        for part in location_parts(location):
            found = self._by_name.get(normalise(part))
            if found is not None:
                return found
        return None

    def by_geo(self, geo: tuple[float, float] | None) -> KnownCircuit | None:
        if geo is None:
            return None
        best: tuple[float, KnownCircuit] | None = None
        for circuit in self._all:
            d = distance_km(geo[0], geo[1], circuit.lat, circuit.lon)
            if d <= GEO_MATCH_KM and (best is None or d < best[0]):
                best = (d, circuit)
        return best[1] if best else None

    def match(self, location: str | None, geo: tuple[float, float] | None) -> KnownCircuit | None:
        """The circuit named by ``location``, else the one within 5 km of ``geo``, else None."""
        return self.by_location(location) or self.by_geo(geo)


def zone_at(lat: float, lon: float) -> str | None:
    """The IANA zone at a point, from timezonefinder's offline boundary data."""
    found = _finder().timezone_at(lat=lat, lng=lon)
    return str(found) if found else None


@cache
def _finder() -> TimezoneFinder:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=False)


@dataclass(frozen=True)
class NewCircuit:
    """A circuit an import creates; ``zone_to_check`` when its zone is only a fixed offset."""

    circuit: KnownCircuit
    zone_to_check: bool
    has_coordinates: bool


def plan_circuit(
    name: str, geo: tuple[float, float] | None, iana: str | None, fixed: str | None
) -> NewCircuit:
    """A new circuit: zone from the event's IANA zone, else from GEO, else a fixed offset."""
    tz = iana if iana and iana != "UTC" else None
    if tz is None and geo is not None:
        tz = zone_at(*geo)
    lat, lon = geo if geo is not None else (0.0, 0.0)
    circuit = KnownCircuit(name.strip()[:200], lat, lon, tz or fixed or "UTC")
    return NewCircuit(circuit, tz is None, geo is not None)


def new_circuit_name(location: str | None, fallback: str) -> str:
    """A name for a created circuit: the LOCATION up to its first comma or line end (an
    address follows there), else ``fallback`` (a summary)."""
    first = re.split(r",|\n", location or "", maxsplit=1)[0].strip()
    return first or fallback.strip() or "Unnamed circuit"
