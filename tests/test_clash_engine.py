"""The engine's incremental API, as the app uses it: edits, then re-checks of touched drivers."""

from __future__ import annotations

import dataclasses
from datetime import date

from test_clash_rules import SeasonBuilder, kinds

from paddock_desk.domain.clash_reference import reference_clashes
from paddock_desk.domain.clashes import ClashEngine, check_drivers
from paddock_desk.domain.model import Assignment, Unavailability


def imperatori_like() -> tuple[SeasonBuilder, int, int]:
    build = SeasonBuilder()
    build.meeting("Asia", "1", "Sepang", "2018-04-14", "2018-04-15")
    build.meeting("Asia", "2", "Fuji", "2018-05-12", "2018-05-13")
    build.meeting("Europe", "1", "Paul Ricard", "2018-04-13", "2018-04-15")
    build.meeting("Europe", "2", "Monza", "2018-05-26", "2018-05-27")
    alex = build.driver("Alex")
    other = build.driver("Other")
    build.enter(alex, "Asia")
    build.enter(alex, "Europe", "1")
    build.enter(other, "Europe")
    return build, alex.id, other.id


def test_replacing_a_line_up_rechecks_that_driver() -> None:
    build, alex, _other = imperatori_like()
    engine = ClashEngine(build.season)
    assert kinds(engine.check_driver(alex)) == ["overlap"]
    asia_car = build.car("Asia")
    engine.replace_assignments(alex, [Assignment(900, alex, asia_car.id, frozenset({"2"}))])
    assert engine.check_driver(alex) == []
    assert 900 in engine.season.assignments
    assert {c.key() for c in engine.check_all()} == reference_clashes(engine.season)


def test_replacing_unavailability_rechecks_that_driver() -> None:
    build, alex, _other = imperatori_like()
    engine = ClashEngine(build.season)
    engine.replace_unavailability(
        alex, [Unavailability(901, alex, date(2018, 5, 12), date(2018, 5, 12), "wedding")]
    )
    assert sorted(kinds(engine.check_driver(alex))) == ["overlap", "unavailable"]
    engine.replace_unavailability(alex, [])
    assert kinds(engine.check_driver(alex)) == ["overlap"]


def test_moving_a_meeting_touches_the_drivers_of_its_series() -> None:
    build, alex, other = imperatori_like()
    engine = ClashEngine(build.season)
    season = build.season
    moved = next(m for m in season.meetings.values() if m.series == "Europe" and m.round == "1")
    season.meetings[moved.id] = dataclasses.replace(
        moved, start_date=date(2018, 4, 20), end_date=date(2018, 4, 22)
    )
    touched = engine.update_season(season, changed_meeting_ids={moved.id})
    assert touched == {alex, other}
    assert engine.check_driver(alex) == []
    assert {c.key() for c in engine.check_all()} == reference_clashes(season)


def test_a_meeting_moved_past_the_season_end_still_meets_repeating_blocks() -> None:
    build, alex, _other = imperatori_like()
    build.unavailable(build.season.drivers[alex], "2018-04-02", rrule="FREQ=WEEKLY;BYDAY=MO")
    engine = ClashEngine(build.season)
    season = build.season
    last = next(m for m in season.meetings.values() if m.series == "Asia" and m.round == "2")
    season.meetings[last.id] = dataclasses.replace(
        last, start_date=date(2018, 7, 1), end_date=date(2018, 7, 2)
    )
    engine.update_season(season, changed_meeting_ids={last.id})
    assert "unavailable" in kinds(engine.check_driver(alex))
    assert {c.key() for c in engine.check_all()} == reference_clashes(season)


def test_clashes_if_entered_changes_nothing() -> None:
    build, alex, other = imperatori_like()
    engine = ClashEngine(build.season)
    sepang = next(m for m in build.season.meetings.values() if m.circuit.name == "Sepang")
    gained = engine.clashes_if_entered(other, sepang.id)
    assert kinds(gained) == ["overlap"]
    assert engine.check_driver(other) == []
    assert engine.clashes_if_entered(alex, sepang.id) == []  # already entered there


def test_check_drivers_looks_at_the_named_drivers_only() -> None:
    build, alex, other = imperatori_like()
    assert [c.driver.id for c in check_drivers(build.season, [other, alex])] == [alex]
    assert check_drivers(build.season, [other]) == []
