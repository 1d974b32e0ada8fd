"""The further warnings: tight intercontinental turnarounds and too many weekends in a row."""

from __future__ import annotations

import json

import pytest
from test_clash_rules import CIRCUITS, SeasonBuilder, kinds, one_driver_two_meetings

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.model import Assignment, Circuit
from paddock_desk.domain.substitutes import find_seat, rank_substitutes
from paddock_desk.services.clashes import clashes_json

# Two circuits on the equator exactly 8,000 km apart: 4 h + 8,000 / 800 = 14.0 h to travel.
EAST_LON = 71.94572847349845


def equator_pair(zone: str) -> list[Clash]:
    """West (UTC) ends at 00:00 UTC on 7 May; East (zone) starts at local 00:00 on 9 May."""
    CIRCUITS["West"] = Circuit("West", "XX", 0.0, 0.0, "UTC")
    CIRCUITS["East"] = Circuit("East", "XX", 0.0, EAST_LON, zone)
    try:
        return one_driver_two_meetings(
            ("West", "2018-05-05", "2018-05-06"), ("East", "2018-05-09", "2018-05-09")
        )
    finally:
        del CIRCUITS["West"], CIRCUITS["East"]


def test_fuji_sunday_then_paul_ricard_tuesday_is_a_tight_turnaround() -> None:
    # Fuji's Sunday ends at 15:00 UTC; Paul Ricard's Tuesday starts at 22:00 UTC on Monday.
    found = one_driver_two_meetings(
        ("Fuji", "2018-05-05", "2018-05-06"), ("Paul Ricard", "2018-05-08", "2018-05-08")
    )
    assert [(c.kind, c.severity) for c in found] == [("tight_turnaround", "warning")]
    warning = found[0]
    assert warning.first.meeting.circuit.name == "Fuji"
    assert warning.hours == pytest.approx(31.0)
    assert warning.needed == pytest.approx(4 + warning.distance_km / 800)
    assert warning.message.startswith("Driver One: A round 1 (Fuji 1, Fuji, 5-6 May 2018) then ")
    assert warning.message.endswith(
        ": 10,068 km, needs 16.6 h to travel, has 31.0 h: less than a day to recover."
    )


def test_a_travel_clash_is_not_also_a_tight_turnaround() -> None:
    found = one_driver_two_meetings(
        ("Fuji", "2018-05-05", "2018-05-06"), ("Paul Ricard", "2018-05-07", "2018-05-07")
    )
    assert [(c.kind, c.severity) for c in found] == [("travel", "clash")]


def test_a_gap_of_exactly_travel_time_plus_a_day_is_no_warning() -> None:
    assert equator_pair("Etc/GMT-10") == []  # 38.0 h = 14.0 h + 24 h


def test_an_hour_less_than_travel_time_plus_a_day_is_a_warning() -> None:
    found = equator_pair("Etc/GMT-11")  # 37.0 h
    assert kinds(found) == ["tight_turnaround"]
    assert "8,000 km, needs 14.0 h to travel, has 37.0 h" in found[0].message


def test_a_short_trip_leaves_no_warning_however_tight() -> None:
    # Paul Ricard to Silverstone (about 1,000 km) with 23 h between them: no flight to recover from.
    found = one_driver_two_meetings(
        ("Paul Ricard", "2018-05-05", "2018-05-06"), ("Silverstone", "2018-05-08", "2018-05-08")
    )
    assert found == []


def test_only_consecutive_commitments_make_a_turnaround() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Fuji", "2018-05-05", "2018-05-06")
    build.meeting("B", "1", "Fuji", "2018-05-07", "2018-05-07")  # a test day at Fuji between
    build.meeting("C", "1", "Paul Ricard", "2018-05-09", "2018-05-09")
    driver = build.driver("Driver One")
    for series in "ABC":
        build.enter(driver, series)
    found = build.clashes()
    assert [(c.kind, c.first.meeting.series, c.second.meeting.series) for c in found] == [
        ("tight_turnaround", "B", "C")
    ]


def weekends_season(*meetings: tuple[str, str, str], cancelled: int | None = None) -> SeasonBuilder:
    """One driver in series S with one meeting per (circuit, start, end); ``cancelled`` by index."""
    build = SeasonBuilder()
    for number, (circuit, start, end) in enumerate(meetings, start=1):
        build.meeting("S", str(number), circuit, start, end, cancelled=number - 1 == cancelled)
    build.enter(build.driver("Driver One"), "S")
    return build


# Four consecutive weekends of European meetings, Friday to Sunday.
FOUR = [
    ("Spa", "2018-05-04", "2018-05-06"),
    ("Monza", "2018-05-11", "2018-05-13"),
    ("Silverstone", "2018-05-18", "2018-05-20"),
    ("Nurburgring", "2018-05-25", "2018-05-27"),
]


def test_three_weekends_in_a_row_is_no_warning() -> None:
    assert weekends_season(*FOUR[:3]).clashes() == []


def test_four_weekends_in_a_row_is_one_warning_from_the_first_meeting_to_the_last() -> None:
    found = weekends_season(*FOUR).clashes()
    assert [(c.kind, c.severity) for c in found] == [("weekends_in_a_row", "warning")]
    warning = found[0]
    assert (warning.first.meeting.round, warning.second.meeting.round) == ("1", "4")
    assert warning.weekends == 4
    assert warning.message == (
        "Driver One races 4 weekends in a row, from S round 1 (Spa 1, Spa, 4-6 May 2018) "
        "to S round 4 (Nurburgring 4, Nurburgring, 25-27 May 2018)."
    )


def test_a_cancelled_meeting_breaks_the_run() -> None:
    assert weekends_season(*FOUR, cancelled=1).clashes() == []


def test_a_free_weekend_splits_two_runs() -> None:
    later = [("Spa", "2018-06-08", "2018-06-10"), ("Monza", "2018-06-15", "2018-06-17"),
             ("Spa", "2018-06-22", "2018-06-24"), ("Monza", "2018-06-29", "2018-07-01")]
    found = weekends_season(*FOUR, *later).clashes()  # 2-3 June free
    assert [(c.first.meeting.round, c.second.meeting.round) for c in found] == [
        ("1", "4"), ("5", "8")
    ]


def test_a_midweek_meeting_does_not_fill_a_weekend() -> None:
    midweek = ("Silverstone", "2018-05-14", "2018-05-17")  # Monday to Thursday
    found = weekends_season(FOUR[0], midweek, *FOUR[2:]).clashes()
    assert found == []


# Weekends across the date line: local dates count, not UTC ones.
DATE_LINE = [
    ("Pukekohe", "2018-05-05", "2018-05-06"),
    ("Hawaii Raceway", "2018-05-12", "2018-05-13"),
    ("Pukekohe", "2018-05-19", "2018-05-19"),
]


def test_weekends_either_side_of_the_date_line_are_each_local() -> None:
    found = weekends_season(*DATE_LINE, ("Hawaii Raceway", "2018-05-27", "2018-05-27")).clashes()
    assert kinds(found) == ["weekends_in_a_row"]
    assert found[0].weekends == 4


def test_a_hawaii_friday_is_no_weekend_though_it_is_saturday_in_utc() -> None:
    # Friday 25 May in Honolulu runs 10:00 UTC Friday to 10:00 UTC Saturday.
    found = weekends_season(*DATE_LINE, ("Hawaii Raceway", "2018-05-25", "2018-05-25")).clashes()
    assert found == []


def test_an_auckland_monday_is_no_weekend_though_it_is_sunday_in_utc() -> None:
    # Monday 28 May at Pukekohe starts at 12:00 UTC on Sunday 27 May.
    found = weekends_season(*DATE_LINE, ("Pukekohe", "2018-05-28", "2018-05-28")).clashes()
    assert found == []


def test_a_long_meeting_fills_every_weekend_it_spans() -> None:
    found = weekends_season(FOUR[0], ("Monza", "2018-05-12", "2018-05-20"), FOUR[3]).clashes()
    assert [(c.kind, c.weekends) for c in found] == [("weekends_in_a_row", 4)]


def test_re_checking_a_driver_finds_the_run_a_new_seat_completes() -> None:
    build = SeasonBuilder()
    for number, (circuit, start, end) in enumerate(FOUR, start=1):
        series = "Gap" if number == 2 else "S"
        build.meeting(series, str(number), circuit, start, end)
    driver = build.driver("Driver One")
    own = build.enter(driver, "S")
    gap_car = build.car("Gap")
    engine = ClashEngine(build.season)
    assert engine.check_driver(driver.id) == []
    gap_meeting = next(m for m in build.season.meetings.values() if m.series == "Gap")
    gained = engine.clashes_if_entered(driver.id, gap_meeting.id)
    assert [(c.kind, c.severity) for c in gained] == [("weekends_in_a_row", "warning")]
    # A warning never keeps a driver from being a substitute.
    seat = find_seat(build.season, "Gap", "2")
    assert [s.driver for s in rank_substitutes(engine, seat)] == ["Driver One"]
    engine.replace_assignments(driver.id, [own, Assignment(999, driver.id, gap_car.id, None)])
    assert kinds(engine.check_driver(driver.id)) == ["weekends_in_a_row"]


def test_warnings_in_the_json_name_both_meetings_in_order() -> None:
    build = weekends_season(*FOUR, ("Fuji", "2018-05-29", "2018-05-29"))
    objects = json.loads(clashes_json(build.clashes()))
    assert [(o["kind"], o["severity"]) for o in objects] == [
        ("weekends_in_a_row", "warning"), ("tight_turnaround", "warning")
    ]
    run = objects[0]
    assert set(run) == {"driver", "kind", "severity", "first", "second", "message"}
    assert run["first"] == {
        "series": "S", "round": "1", "event": "Spa 1", "circuit": "Spa",
        "start": "2018-05-04T00:00:00+02:00", "end": "2018-05-07T00:00:00+02:00",
    }
    assert run["second"]["round"] == "4"
    assert objects[1]["first"]["round"] == "4" and objects[1]["second"]["circuit"] == "Fuji"
