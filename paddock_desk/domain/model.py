"""The season as the clash engine sees it: plain, immutable values, no database, no Qt.

Instants are timezone-aware datetimes (UTC where stored); meeting dates are local dates of the
circuit's IANA zone; unavailability dates are local dates of the driver's home zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

ALL_ROUNDS: frozenset[str] | None = None
"""The rounds of an assignment that enters a driver for every round of the series."""


@cache
def zone(name: str | None) -> ZoneInfo:
    """The IANA zone called ``name`` (UTC when None or empty), cached."""
    return ZoneInfo(name or "UTC")


def local_midnight(day: date, tz: str | None) -> datetime:
    """The first instant of ``day`` in zone ``tz``, as an aware datetime in that zone."""
    return datetime.combine(day, time(0), tzinfo=zone(tz))


@dataclass(frozen=True, slots=True)
class Circuit:
    name: str
    country: str
    lat: float
    lon: float
    tz: str


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str | None = None
    arrival_days: int = 0


@dataclass(frozen=True, slots=True)
class Meeting:
    """One round of a series at one circuit over a range of local dates (both inclusive)."""

    id: int
    series: str
    round: str
    name: str
    circuit: Circuit
    start_date: date
    end_date: date
    cancelled: bool = False

    def occupied(self, arrival_days: int = 0) -> tuple[datetime, datetime]:
        """The half-open interval [start, end) the meeting occupies a driver, in UTC.

        It runs from 00:00 of the first local day (less the series' arrival days) to 00:00 of
        the local day after the last day, at the circuit.
        """
        first = self.start_date - timedelta(days=arrival_days)
        after_last = self.end_date + timedelta(days=1)
        start = local_midnight(first, self.circuit.tz).astimezone(UTC)
        end = local_midnight(after_last, self.circuit.tz).astimezone(UTC)
        return start, end


@dataclass(frozen=True, slots=True)
class Session:
    """A timed part of a meeting; ``start`` and ``end`` are aware instants.

    ``status`` is ``scheduled`` or ``cancelled``: a cancelled session is kept, and exported (as
    every session of a cancelled meeting is) with STATUS:CANCELLED.
    """

    id: int
    meeting_id: int
    name: str
    start: datetime
    end: datetime
    status: str = "scheduled"

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True, slots=True)
class Driver:
    id: int
    name: str
    nationality: str = ""
    home_tz: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Team:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Car:
    """A team's car number in a series (an entry), optionally with a class."""

    id: int
    series: str
    team: str
    number: str
    car_class: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """A driver in a car for some rounds of the car's series (``rounds`` None: every round)."""

    id: int
    driver_id: int
    car_id: int
    rounds: frozenset[str] | None = ALL_ROUNDS

    def covers(self, round_label: str) -> bool:
        return self.rounds is None or round_label in self.rounds


@dataclass(frozen=True, slots=True)
class Unavailability:
    """Whole days (local to the driver's home zone) when a driver cannot race.

    With ``rrule`` (an RFC 5545 RRULE value) the block repeats: each occurrence starts on a date
    the rule gives from ``start_date`` and lasts as many days as ``start_date..end_date``.
    """

    id: int
    driver_id: int
    start_date: date
    end_date: date
    reason: str = ""
    rrule: str | None = None


@dataclass(frozen=True, slots=True)
class LineupRule:
    """In every car of ``car_class`` in ``series``, at every meeting, the drivers entered whose
    category is one of ``categories`` number at least ``min_count`` and at most ``max_count``
    (None: no bound)."""

    id: int
    series: str
    car_class: str
    categories: frozenset[str]
    min_count: int | None = None
    max_count: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A driver's licence, medical, visa or other document, valid up to ``expires`` (local)."""

    id: int
    driver_id: int
    name: str
    expires: date


@dataclass(slots=True)
class Season:
    """Everything the engine needs, keyed by name or id as the domain words name them."""

    circuits: dict[str, Circuit] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    meetings: dict[int, Meeting] = field(default_factory=dict)
    sessions: dict[int, Session] = field(default_factory=dict)
    drivers: dict[int, Driver] = field(default_factory=dict)
    teams: dict[int, Team] = field(default_factory=dict)
    cars: dict[int, Car] = field(default_factory=dict)
    assignments: dict[int, Assignment] = field(default_factory=dict)
    unavailability: dict[int, Unavailability] = field(default_factory=dict)
    lineup_rules: dict[int, LineupRule] = field(default_factory=dict)
    documents: dict[int, Document] = field(default_factory=dict)

    def arrival_days(self, series_name: str) -> int:
        s = self.series.get(series_name)
        return s.arrival_days if s else 0

    def driver_named(self, name: str) -> Driver | None:
        for d in self.drivers.values():
            if d.name == name:
                return d
        return None
