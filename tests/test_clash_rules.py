"""Each clash rule of DESIGN.md on hand-built seasons, with time-zone edges.

Also holds :class:`SeasonBuilder`, which the other clash tests import.
"""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from paddock_desk.domain.clashes import Clash, ClashEngine
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

CIRCUITS = {
    "Sepang": Circuit("Sepang", "MY", 2.760556, 101.7375, "Asia/Kuala_Lumpur"),
    "Paul Ricard": Circuit("Paul Ricard", "FR", 43.250556, 5.791667, "Europe/Paris"),
    "Silverstone": Circuit("Silverstone", "GB", 52.078611, -1.016944, "Europe/London"),
    "Spa": Circuit("Spa", "BE", 50.437222, 5.971389, "Europe/Brussels"),
    "Spa Karting": Circuit("Spa Karting", "BE", 50.437222, 5.971389, "Europe/Brussels"),
    "Monza": Circuit("Monza", "IT", 45.620556, 9.289444, "Europe/Rome"),
    "Nurburgring": Circuit("Nurburgring", "DE", 50.335556, 6.9475, "Europe/Berlin"),
    "Fuji": Circuit("Fuji", "JP", 35.371667, 138.926667, "Asia/Tokyo"),
    "Pukekohe": Circuit("Pukekohe", "NZ", -37.2167, 174.9167, "Pacific/Auckland"),
    "Hawaii Raceway": Circuit("Hawaii Raceway", "US", 21.33, -158.09, "Pacific/Honolulu"),
}


class SeasonBuilder:
    """A season built in a few readable lines: circuits by short name, dates as ISO text."""

    def __init__(self) -> None:
        self.season = Season(circuits=dict(CIRCUITS))
        self._ids = count(1)
        self._cars: dict[tuple[str, str, str], Car] = {}

    def series(self, name: str, arrival_days: int = 0) -> Series:
        series = Series(name, None, arrival_days)
        self.season.series[name] = series
        return series

    def meeting(
        self, series: str, rnd: str, circuit: str, start: str, end: str | None = None,
        *, cancelled: bool = False, name: str = "",
    ) -> Meeting:
        if series not in self.season.series:
            self.series(series)
        meeting = Meeting(
            next(self._ids), series, rnd, name or f"{circuit} {rnd}", CIRCUITS[circuit],
            date.fromisoformat(start), date.fromisoformat(end or start), cancelled,
        )
        self.season.meetings[meeting.id] = meeting
        return meeting

    def driver(self, name: str, home_tz: str | None = None) -> Driver:
        driver = Driver(next(self._ids), name, "", home_tz)
        self.season.drivers[driver.id] = driver
        return driver

    def car(self, series: str, team: str = "Team", number: str = "1") -> Car:
        key = (series, team, number)
        if key not in self._cars:
            car = Car(next(self._ids), series, team, number)
            self._cars[key] = car
            self.season.cars[car.id] = car
        return self._cars[key]

    def enter(
        self, driver: Driver, series: str, rounds: str | None = None, *, team: str = "Team",
        number: str = "1",
    ) -> Assignment:
        car = self.car(series, team, number)
        wanted = None if rounds is None else frozenset(rounds.split(";"))
        assignment = Assignment(next(self._ids), driver.id, car.id, wanted)
        self.season.assignments[assignment.id] = assignment
        return assignment

    def unavailable(
        self, driver: Driver, start: str, end: str | None = None, reason: str = "holiday",
        rrule: str | None = None,
    ) -> Unavailability:
        block = Unavailability(
            next(self._ids), driver.id, date.fromisoformat(start),
            date.fromisoformat(end or start), reason, rrule,
        )
        self.season.unavailability[block.id] = block
        return block

    def clashes(self) -> list[Clash]:
        return ClashEngine(self.season).check_all()


def kinds(clashes: list[Clash]) -> list[str]:
    return [c.kind for c in clashes]


def one_driver_two_meetings(a: tuple[str, str, str], b: tuple[str, str, str]) -> list[Clash]:
    """A driver entered at meeting a (series A) and meeting b (series B): (circuit, start, end)."""
    build = SeasonBuilder()
    build.meeting("A", "1", *a)
    build.meeting("B", "1", *b)
    driver = build.driver("Driver One")
    build.enter(driver, "A")
    build.enter(driver, "B")
    return build.clashes()


def test_sunday_at_sepang_then_monday_at_paul_ricard_is_a_travel_clash() -> None:
    # Sepang's Sunday ends at 16:00 UTC, Paul Ricard's Monday starts at 22:00 UTC: 6 h apart.
    found = one_driver_two_meetings(
        ("Sepang", "2018-04-14", "2018-04-15"), ("Paul Ricard", "2018-04-16", "2018-04-16")
    )
    assert kinds(found) == ["travel"]
    clash = found[0]
    assert clash.severity == "clash"
    assert clash.first.meeting.circuit.name == "Sepang"
    assert clash.hours == pytest.approx(6.0)
    assert clash.distance_km == pytest.approx(10_220, abs=60)
    assert clash.needed == pytest.approx(4 + clash.distance_km / 800)
    assert "has 6.0 h" in clash.message
    assert f"needs {clash.needed:.1f} h to travel {clash.distance_km:,.0f} km" in clash.message
    assert "14-15 Apr 2018" in clash.message and "16 Apr 2018" in clash.message


def test_sunday_at_paul_ricard_overlaps_monday_at_sepang() -> None:
    # Sepang's Monday starts at 16:00 UTC on Sunday, while Paul Ricard's Sunday runs to 22:00.
    found = one_driver_two_meetings(
        ("Paul Ricard", "2018-04-14", "2018-04-15"), ("Sepang", "2018-04-16", "2018-04-16")
    )
    assert kinds(found) == ["overlap"]
    assert found[0].first.meeting.circuit.name == "Paul Ricard"
    assert found[0].hours == pytest.approx(6.0)
    assert found[0].message.endswith("by 6.0 h.")


def test_half_open_intervals_at_two_circuits_in_one_place() -> None:
    # Two circuits at the same spot need no travel; ending at midnight is not overlapping.
    back_to_back = one_driver_two_meetings(
        ("Spa", "2018-06-02", "2018-06-03"), ("Spa Karting", "2018-06-04", "2018-06-05")
    )
    assert back_to_back == []
    sharing_sunday = one_driver_two_meetings(
        ("Spa", "2018-06-02", "2018-06-03"), ("Spa Karting", "2018-06-03", "2018-06-05")
    )
    assert kinds(sharing_sunday) == ["overlap"]
    assert sharing_sunday[0].hours == pytest.approx(24.0)


def test_back_to_back_at_nearby_circuits_needs_the_road_time() -> None:
    # Spa to the Nurburgring is about 70 km: 0.9 h by road, more than the 0 h between them.
    found = one_driver_two_meetings(
        ("Spa", "2018-06-02", "2018-06-03"), ("Nurburgring", "2018-06-04", "2018-06-04")
    )
    assert kinds(found) == ["travel"]
    assert found[0].needed == pytest.approx(found[0].distance_km / 80)
    assert found[0].hours == 0.0


def test_a_free_day_between_european_meetings_is_enough() -> None:
    found = one_driver_two_meetings(
        ("Spa", "2018-06-02", "2018-06-03"), ("Monza", "2018-06-05", "2018-06-06")
    )
    assert found == []


def test_dst_spring_forward_day_is_23_hours_and_counts_in_travel() -> None:
    # 25 Mar 2018: Paris and London move their clocks; the Paul Ricard day lasts 23 h, and
    # Silverstone's Monday starts one hour after it ends (22:00 UTC to 23:00 UTC).
    build = SeasonBuilder()
    ricard = build.meeting("A", "1", "Paul Ricard", "2018-03-25")
    build.meeting("B", "1", "Silverstone", "2018-03-26")
    driver = build.driver("Driver One")
    build.enter(driver, "A")
    build.enter(driver, "B")
    engine = ClashEngine(build.season)
    slot = engine.slot(ricard.id)
    assert slot is not None and slot.end - slot.start == 23 * 3600
    found = engine.check_all()
    assert kinds(found) == ["travel"]
    assert found[0].hours == pytest.approx(1.0)
    assert "has 1.0 h" in found[0].message


def test_dst_fall_back_day_is_25_hours() -> None:
    build = SeasonBuilder()
    ricard = build.meeting("A", "1", "Paul Ricard", "2018-10-28")
    slot = ClashEngine(build.season).slot(ricard.id)
    assert slot is not None and slot.end - slot.start == 25 * 3600


def test_across_the_date_line_auckland_sunday_overlaps_hawaii_sunday() -> None:
    # Auckland's Sunday ends at 12:00 UTC; Hawaii's Sunday starts at 10:00 UTC the same day.
    found = one_driver_two_meetings(
        ("Pukekohe", "2018-05-05", "2018-05-06"), ("Hawaii Raceway", "2018-05-06", "2018-05-06")
    )
    assert kinds(found) == ["overlap"]
    assert found[0].hours == pytest.approx(2.0)


def test_across_the_date_line_hawaii_monday_is_reachable_from_auckland() -> None:
    # 22 h between them; Auckland to Honolulu (about 7,100 km) takes about 12.9 h: no clash, but
    # less than a day to recover on landing (a warning).
    found = one_driver_two_meetings(
        ("Pukekohe", "2018-05-05", "2018-05-06"), ("Hawaii Raceway", "2018-05-07", "2018-05-07")
    )
    assert [(c.kind, c.severity) for c in found] == [("tight_turnaround", "warning")]


def test_across_the_date_line_hawaii_sunday_then_auckland_monday_overlap() -> None:
    found = one_driver_two_meetings(
        ("Hawaii Raceway", "2018-05-06", "2018-05-06"), ("Pukekohe", "2018-05-07", "2018-05-07")
    )
    # Hawaii's Sunday runs to 10:00 UTC on Monday; Auckland's Monday starts at 12:00 UTC Sunday.
    assert kinds(found) == ["overlap"]
    assert found[0].first.meeting.circuit.name == "Hawaii Raceway"
    assert found[0].hours == pytest.approx(22.0)


def test_arrival_days_widen_the_occupied_interval() -> None:
    def clashes_with_arrival(days: int) -> list[str]:
        build = SeasonBuilder()
        build.series("Early", arrival_days=days)
        build.meeting("A", "1", "Spa", "2018-06-07", "2018-06-08")
        build.meeting("Early", "1", "Monza", "2018-06-10", "2018-06-10")
        driver = build.driver("Driver One")
        build.enter(driver, "A")
        build.enter(driver, "Early")
        return kinds(build.clashes())

    assert clashes_with_arrival(0) == []
    assert clashes_with_arrival(1) == ["travel"]
    assert clashes_with_arrival(2) == ["overlap"]


def test_arrival_days_are_named_in_the_message() -> None:
    build = SeasonBuilder()
    build.series("Early", arrival_days=2)
    build.meeting("A", "1", "Spa", "2018-06-07", "2018-06-08")
    build.meeting("Early", "1", "Monza", "2018-06-10", "2018-06-10")
    driver = build.driver("Driver One")
    build.enter(driver, "A")
    build.enter(driver, "Early")
    assert "arriving 2 days before" in build.clashes()[0].message


def test_a_cancelled_meeting_occupies_no_one() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Paul Ricard", "2018-04-13", "2018-04-15")
    build.meeting("B", "1", "Sepang", "2018-04-14", "2018-04-15", cancelled=True)
    driver = build.driver("Driver One")
    build.enter(driver, "A")
    build.enter(driver, "B")
    assert build.clashes() == []


def test_two_rounds_of_one_series_at_different_circuits_are_compared() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Fuji", "2018-05-03", "2018-05-04")
    build.meeting("A", "2", "Monza", "2018-05-05", "2018-05-06")
    driver = build.driver("Driver One")
    build.enter(driver, "A")
    found = build.clashes()
    assert kinds(found) == ["travel"]
    assert "from Fuji to Monza" in found[0].message


def test_double_duty_is_a_warning_and_a_double_header_is_nothing() -> None:
    build = SeasonBuilder()
    build.meeting("Main", "1", "Spa", "2018-06-02", "2018-06-03")
    build.meeting("Main", "2", "Spa", "2018-06-03", "2018-06-04")
    build.meeting("Support", "1", "Spa", "2018-06-02", "2018-06-03")
    driver = build.driver("Driver One")
    build.enter(driver, "Main")
    build.enter(driver, "Support")
    found = build.clashes()
    assert sorted(kinds(found)) == ["double_duty", "double_duty"]
    assert {c.severity for c in found} == {"warning"}
    assert "double duty" in found[0].message


def test_two_cars_at_one_meeting_make_one_commitment() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Spa", "2018-06-02", "2018-06-03")
    driver = build.driver("Driver One")
    build.enter(driver, "A", number="7")
    build.enter(driver, "A", number="8")
    engine = ClashEngine(build.season)
    assert engine.check_all() == []
    [commitment] = engine.commitments(driver.id)
    assert sorted(c.number for c in commitment.cars) == ["7", "8"]


def test_rounds_limit_the_commitments() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Paul Ricard", "2018-04-13", "2018-04-15")
    build.meeting("A", "2", "Monza", "2018-05-12", "2018-05-13")
    build.meeting("B", "1", "Sepang", "2018-05-12", "2018-05-13")
    driver = build.driver("Driver One")
    build.enter(driver, "A", "1")
    build.enter(driver, "B")
    assert build.clashes() == []


def test_results_are_ordered_by_driver_name_then_start() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Paul Ricard", "2018-04-13", "2018-04-15")
    build.meeting("B", "1", "Sepang", "2018-04-14", "2018-04-15")
    build.meeting("A", "2", "Monza", "2018-05-12", "2018-05-13")
    build.meeting("B", "2", "Fuji", "2018-05-12", "2018-05-13")
    for name in ("Zoe Zed", "Adam Able"):
        driver = build.driver(name)
        build.enter(driver, "A")
        build.enter(driver, "B")
    found = build.clashes()
    assert [c.driver.name for c in found] == ["Adam Able"] * 2 + ["Zoe Zed"] * 2
    assert [c.first.meeting.round for c in found[:2]] == ["1", "2"]
    # Fuji's 12 May starts before Monza's: it comes first.
    assert found[1].first.meeting.series == "B"
