"""Finding the circuit a calendar event happens at, by its LOCATION text, then its GEO.

Names compare without accents, case, punctuation and filler words ("Circuit", "International"),
and a LOCATION is also tried part by part, split at " - " or ",": "Sepang International Circuit,
Kuala Lumpur, Malaysia" finds "Sepang International Circuit". Failing that, a circuit within
5 km of the event's GEO is the one.

:class:`CircuitPlaces` looks in this order: the season's circuits by name, the gazetteer of known
circuits by name (a hit is the season's circuit that has one of its names or lies within 5 km
and is no other known circuit, else a new circuit with the gazetteer's name, country,
coordinates and zone), the season's circuits within 5 km of GEO, the gazetteer's. Otherwise it
creates the circuit: named from the LOCATION (or the meeting's summary), placed at its GEO, in
the event's IANA zone, else the zone at its coordinates (offline lookup), else a fixed offset
marked "zone to check". It also places floating times.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from functools import cache
from math import asin, cos, radians, sin, sqrt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from paddock_desk.domain.model import zone
from paddock_desk.interop.ics_reading import CalendarFile, EventRecord, Moment
from paddock_desk.interop.ics_zones import ResolvedZone
from paddock_desk.store.schema import CircuitRow

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder

    from paddock_desk.interop.gazetteer import GazetteerEntry

GEO_MATCH_KM = 5.0
EARTH_RADIUS_KM = 6371.0
FILLER_WORDS = frozenset(
    {"circuit", "circuito", "circuits", "autodromo", "international", "internacional"}
    | {"internazionale", "the", "of", "de", "du", "des", "del", "della", "di", "do", "da"}
)
"""Words a circuit's name may carry or drop ("Circuit de Spa-Francorchamps", "Spa")."""
_NOT_WORD = re.compile(r"[^\w]+|_")
_PARTS = re.compile(r"\s+[-\u2013\u2014]\s+|,|\n")
_DASHES = re.compile(r"\s+[-\u2013\u2014]\s+")


@dataclass(frozen=True)
class KnownCircuit:
    name: str
    lat: float
    lon: float
    tz: str


def normalise(text: str) -> str:
    """``text`` without accents, case, punctuation or filler words, spaces collapsed."""
    if text.isascii():  # nothing to decompose (most names): the same result, sooner
        plain = text.casefold()
    else:
        plain = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    words = _NOT_WORD.sub(" ", plain).split()
    return " ".join(w for w in words if w not in FILLER_WORDS)


def location_parts(location: str) -> list[str]:
    """The parts of a LOCATION split at " - ", "," or a line end: the whole text first, then
    the text before its first comma (the name a circuit created for it takes), the leading runs
    of its " - " parts ("Circuito de Jerez - Ángel Nieto" of "Circuito de
    Jerez - Ángel Nieto - Jerez de la Frontera"); separators left at the ends dropped."""
    whole = _trimmed(location)
    parts = [_trimmed(p) for p in _PARTS.split(whole) if _trimmed(p)]
    first = _trimmed(re.split(r",|\n", whole, maxsplit=1)[0])
    dashed = [_trimmed(p) for p in _DASHES.split(first) if _trimmed(p)]
    runs = [" - ".join(dashed[:n]) for n in range(len(dashed) - 1, 1, -1)]
    return list(dict.fromkeys([whole, first, *runs, *parts]))


def _trimmed(text: str) -> str:
    """``text`` on one line without separators left at its ends ("Phillip Island -")."""
    return " ".join(text.split()).strip(" -\u2013\u2014,;:|").strip()


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

    def by_known(
        self, entry: GazetteerEntry, another: Callable[[str], bool]
    ) -> KnownCircuit | None:
        """The circuit that has one of the gazetteer entry's names ("Spa" for a season that knows
        "Circuit de Spa-Francorchamps"), else the nearest within 5 km of the entry's place
        unless ``another(name)`` says the gazetteer knows it as another circuit (the Bugatti
        Circuit is not the Circuit de la Sarthe beside it)."""
        for name in entry.names:
            found = self._by_name.get(normalise(name))
            if found is not None:
                return found
        near = [
            (d, c)
            for c in self._all
            if (d := distance_km(entry.lat, entry.lon, c.lat, c.lon)) <= GEO_MATCH_KM
        ]
        near = [(d, c) for d, c in near if not another(c.name)]
        return min(near, key=lambda pair: pair[0])[1] if near else None


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
    first = _trimmed(re.split(r",|\n", location or "", maxsplit=1)[0])
    return first or _trimmed(fallback) or "Unnamed circuit"


class CircuitPlaces:
    """Circuits of the database and those this import creates, with floating-time zones."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.warnings: list[str] = []
        self.rows = {row.name: row for row in session.scalars(select(CircuitRow))}
        self.matcher = CircuitMatcher(
            KnownCircuit(r.name, r.lat, r.lon, r.tz) for r in self.rows.values()
        )
        self.created: list[str] = []
        self.to_check: list[str] = []
        self.no_coordinates: list[str] = []
        self.warned_floating: set[str] = set()
        self.hints: dict[str, tuple[ResolvedZone | None, tuple[float, float] | None]] = {}

    def learn(self, events: list[EventRecord]) -> None:
        """Remember, per LOCATION, a zone and GEO some event there gives, for all-day events."""
        for event in events:
            key = normalise(event.location or "")
            zone_there, geo = self.hints.get(key, (None, None))
            if event.start.zone is not None and event.start.zone.stored_name():
                zone_there = zone_there or event.start.zone
            self.hints[key] = (zone_there, geo or event.geo)

    def place(
        self, event: EventRecord, calendar: CalendarFile, host: KnownCircuit | None = None
    ) -> tuple[EventRecord, KnownCircuit | None]:
        """The event's circuit (matched, or created from LOCATION/GEO), floating times placed
        at it, or at ``host`` (the circuit of the all-day meeting around a placeless event)."""
        circuit = self.find(event.location, event.geo)
        if circuit is None and (event.location or event.geo):
            name = new_circuit_name(event.location, event.summary)
            hint_zone, hint_geo = self.hints.get(normalise(event.location or ""), (None, None))
            found_zone = event.start.zone or hint_zone or _display_zone(event, calendar)
            circuit = self.create(name, event.geo or hint_geo, found_zone)
        return self._unfloat(event, circuit or host, calendar), circuit

    def for_meeting(
        self, name: str, geo: tuple[float, float] | None, event_zone: ResolvedZone | None
    ) -> KnownCircuit:
        """A circuit for a meeting nothing placed, named from its summary."""
        return self.find(name, geo) or self.create(name, geo, event_zone)

    def find(self, location: str | None, geo: tuple[float, float] | None) -> KnownCircuit | None:
        """The season's circuit named by ``location``, else the gazetteer's (the season's copy
        of it, or a new one), else the season's circuit within 5 km of ``geo``, else the
        gazetteer's; None when nothing is known there."""
        from paddock_desk.interop import gazetteer  # it builds on this module's names

        found = self.matcher.by_location(location)
        if found is not None:
            return found
        entry = gazetteer.lookup(location)
        if entry is None:
            found = self.matcher.by_geo(geo)
            if found is not None:
                return found
            entry = gazetteer.near(*geo) if geo is not None else None
        if entry is None:
            return None

        def another(name: str) -> bool:
            return gazetteer.lookup(name) not in (None, entry)

        return self.matcher.by_known(entry, another) or self.create_known(entry)

    def create_known(self, entry: GazetteerEntry) -> KnownCircuit:
        """A new circuit as the gazetteer knows it: name, country, coordinates and zone."""
        if entry.name in self.rows:
            row = self.rows[entry.name]
            return KnownCircuit(row.name, row.lat, row.lon, row.tz)
        circuit = KnownCircuit(entry.name, entry.lat, entry.lon, entry.tz)
        row = CircuitRow(
            name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon, tz=entry.tz
        )
        self.session.add(row)
        self.rows[row.name] = row
        self.matcher.add(circuit)
        self.created.append(circuit.name)
        return circuit

    def create(
        self, name: str, geo: tuple[float, float] | None, event_zone: ResolvedZone | None
    ) -> KnownCircuit:
        iana = event_zone.iana if event_zone else None
        fixed = event_zone.fixed_name if event_zone else None
        plan = plan_circuit(name, geo, iana, fixed)
        circuit = plan.circuit
        if circuit.name in self.rows:
            row = self.rows[circuit.name]
            return KnownCircuit(row.name, row.lat, row.lon, row.tz)
        row = CircuitRow(
            name=circuit.name, country="", lat=circuit.lat, lon=circuit.lon, tz=circuit.tz
        )
        self.session.add(row)
        self.rows[row.name] = row
        self.matcher.add(circuit)
        self.created.append(circuit.name)
        if plan.zone_to_check:
            self.to_check.append(f"{circuit.name} ({circuit.tz})")
        if not plan.has_coordinates:
            self.no_coordinates.append(circuit.name)
        return circuit

    def _unfloat(
        self, event: EventRecord, circuit: KnownCircuit | None, calendar: CalendarFile
    ) -> EventRecord:
        """Floating times read at the circuit, else in X-WR-TIMEZONE, else in UTC (warned)."""
        if not event.start.floating and not event.end.floating:
            return event
        tz: tzinfo
        if circuit is not None:
            tz, where = zone(circuit.tz), None
        elif calendar.display_zone is not None:
            tz, where = calendar.display_zone.tzinfo, None
        else:
            tz, where = UTC, calendar.path.name
        if where and where not in self.warned_floating:
            self.warned_floating.add(where)
            self.warnings.append(
                f"{where}: times without a zone at an unknown place were read as UTC"
            )
        return replace(event, start=_placed(event.start, tz), end=_placed(event.end, tz))

    def closing_warnings(self) -> list[str]:
        """The circuits created, and those whose zone or coordinates need a look."""
        out = []
        if self.created:
            out.append("circuits created by the calendar import: " + ", ".join(self.created))
        if self.to_check:
            out.append("zone to check: " + ", ".join(self.to_check))
        if self.no_coordinates:
            out.append(
                "coordinates to enter (travel times need them): " + ", ".join(self.no_coordinates)
            )
        return out


def _display_zone(event: EventRecord, calendar: CalendarFile) -> ResolvedZone | None:
    """X-WR-TIMEZONE, for a timed event in UTC (or floating): the zone of a circuit made for it."""
    if event.all_day or event.start.zone is not None:
        return None
    return calendar.display_zone


def _placed(moment: Moment, tz: tzinfo) -> Moment:
    value = moment.value
    if not moment.floating or not isinstance(value, datetime):
        return moment
    return Moment(value.replace(tzinfo=tz))
