"""Line-up rules and drivers' documents, checked like clashes (DESIGN.md, normative).

A rule of a series and car class bounds, in every car of that class at every meeting, how many of
the drivers entered there have one of its categories. Every rule of the car's class applies; each
breached rule is its own finding; a car without a class, a car with nobody entered at a meeting and
a cancelled meeting give none. A driver with no category counts in no set; a driver counts once per
car. A document that expires before the last day of a meeting its driver is entered at is a finding
of severity "clash"; one still valid then but expiring within 30 days of the meeting's first day is
a "warning" (once per driver, document and meeting, however many cars).

Usage (the UI keeps one engine per open season, like the clash engine)::

    engine = LineupEngine(season)
    engine.check_all()                    # every LineupBreach, in DESIGN's order
    engine.check_car(car_id)              # one car's breaches, by meeting (fast: every edit)
    engine.check_documents()              # every DocumentFinding, by driver then meeting start
    touched = engine.replace_assignments(driver_id, assignments)  # a drag: the cars it touched
    touched = engine.update_season(season, cars={...}, drivers={...}, meetings={...})
    engine.breaches_with(car_id, meeting_id, driver_ids)  # a car's breaches with those drivers

``update_season`` returns the ids of the cars whose breaches may differ: those named, the cars of
the drivers named (a category changed) and of the series of the meetings named; with no argument
named it re-indexes everything (rules, classes or several tables changed). The findings, their
sentences and orders live in :mod:`~paddock_desk.domain.lineup_findings` (re-exported here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from paddock_desk.domain.clashes import paused_gc
from paddock_desk.domain.lineup_findings import (
    CATEGORIES,
    WARNING_DAYS,
    DocumentFinding,
    LineupBreach,
    breach_sentence,
    breaks,
    categories_text,
    category_named,
    closest_category,
    counts,
    document_sentence,
    document_severity,
    meeting_key,
    number_key,
    rule_key,
)
from paddock_desk.domain.model import Assignment, Car, Document, Driver, LineupRule, Meeting, Season

__all__ = [
    "CATEGORIES", "WARNING_DAYS", "DocumentFinding", "LineupBreach", "LineupEngine",
    "breach_sentence", "breaks", "categories_text", "category_named", "closest_category",
    "counts", "document_sentence", "document_severity", "meeting_key", "number_key", "rule_key",
]


class _Entries:
    """Who is entered in one car: for every round, and for some rounds only."""

    __slots__ = ("always", "by_round", "base", "crews")

    def __init__(self) -> None:
        self.always: set[int] = set()
        self.by_round: dict[str, set[int]] = {}
        self.base: frozenset[int] = frozenset()
        self.crews: dict[str, frozenset[int]] = {}

    def add(self, assignment: Assignment) -> None:
        driver_id = assignment.driver_id
        if assignment.rounds is None:
            self.always.add(driver_id)
            return
        by_round = self.by_round
        for label in assignment.rounds:
            crew = by_round.get(label)
            if crew is None:
                by_round[label] = {driver_id}
            else:
                crew.add(driver_id)

    def at(self, round_label: str) -> set[int]:
        extra = self.by_round.get(round_label)
        return self.always | extra if extra else self.always

    def settle(self) -> None:
        """Keep the crews: the drivers of a round no line-up names, and those of each round
        named (after the last ``add``)."""
        self.base = base = frozenset(self.always)
        self.crews = {label: base | extra for label, extra in self.by_round.items()}


class LineupEngine:
    """Line-up rule breaches and document findings of a :class:`Season`, indexed per car."""

    def __init__(self, season: Season) -> None:
        self.season = season
        self._rules: dict[tuple[str, str], list[LineupRule]] = {}
        self._meetings: dict[str, list[Meeting]] = {}
        self._keys: dict[int, tuple[int, str, str]] = {}
        self._days: dict[int, tuple[int, int]] = {}
        self._latest_day: dict[str, int] = {}
        self._verdicts: dict[tuple[object, ...], list[int]] = {}
        self._shapes: dict[int, tuple[tuple[str, int, int], ...]] = {}
        self._entries: dict[int, _Entries] = {}
        self._of_driver: dict[int, list[Assignment]] = {}
        self._of_car: dict[int, dict[int, Assignment]] = {}
        self._reindex()

    # -- checking ------------------------------------------------------------------------

    def check_all(self) -> list[LineupBreach]:
        """Every breach: by series, meeting start, team, car, then rule (built in that order:
        cars are visited by team and number, their breaches come by meeting and rule)."""
        cars: dict[str, list[Car]] = defaultdict(list)
        for car_id in self._entries:
            car = self.season.cars[car_id]
            if car.car_class is not None and (car.series, car.car_class) in self._rules:
                cars[car.series].append(car)
        found: list[LineupBreach] = []
        with paused_gc():
            for series in sorted(cars):
                by_meeting: dict[int, list[LineupBreach]] = {}
                for car in sorted(cars[series], key=_car_order):
                    for breach in self.check_car(car.id):
                        by_meeting.setdefault(breach.meeting.id, []).append(breach)
                for meeting in self._meetings.get(series, ()):
                    found.extend(by_meeting.get(meeting.id, ()))
        return found

    def check_car(self, car_id: int) -> list[LineupBreach]:
        """One car's breaches, by meeting start, then rule."""
        car = self.season.cars.get(car_id)
        entries = self._entries.get(car_id)
        if car is None or car.car_class is None or entries is None:
            return []
        rules = self._rules.get((car.series, car.car_class))
        if not rules:
            return []
        found: list[LineupBreach] = []
        base, by_round = entries.base, entries.crews
        seen = {ids: self._judge(rules, ids) for ids in {base, *by_round.values()} if ids}
        if not any(broken for _drivers, broken in seen.values()):
            return found
        for meeting in self._meetings.get(car.series, ()):
            ids = by_round.get(meeting.round, base)
            if not ids:
                continue
            drivers, broken = seen[ids]
            for rule, counted in broken:
                found.append(LineupBreach(car, meeting, rule, drivers, counted))
        return found

    def _judge(
        self, rules: list[LineupRule], ids: frozenset[int]
    ) -> tuple[tuple[Driver, ...], Broken]:
        """The drivers ``ids`` by name and the rules they break (sorted only when some do).

        Whether a crew breaks a rule depends only on its categories: the verdict is kept per
        class and categories of the crew (a handful of combinations at world scale)."""
        table = self.season.drivers
        unsorted = [table[i] for i in ids if i in table]
        crew = (self._shapes[id(rules)], *sorted([d.category or "" for d in unsorted]))
        verdict = self._verdicts.get(crew)
        if verdict is None:
            broken = {id(r) for r, _n in _broken(rules, tuple(unsorted))}
            verdict = self._verdicts[crew] = [i for i, r in enumerate(rules) if id(r) in broken]
        if not verdict:
            return (), []
        drivers = tuple(sorted(unsorted, key=_by_name))
        chosen = [rules[i] for i in verdict]
        counted = [tuple(d for d in drivers if d.category in r.categories) for r in chosen]
        return drivers, list(zip(chosen, counted, strict=True))

    def breaches_with(
        self, car_id: int, meeting_id: int, driver_ids: Iterable[int]
    ) -> list[LineupBreach]:
        """The breaches the car would have at the meeting with exactly ``driver_ids`` in it."""
        car = self.season.cars.get(car_id)
        meeting = self.season.meetings.get(meeting_id)
        if car is None or meeting is None or meeting.cancelled or car.car_class is None:
            return []
        rules = self._rules.get((car.series, car.car_class), [])
        drivers = self._drivers(set(driver_ids))
        if not drivers:
            return []
        return [LineupBreach(car, meeting, r, drivers, c) for r, c in _broken(rules, drivers)]

    def rules_of(self, car: Car) -> list[LineupRule]:
        """The rules that apply to ``car`` (none for a car without a class)."""
        if car.car_class is None:
            return []
        return list(self._rules.get((car.series, car.car_class), ()))

    def entered(self, car_id: int, meeting: Meeting) -> set[int]:
        """Ids of the drivers entered in the car at the meeting."""
        entries = self._entries.get(car_id)
        return set(entries.at(meeting.round)) if entries else set()

    def check_documents(self, driver_ids: Iterable[int] | None = None) -> list[DocumentFinding]:
        """Document findings (of the named drivers, else all): by driver, meeting start, name."""
        by_driver: dict[int, list[Document]] = defaultdict(list)
        chosen = None if driver_ids is None else set(driver_ids)
        for document in self.season.documents.values():
            if chosen is None or document.driver_id in chosen:
                by_driver[document.driver_id].append(document)
        drivers = [self.season.drivers[i] for i in by_driver if i in self.season.drivers]
        found: list[DocumentFinding] = []
        with paused_gc():
            for driver in sorted(drivers, key=_by_name):
                documents = sorted(by_driver[driver.id], key=lambda d: (d.name, d.id))
                found.extend(self._driver_documents(driver, documents))
        return found

    def meetings_of(self, driver_id: int) -> list[Meeting]:
        """The meetings (not cancelled) the driver is entered at, by start."""
        found: dict[int, Meeting] = {}
        for assignment in self._of_driver.get(driver_id, ()):
            car = self.season.cars.get(assignment.car_id)
            meetings = self._meetings.get(car.series, ()) if car else ()
            rounds = assignment.rounds
            for meeting in meetings:
                if rounds is None or meeting.round in rounds:
                    found[meeting.id] = meeting
        if len(found) < 2:
            return list(found.values())
        keys = self._keys
        return sorted(found.values(), key=lambda m: keys[m.id])

    def _driver_documents(
        self, driver: Driver, documents: list[Document]
    ) -> list[DocumentFinding]:
        found: list[DocumentFinding] = []
        expiry = [(d, d.expires.toordinal()) for d in documents]
        if min(e for _d, e in expiry) > self._latest(driver.id):
            return found  # valid, and not expiring soon, at every meeting the driver can race
        days = self._days
        for meeting in self.meetings_of(driver.id):
            first, last = days[meeting.id]
            for document, expires in expiry:
                if expires < last:
                    found.append(DocumentFinding(driver, document, meeting, "clash"))
                elif expires - first <= WARNING_DAYS:
                    found.append(DocumentFinding(driver, document, meeting, "warning"))
        return found

    def _latest(self, driver_id: int) -> int:
        """A day after which no document of the driver can be a finding: the latest first day
        plus 30, or last day, of the meetings of the driver's series (ordinals)."""
        latest = self._latest_day
        series = {self.season.cars[a.car_id].series for a in self._of_driver.get(driver_id, ())
                  if a.car_id in self.season.cars}
        return max((latest[s] for s in series if s in latest), default=-1)

    # -- updates -------------------------------------------------------------------------

    def replace_assignments(self, driver_id: int, assignments: Iterable[Assignment]) -> set[int]:
        """Make ``assignments`` the driver's whole line-up; returns the cars it touched."""
        table = self.season.assignments
        touched: set[int] = set()
        for old in self._of_driver.pop(driver_id, []):
            table.pop(old.id, None)
            self._of_car.get(old.car_id, {}).pop(old.id, None)
            touched.add(old.car_id)
        for assignment in assignments:
            table[assignment.id] = assignment
            self._add(assignment)
            touched.add(assignment.car_id)
        for car_id in touched:
            self._index_car(car_id)
        return touched

    def update_season(
        self,
        season: Season,
        cars: Iterable[int] | None = None,
        drivers: Iterable[int] | None = None,
        meetings: Iterable[int] | None = None,
    ) -> set[int]:
        """Take ``season`` as the new state; returns the cars whose breaches may differ."""
        if cars is None and drivers is None and meetings is None:
            self.season = season
            self._reindex()
            return set(season.cars)
        touched = set(cars or ())
        for driver_id in drivers or ():
            touched |= self.cars_of(driver_id)
        meeting_ids = set(meetings or ())
        series = {m.series for mid in meeting_ids if (m := self.season.meetings.get(mid))}
        self.season = season
        series |= {m.series for mid in meeting_ids if (m := season.meetings.get(mid))}
        if series:
            self._index_meetings()
            touched |= {c.id for c in season.cars.values() if c.series in series}
        self._index_assignments()
        for driver_id in drivers or ():
            touched |= self.cars_of(driver_id)
        for car_id in touched:
            self._index_car(car_id)
        return touched

    def cars_of(self, driver_id: int) -> set[int]:
        """Ids of the cars the driver is entered in (for any round)."""
        return {a.car_id for a in self._of_driver.get(driver_id, ())}

    # -- indexing ------------------------------------------------------------------------

    def _reindex(self) -> None:
        with paused_gc():
            self._build()

    def _build(self) -> None:
        self._verdicts = {}
        rules: dict[tuple[str, str], list[LineupRule]] = defaultdict(list)
        for rule in self.season.lineup_rules.values():
            rules[(rule.series, rule.car_class)].append(rule)
        self._rules = {key: sorted(found, key=rule_key) for key, found in rules.items()}
        self._shapes = {id(found): tuple(map(rule_key, found)) for found in self._rules.values()}
        self._index_meetings()
        self._index_assignments()
        self._entries = {}
        for car_id in self._of_car:
            self._index_car(car_id)

    def _index_assignments(self) -> None:
        self._of_driver = defaultdict(list)
        self._of_car = defaultdict(dict)
        for assignment in self.season.assignments.values():
            self._add(assignment)

    def _add(self, assignment: Assignment) -> None:
        self._of_driver[assignment.driver_id].append(assignment)
        self._of_car[assignment.car_id][assignment.id] = assignment

    def _index_meetings(self) -> None:
        meetings: dict[str, list[Meeting]] = defaultdict(list)
        self._keys = {}
        self._days = {}
        for meeting in self.season.meetings.values():
            self._keys[meeting.id] = meeting_key(meeting)
            self._days[meeting.id] = (meeting.start_date.toordinal(), meeting.end_date.toordinal())
            if not meeting.cancelled:
                meetings[meeting.series].append(meeting)
        for found in meetings.values():
            found.sort(key=lambda m: self._keys[m.id])
        self._meetings = dict(meetings)
        self._latest_day = {
            series: max(max(self._days[m.id][0] + WARNING_DAYS, self._days[m.id][1])
                        for m in found)
            for series, found in meetings.items()
        }

    def _index_car(self, car_id: int) -> None:
        self._entries.pop(car_id, None)
        own = self._of_car.get(car_id)
        if car_id not in self.season.cars or not own:
            return
        entries = _Entries()
        for assignment in own.values():
            entries.add(assignment)
        entries.settle()
        self._entries[car_id] = entries

    def _drivers(self, ids: set[int]) -> tuple[Driver, ...]:
        table = self.season.drivers
        return tuple(sorted((table[i] for i in ids if i in table), key=_by_name))


def _car_order(car: Car) -> tuple[str, tuple[tuple[int, int | str], ...], int]:
    return (car.team, number_key(car.number), car.id)


Broken = list[tuple[LineupRule, tuple[Driver, ...]]]


def _by_name(driver: Driver) -> tuple[str, int]:
    return (driver.name, driver.id)


def _broken(rules: list[LineupRule], drivers: tuple[Driver, ...]) -> Broken:
    """The rules ``drivers`` (in one car at one meeting) break, each with those it counts."""
    found = []
    for rule in rules:
        wanted = rule.categories
        counted = tuple(d for d in drivers if d.category in wanted)
        if breaks(rule, len(counted)):
            found.append((rule, counted))
    return found
