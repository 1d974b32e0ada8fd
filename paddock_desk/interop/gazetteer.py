"""The world's racing circuits shipped with the app: names, other names, place and IANA zone.

The data is ``resources/gazetteer/circuits.csv`` (its README names the sources). It is read
once, on the first look-up, and indexed by normalised name: names compare as circuit matching
compares them (accents, case, punctuation and filler words such as "Circuit", "International"
or "Autódromo" ignored), and a LOCATION is tried whole, then part by part (split at " - ", ","
or a line end). Failing an exact name, the same words without "Raceway", "Autodrome", "Park"
and the like are tried where only one circuit answers to them, then the longest known name the
text starts with ("Monza Eni Circuit" finds Monza) unless what follows names another venue
("Atlanta Motorsports Park" is not Atlanta Motor Speedway). A LOCATION whose last part names a
country ("Bristol, United Kingdom") finds only a circuit of that country.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from math import cos, radians

from paddock_desk.interop.circuit_matching import distance_km, location_parts, normalise

GAZETTEER_PACKAGE = "paddock_desk.resources.gazetteer"
GAZETTEER_FILE = "circuits.csv"
COLUMNS = ("circuit", "aliases", "city", "country", "lat", "lon", "tz", "source")
NEAR_KM = 5.0
LOOSE_WORDS = frozenset(
    {"raceway", "autodrome", "autodrom", "park", "motorsport", "motorsports", "racing"}
    | {"grand", "prix", "gp", "course", "track"}
)
"""Words a name keeps or drops that tell the kind of venue, not which one."""
VENUE_WORDS = LOOSE_WORDS | frozenset(
    {"speedway", "dragway", "motorplex", "ring", "kart", "karting", "oval", "street", "arena"}
    | {"stadium", "motor", "airport", "airfield", "hillclimb"}
)
"""Words after a known name that make the text another venue's name, not that circuit's."""
COUNTRY_NAMES = {
    "uk": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "usa": "US", "us": "US",
    "united states of america": "US", "uae": "AE", "united arab emirates": "AE",
    "south korea": "KR", "korea": "KR", "republic of korea": "KR", "czechia": "CZ",
    "czech republic": "CZ", "holland": "NL", "russian federation": "RU",
}
"""Country names addresses use besides tzdata's own (iso3166.tab)."""
NOT_COUNTRIES = frozenset({"georgia", "lebanon", "jersey"})
"""Country names that an address's last part more often means as a US state or town."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One circuit: its common English name, other names, place and IANA zone."""

    name: str
    aliases: tuple[str, ...]
    city: str
    country: str
    lat: float
    lon: float
    tz: str
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """The name first, then every other name."""
        return (self.name, *self.aliases)


class Gazetteer:
    """Circuits looked up by name (exact, loose, prefix) or by place."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self.conflicts: dict[str, set[str]] = {}
        """Normalised names that two circuits claim (the first keeps it); the data has none."""
        self._exact: dict[str, GazetteerEntry] = {}
        loose: dict[str, set[str]] = {}
        by_name = {e.name: e for e in self.entries}
        for entry in self.entries:
            for name in entry.names:
                key = normalise(name)
                if key:
                    self._claim(key, entry)
                    loose.setdefault(_loose(key), set()).add(entry.name)
        self._loose = {
            key: by_name[next(iter(names))]
            for key, names in loose.items()
            if key and len(names) == 1 and key not in self._exact
        }

    def _claim(self, key: str, entry: GazetteerEntry) -> None:
        owner = self._exact.setdefault(key, entry)
        if owner.name != entry.name:
            self.conflicts.setdefault(key, {owner.name}).add(entry.name)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries)

    def lookup(self, location: str | None) -> GazetteerEntry | None:
        """The circuit ``location`` names: whole text or a part of it, exactly, then loosely,
        then by the longest known name it starts with; None when none fits."""
        if not location:
            return None
        parts = location_parts(location)
        keys = [k for k in dict.fromkeys(normalise(p) for p in parts) if k]
        country = _countries().get(normalise(parts[-1])) if len(parts) > 2 else None
        finders = (self._exact.get, lambda k: self._loose.get(_loose(k)), self._by_prefix)
        for find in finders:
            for key in keys:
                found = find(key)
                if found is not None and country in (None, found.country):
                    return found
        return None

    def _by_prefix(self, key: str) -> GazetteerEntry | None:
        words = key.split()
        for n in range(len(words) - 1, 0, -1):
            found = self._exact.get(" ".join(words[:n]))
            if found is not None:
                rest = set(words[n:])
                return None if rest & VENUE_WORDS else found
        return None

    def near(self, lat: float, lon: float, km: float = NEAR_KM) -> GazetteerEntry | None:
        """The circuit nearest to (lat, lon) if it is within ``km``, else None."""
        span_lat = km / 111.0
        span_lon = km / max(1.0, 111.32 * cos(radians(lat)))
        best: tuple[float, GazetteerEntry] | None = None
        for entry in self.entries:
            if abs(entry.lat - lat) > span_lat or abs(entry.lon - lon) > span_lon:
                continue
            d = distance_km(lat, lon, entry.lat, entry.lon)
            if d <= km and (best is None or d < best[0]):
                best = (d, entry)
        return best[1] if best else None


@cache
def _countries() -> dict[str, str]:
    """Normalised country names to ISO codes: tzdata's names ("Bosnia & Herzegovina" also as
    "Bosnia", "Korea (South)" also as "Korea"), then the usual others."""
    text = (resources.files("tzdata") / "zoneinfo" / "iso3166.tab").read_text(encoding="utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        code, _, name = line.partition("\t")
        if line.startswith("#") or not name:
            continue
        plain = re.sub(r"\s*\(.*?\)", "", name)
        for variant in (name, plain, *plain.split("&")):
            key = normalise(variant)
            if key and key not in NOT_COUNTRIES:
                names.setdefault(key, code.strip())
    names.update((normalise(n), c) for n, c in COUNTRY_NAMES.items())
    return names


def _loose(key: str) -> str:
    return " ".join(w for w in key.split() if w not in LOOSE_WORDS)


def parse_gazetteer(text: str) -> Gazetteer:
    """A gazetteer from CSV text with the columns of ``COLUMNS`` (aliases ';'-separated)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"the circuit gazetteer lacks the column(s) {', '.join(missing)}")
    return Gazetteer(_entry(row) for row in reader)


def _entry(row: dict[str, str]) -> GazetteerEntry:
    aliases = tuple(dict.fromkeys(a.strip() for a in row["aliases"].split(";") if a.strip()))
    return GazetteerEntry(
        name=row["circuit"].strip(),
        aliases=aliases,
        city=row["city"].strip(),
        country=row["country"].strip().upper(),
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        tz=row["tz"].strip(),
        source=row["source"].strip(),
    )


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer shipped with the app, read on first use and kept."""
    text = (resources.files(GAZETTEER_PACKAGE) / GAZETTEER_FILE).read_text(encoding="utf-8")
    return parse_gazetteer(text)


@lru_cache(maxsize=4096)
def lookup(location: str | None) -> GazetteerEntry | None:
    """The shipped gazetteer's circuit that ``location`` names, else None (kept per text: a
    feed repeats its LOCATIONs)."""
    return gazetteer().lookup(location)


def near(lat: float, lon: float, km: float = NEAR_KM) -> GazetteerEntry | None:
    """The shipped gazetteer's circuit nearest to (lat, lon) within ``km``, else None."""
    return gazetteer().near(lat, lon, km)
