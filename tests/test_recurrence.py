"""Unavailability, one-off and repeating (RRULE), as the engine turns it into clashes."""

from __future__ import annotations

from datetime import date

import pytest
from test_clash_rules import SeasonBuilder, kinds

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Unavailability
from paddock_desk.domain.recurrence import check_rule, occurrences


def block(start: str, end: str, rule: str | None) -> Unavailability:
    return Unavailability(1, 1, date.fromisoformat(start), date.fromisoformat(end), "x", rule)


def test_weekly_without_end_is_capped_at_two_years() -> None:
    found = occurrences(block("2018-01-02", "2018-01-02", "FREQ=WEEKLY;BYDAY=TU"))
    assert found[0] == (date(2018, 1, 2), date(2018, 1, 2))
    assert found[-1][0] == date(2019, 12, 31)
    assert len(found) == 105
    assert all(first.weekday() == 1 for first, _ in found)


def test_monthly_with_until_keeps_the_length_of_the_block() -> None:
    found = occurrences(block("2018-08-04", "2018-08-05", "FREQ=MONTHLY;BYDAY=1SA;UNTIL=20181231"))
    assert found == [
        (date(2018, 8, 4), date(2018, 8, 5)),
        (date(2018, 9, 1), date(2018, 9, 2)),
        (date(2018, 10, 6), date(2018, 10, 7)),
        (date(2018, 11, 3), date(2018, 11, 4)),
        (date(2018, 12, 1), date(2018, 12, 2)),
    ]


def test_every_weekend_in_august_with_count_and_rrule_prefix() -> None:
    rule = "RRULE:FREQ=WEEKLY;BYDAY=SA;BYMONTH=8;COUNT=3"
    found = occurrences(block("2018-08-04", "2018-08-05", rule))
    assert [first for first, _ in found] == [date(2018, 8, 4), date(2018, 8, 11), date(2018, 8, 18)]


def test_a_rule_that_cannot_be_read_is_an_error_for_the_user() -> None:
    with pytest.raises(PaddockError, match="FREQ=SOMETIMES"):
        check_rule("FREQ=SOMETIMES")


def test_unavailable_days_are_local_to_the_home_zone() -> None:
    # Paul Ricard's Sunday ends at 22:00 UTC, which is already Monday 06:00 in Shanghai.
    build = SeasonBuilder()
    build.meeting("A", "1", "Paul Ricard", "2018-04-13", "2018-04-15")
    shanghai = build.driver("Home In Shanghai", "Asia/Shanghai")
    utc = build.driver("No Home Zone")
    for driver in (shanghai, utc):
        build.enter(driver, "A")
        build.unavailable(driver, "2018-04-16", reason="wedding")
    found = build.clashes()
    assert [c.driver.name for c in found] == ["Home In Shanghai"]
    assert kinds(found) == ["unavailable"]
    assert found[0].hours == pytest.approx(6.0)
    assert "wedding (16 Apr 2018)" in found[0].message


def test_one_clash_per_meeting_and_occurrence() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Spa", "2018-06-05", "2018-06-13")
    build.meeting("A", "2", "Monza", "2018-06-26", "2018-06-26")
    driver = build.driver("Sim Driver", "Europe/Brussels")
    build.enter(driver, "A")
    build.unavailable(driver, "2018-01-02", reason="simulator", rrule="FREQ=WEEKLY;BYDAY=TU")
    found = build.clashes()
    assert kinds(found) == ["unavailable"] * 3
    assert [c.second.first_day for c in found] == [  # type: ignore[union-attr]
        date(2018, 6, 5), date(2018, 6, 12), date(2018, 6, 26)
    ]


def test_an_open_rule_stops_after_two_years_in_the_engine_too() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Spa", "2019-12-31")
    build.meeting("A", "2", "Spa", "2020-01-07")
    driver = build.driver("Sim Driver", "Europe/Brussels")
    build.enter(driver, "A")
    build.unavailable(driver, "2018-01-02", rrule="FREQ=WEEKLY;BYDAY=TU")
    assert [c.first.meeting.round for c in build.clashes()] == ["1"]


def test_a_block_ending_at_midnight_does_not_touch_the_next_day() -> None:
    build = SeasonBuilder()
    build.meeting("A", "1", "Spa", "2018-06-02", "2018-06-03")
    driver = build.driver("Driver", "Europe/Brussels")
    build.enter(driver, "A")
    build.unavailable(driver, "2018-05-28", "2018-06-01")
    build.unavailable(driver, "2018-06-04", "2018-06-05")
    assert build.clashes() == []


def test_a_repeat_on_the_day_after_the_last_meeting_can_still_clash_across_the_date_line() -> None:
    # Honolulu's Sunday runs to 10:00 UTC on Monday, when it is already Monday 22:00 in Auckland.
    build = SeasonBuilder()
    build.meeting("A", "1", "Hawaii Raceway", "2018-05-06")
    driver = build.driver("Kiwi", "Pacific/Auckland")
    build.enter(driver, "A")
    build.unavailable(driver, "2018-04-02", reason="gym", rrule="FREQ=WEEKLY;BYDAY=MO")
    found = build.clashes()
    assert [(c.kind, c.second.first_day) for c in found] == [  # type: ignore[union-attr]
        ("unavailable", date(2018, 5, 7))
    ]
