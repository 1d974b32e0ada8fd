"""Line-up rules and documents on hand-built seasons, and the engine against the brute-force
reference over generated line-ups (DESIGN.md "Line-up rules and driver documents")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_clash_rules import CIRCUITS, SeasonBuilder

from paddock_desk.domain.lineup_reference import reference_breaches, reference_documents
from paddock_desk.domain.lineup_rules import (
    DocumentFinding,
    LineupBreach,
    LineupEngine,
    categories_text,
    closest_category,
)
from paddock_desk.domain.model import (
    Assignment,
    Car,
    Document,
    Driver,
    LineupRule,
    Meeting,
    Season,
    Series,
)

_ids = count(10_000)


def rule(
    series: str, car_class: str, categories: str, low: int | None, high: int | None
) -> LineupRule:
    return LineupRule(next(_ids), series, car_class, frozenset(categories.split(";")), low, high)


class RuledSeason(SeasonBuilder):
    """A season builder with categories, classes, rules and documents."""

    def driver_in(self, name: str, category: str | None) -> Driver:
        driver = replace(self.driver(name), category=category)
        self.season.drivers[driver.id] = driver
        return driver

    def classed(self, series: str, team: str, number: str, car_class: str | None) -> Car:
        car = replace(self.car(series, team, number), car_class=car_class)
        self.season.cars[car.id] = car
        self._cars[(series, team, number)] = car
        return car

    def rule(self, *args: object) -> LineupRule:
        found = rule(*args)  # type: ignore[arg-type]
        self.season.lineup_rules[found.id] = found
        return found

    def document(self, driver: Driver, name: str, expires: str) -> Document:
        doc = Document(next(_ids), driver.id, name, date.fromisoformat(expires))
        self.season.documents[doc.id] = doc
        return doc

    def breaches(self) -> list[LineupBreach]:
        return LineupEngine(self.season).check_all()

    def documents(self) -> list[DocumentFinding]:
        return LineupEngine(self.season).check_documents()


def pro_am() -> RuledSeason:
    build = RuledSeason()
    build.meeting("GT", "1", "Sepang", "2018-04-14", "2018-04-15")
    build.meeting("GT", "2", "Fuji", "2018-05-12", "2018-05-13")
    build.classed("GT", "KCMG", "18", "Pro-Am")
    build.rule("GT", "Pro-Am", "Platinum;Gold", None, 1)
    build.rule("GT", "Pro-Am", "Bronze", 1, None)
    return build


def test_two_platinum_drivers_in_a_pro_am_car_break_the_max_rule_once_per_meeting() -> None:
    build = pro_am()
    build.enter(build.driver_in("Alexandre Imperatori", "Platinum"), "GT", team="KCMG",
                number="18")
    build.enter(build.driver_in("Tsugio Matsuda", "Platinum"), "GT", "1", team="KCMG",
                number="18")
    build.enter(build.driver_in("Yuke Taniguchi", "Bronze"), "GT", team="KCMG", number="18")
    found = build.breaches()
    assert [(b.meeting.round, b.count) for b in found] == [("1", 2)]
    assert found[0].message == (
        "KCMG #18, GT round 1 (Pro-Am): 2 drivers are Gold or Platinum "
        "(Alexandre Imperatori, Tsugio Matsuda); the class allows at most 1"
    )
    assert [d.name for d in found[0].drivers] == [
        "Alexandre Imperatori", "Tsugio Matsuda", "Yuke Taniguchi"
    ]


def test_each_breached_rule_of_the_class_is_its_own_finding() -> None:
    build = pro_am()
    build.enter(build.driver_in("A", "Platinum"), "GT", "2", team="KCMG", number="18")
    build.enter(build.driver_in("B", "Gold"), "GT", "2", team="KCMG", number="18")
    found = build.breaches()
    assert [sorted(b.rule.categories) for b in found] == [["Bronze"], ["Gold", "Platinum"]]
    assert found[0].message.endswith("0 drivers are Bronze; the class needs at least 1")


def test_no_class_no_driver_a_cancelled_meeting_or_an_unknown_class_find_nothing() -> None:
    build = pro_am()
    build.meeting("GT", "3", "Monza", "2018-06-02", "2018-06-03", cancelled=True)
    plat = build.driver_in("P", "Platinum")
    build.enter(plat, "GT", "3", team="KCMG", number="18")  # only the cancelled round
    build.classed("GT", "Other", "7", None)
    build.enter(plat, "GT", team="Other", number="7")  # no class: never checked
    build.rule("GT", "Am", "Platinum", None, 0)  # no car has that class
    assert build.breaches() == []


def test_a_driver_without_category_counts_in_no_set_and_once_per_car() -> None:
    build = pro_am()
    nobody = build.driver_in("No Category", None)
    build.enter(nobody, "GT", team="KCMG", number="18")
    build.enter(nobody, "GT", "1", team="KCMG", number="18")  # twice in one car
    found = build.breaches()
    assert [(b.meeting.round, b.count, len(b.drivers)) for b in found] == [("1", 0, 1), ("2", 0, 1)]


def test_a_rule_with_several_categories_words_them_in_alphabetical_order() -> None:
    assert categories_text({"Silver", "Bronze", "Gold"}) == "Bronze, Gold or Silver"
    assert closest_category("Platnum") == "Platinum"
    assert closest_category("bronz") == "Bronze"


def test_breaches_are_ordered_by_series_meeting_team_then_car_number() -> None:
    build = RuledSeason()
    build.meeting("B", "1", "Spa", "2018-06-02", "2018-06-03")
    build.meeting("A", "2", "Monza", "2018-06-16", "2018-06-17")
    build.meeting("A", "1", "Spa", "2018-06-02", "2018-06-03")
    gold = build.driver_in("G", "Gold")
    for series in ("A", "B"):
        build.rule(series, "Am", "Gold", None, 0)
        for team, number in (("Zed", "1"), ("Ace", "18"), ("Ace", "7")):
            build.classed(series, team, number, "Am")
            build.enter(gold, series, team=team, number=number)
    order = [(b.car.series, b.meeting.round, b.car.team, b.car.number) for b in build.breaches()]
    assert order[:4] == [("A", "1", "Ace", "7"), ("A", "1", "Ace", "18"), ("A", "1", "Zed", "1"),
                         ("A", "2", "Ace", "7")]
    assert order[-1] == ("B", "1", "Zed", "1")


def test_an_edit_rechecks_only_the_cars_it_touches() -> None:
    build = pro_am()
    other = build.classed("GT", "Other", "3", "Pro-Am")
    plat = build.driver_in("P", "Platinum")
    gold = build.driver_in("G", "Gold")
    build.enter(plat, "GT", team="KCMG", number="18")
    build.enter(plat, "GT", team="Other", number="3")
    engine = LineupEngine(build.season)
    assert engine.check_all() == reference_breaches(build.season)
    seat = Assignment(next(_ids), gold.id, other.id, frozenset({"2"}))
    touched = engine.replace_assignments(gold.id, [seat])
    assert touched == {other.id}
    assert [(b.meeting.round, b.count) for b in engine.check_car(other.id) if b.rule.max_count] == [
        ("2", 2)
    ]
    assert engine.check_all() == reference_breaches(build.season)
    assert engine.replace_assignments(gold.id, []) == {other.id}
    assert engine.check_all() == reference_breaches(build.season)


def test_breaches_with_tells_a_move_before_it_is_made() -> None:
    build = pro_am()
    car = build.season.cars[next(iter(build.season.cars))]
    plat, bronze = build.driver_in("P", "Platinum"), build.driver_in("B", "Bronze")
    other = build.driver_in("Q", "Platinum")
    engine = LineupEngine(build.season)
    meeting = next(iter(build.season.meetings))
    assert engine.breaches_with(car.id, meeting, [plat.id, bronze.id]) == []
    found = engine.breaches_with(car.id, meeting, [plat.id, bronze.id, other.id])
    assert [b.count for b in found] == [2]


def documents_season() -> tuple[RuledSeason, Driver]:
    build = RuledSeason()
    build.meeting("GT", "1", "Sepang", "2018-04-14", "2018-04-15")
    build.meeting("Other", "1", "Sepang", "2018-04-14", "2018-04-15")
    build.meeting("GT", "2", "Fuji", "2018-06-02", "2018-06-03", cancelled=True)
    driver = build.driver_in("Alexandre Imperatori", "Platinum")
    build.enter(driver, "GT", team="KCMG", number="18")
    build.enter(driver, "GT", team="KCMG", number="19")  # two cars at one meeting
    return build, driver


def test_a_document_expiring_before_the_last_day_is_a_clash_once_per_meeting() -> None:
    build, driver = documents_season()
    build.document(driver, "licence", "2018-04-14")
    found = build.documents()
    assert [(f.severity, f.meeting.series, f.meeting.round) for f in found] == [
        ("clash", "GT", "1")
    ]
    assert "licence expires on 14 Apr 2018, before the end of GT round 1" in found[0].message


def test_a_document_expiring_within_30_days_of_the_first_day_is_a_warning() -> None:
    build, driver = documents_season()
    build.document(driver, "medical", "2018-05-14")  # 30 days after 14 Apr
    build.document(driver, "visa", "2018-05-15")  # 31 days: nothing
    build.document(driver, "passport", "2018-04-15")  # valid to the last day: a warning
    found = build.documents()
    assert [(f.document.name, f.severity) for f in found] == [
        ("medical", "warning"), ("passport", "warning")
    ]
    assert "30 days after the start of GT round 1" in found[0].message


# -- the engine against the brute-force reference ----------------------------------------------

CATEGORY_CHOICES = [None, "Platinum", "Gold", "Silver", "Bronze"]
CLASSES = [None, "Pro", "Pro-Am", "Am"]


@st.composite
def ruled_seasons(draw: st.DrawFn) -> Season:
    season = Season(circuits=dict(CIRCUITS))
    ids = iter(range(1, 100_000))
    names = sorted(CIRCUITS)
    first = date(2018, 4, 1)
    for s in range(draw(st.integers(1, 3))):
        name = f"S{s}"
        season.series[name] = Series(name)
        for r in range(draw(st.integers(1, 5))):
            mid = next(ids)
            start = first + timedelta(days=draw(st.integers(0, 90)))
            season.meetings[mid] = Meeting(
                mid, name, str(r + 1), f"E{mid}", CIRCUITS[draw(st.sampled_from(names))], start,
                start + timedelta(days=draw(st.integers(0, 3))), draw(st.integers(0, 6)) == 0,
            )
        for number in range(draw(st.integers(1, 4))):
            cid = next(ids)
            team = draw(st.sampled_from(["Ace", "Bee", "Cee"]))
            season.cars[cid] = Car(cid, name, team, str(draw(st.integers(1, 30))) + str(number),
                                   draw(st.sampled_from(CLASSES)))
        for _ in range(draw(st.integers(0, 4))):
            rid = next(ids)
            cats = draw(st.sets(st.sampled_from(CATEGORY_CHOICES[1:]), min_size=1))
            low = draw(st.one_of(st.none(), st.integers(0, 3)))
            high = draw(st.one_of(st.none(), st.integers(0, 3)))
            car_class = draw(st.sampled_from(CLASSES[1:]))
            season.lineup_rules[rid] = LineupRule(rid, name, car_class, frozenset(cats), low, high)
    for d in range(draw(st.integers(1, 8))):
        did = next(ids)
        category = draw(st.sampled_from(CATEGORY_CHOICES))
        season.drivers[did] = Driver(did, f"D{d}", "", None, category)
        for _ in range(draw(st.integers(0, 2))):
            doc = next(ids)
            expires = first + timedelta(days=draw(st.integers(0, 130)))
            season.documents[doc] = Document(doc, did, draw(st.sampled_from(["licence", "visa"])),
                                             expires)
    cars, rounds = sorted(season.cars), [str(r) for r in range(1, 6)]
    for did in season.drivers:
        for car_id in draw(st.lists(st.sampled_from(cars), max_size=3)):
            aid = next(ids)
            chosen = draw(st.one_of(st.none(), st.sets(st.sampled_from(rounds), min_size=1)))
            rounds_set = None if chosen is None else frozenset(chosen)
            season.assignments[aid] = Assignment(aid, did, car_id, rounds_set)
    return season


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruled_seasons())
def test_the_engine_agrees_with_the_reference(season: Season) -> None:
    engine = LineupEngine(season)
    assert engine.check_all() == reference_breaches(season)
    assert engine.check_documents() == reference_documents(season)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ruled_seasons(), st.data())
def test_after_any_line_up_edit_the_engine_still_agrees(
    season: Season, data: st.DataObject
) -> None:
    engine = LineupEngine(season)
    driver_id = data.draw(st.sampled_from(sorted(season.drivers)))
    car_id = data.draw(st.sampled_from(sorted(season.cars)))
    rounds = data.draw(st.one_of(st.none(), st.sets(st.sampled_from(["1", "2", "3"]), min_size=1)))
    seat = Assignment(999_999, driver_id, car_id, None if rounds is None else frozenset(rounds))
    touched = engine.replace_assignments(driver_id, [seat])
    assert car_id in touched
    assert engine.check_all() == reference_breaches(season)
    assert engine.check_documents() == reference_documents(season)
