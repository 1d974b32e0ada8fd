"""`paddock-desk substitutes`: who is free for a seat, ranked as DESIGN.md says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_clash_rules import SeasonBuilder
from test_lineup_rules import RuledSeason

from paddock_desk.cli import main
from paddock_desk.domain.clashes import ClashEngine
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.substitutes import best_first, find_seat, rank_substitutes

BGT = "Blancpain GT Series Asia"


@pytest.fixture
def demo_db(db_url: str) -> str:
    assert main(["--db", db_url, "demo"]) == 0
    return db_url


def substitutes(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert isinstance(found, list)
    return found


def test_sepang_seat_goes_to_free_kcmg_drivers_first(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = substitutes(
        capsys, "--db", demo_db, "substitutes", "--series", BGT, "--round", "1", "--car", "18"
    )
    names = [s["driver"] for s in found]
    assert names[:2] == ["Katsumasa Chiyo", "Tsugio Matsuda"]
    assert [s["team"] for s in found[:2]] == ["KCMG", "KCMG"]
    # Entered at Sepang already, or racing elsewhere that weekend: not free.
    for busy in ("Alexandre Imperatori", "Yuke Taniguchi", "Roman Rusinov", "Andrea Pizzitola",
                 "Peter Dumbreck", "Stef Dusseldorp"):
        assert busy not in names
    assert set(names[2:]) == {"Jean-Eric Vergne", "Jens Klingmann"}
    assert all(set(s) == {"driver", "team", "reason"} and s["reason"] for s in found)


def test_chang_seat_excludes_the_24_hours_drivers(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found = substitutes(capsys, "--db", demo_db, "substitutes", "--series", BGT, "--round", "2")
    names = [s["driver"] for s in found]
    assert names[:2] == ["Katsumasa Chiyo", "Tsugio Matsuda"]
    for busy in ("Jens Klingmann", "Peter Dumbreck", "Stef Dusseldorp", "Jean-Eric Vergne"):
        assert busy not in names


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--series", "Blancpain GT Asia", "--round", "1"], 'did you mean "Blancpain GT Series'),
        (["--series", BGT, "--round", "9"], "its rounds: 1, 2, 3, 4, 5, 6"),
        (["--series", BGT, "--round", "1", "--car", "99"], "its cars: #18 KCMG"),
        (["--series", BGT, "--round", "1", "--team", "KCGM"], 'did you mean "KCMG"'),
    ],
)
def test_unknown_names_are_errors_with_a_suggestion(
    demo_db: str, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert main(["--db", demo_db, "substitutes", *argv]) == 1
    assert expected in capsys.readouterr().err


def shared_number_season() -> SeasonBuilder:
    build = SeasonBuilder()
    build.meeting("Cup", "1", "Spa", "2018-06-02", "2018-06-03")
    build.meeting("Cup", "2", "Monza", "2018-06-16", "2018-06-17")
    build.meeting("Other", "1", "Fuji", "2018-06-02", "2018-06-03")
    build.meeting("Support", "1", "Spa", "2018-06-02", "2018-06-03")
    red, blue = build.driver("Rita Red"), build.driver("Bob Blue")
    build.enter(red, "Cup", "2", team="Red", number="7")
    build.enter(blue, "Cup", team="Blue", number="7")
    build.enter(build.driver("Alan Red"), "Other", team="Red", number="1")  # busy at Fuji
    build.enter(build.driver("Zed Red"), "Support", team="Red", number="3")  # double duty
    build.enter(build.driver("Carl Cup"), "Cup", "2", team="Green", number="9")
    build.driver("Ann Nobody")
    return build


def test_a_number_two_teams_use_needs_the_team() -> None:
    season = shared_number_season().season
    with pytest.raises(PaddockError, match=r"several teams in Cup \(Blue, Red\)"):
        find_seat(season, "Cup", "1", car="7")
    assert find_seat(season, "Cup", "1", team="Red", car="7").cars[0].team == "Red"


def test_ranking_groups_team_then_series_then_the_rest() -> None:
    season = shared_number_season().season
    seat = find_seat(season, "Cup", "1", team="Red", car="7")
    found = rank_substitutes(ClashEngine(season), seat)
    assert [(s.driver, s.team) for s in found] == [
        ("Rita Red", "Red"),  # drives the car in round 2 only: not entered at round 1
        ("Zed Red", "Red"),  # a warning (double duty) is not a clash
        ("Carl Cup", "Green"),
        ("Ann Nobody", None),
    ]
    assert "double duty with Support round 1" in found[1].reason


def test_an_ambiguous_car_number_on_the_command_line(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "circuits.csv").write_text(
        "circuit,country,lat,lon,tz\nSpa,BE,50.437222,5.971389,Europe/Brussels\n"
    )
    (tmp_path / "events.csv").write_text(
        "series,round,event_name,circuit,start_date,end_date\nCup,1,Spa Cup,Spa,2018-06-02,"
        "2018-06-03\n"
    )
    (tmp_path / "roster.csv").write_text(
        "driver,team,series,car,rounds\nRita Red,Red,Cup,7,\nBob Blue,Blue,Cup,7,\n"
    )
    files = [str(tmp_path / n) for n in ("circuits.csv", "events.csv", "roster.csv")]
    assert main(["--db", db_url, "import", *files]) == 0
    seat = ["--db", db_url, "substitutes", "--series", "Cup", "--round", "1", "--car", "7"]
    capsys.readouterr()
    assert main(seat) == 1
    assert "several teams in Cup (Blue, Red); name one with --team" in capsys.readouterr().err
    assert substitutes(capsys, *seat, "--team", "Red") == []


def test_a_driver_who_would_break_a_max_rule_is_left_out_one_who_mends_a_min_rule_first() -> None:
    build = RuledSeason()
    build.meeting("Cup", "1", "Spa", "2018-06-02", "2018-06-03")
    build.meeting("Cup", "2", "Monza", "2018-06-16", "2018-06-17")
    build.classed("Cup", "Red", "7", "Pro-Am")
    build.classed("Cup", "Blue", "9", "Pro-Am")
    build.rule("Cup", "Pro-Am", "Platinum;Gold", None, 1)
    build.rule("Cup", "Pro-Am", "Bronze", 1, None)
    build.enter(build.driver_in("Pia Platinum", "Platinum"), "Cup", team="Red", number="7")
    build.driver_in("Gil Gold", "Gold")  # a second Gold or Platinum: not listed
    build.driver_in("Bea Bronze", "Bronze")
    build.enter(build.driver_in("Al Am", None), "Cup", "2", team="Blue", number="9")
    build.driver_in("Ann Other", None)
    seat = find_seat(build.season, "Cup", "1", team="Red", car="7")
    listed = rank_substitutes(ClashEngine(build.season), seat)
    # DESIGN's order: Al Am has raced the series (his group first), then the rest by name ...
    assert [s.driver for s in listed] == ["Al Am", "Ann Other", "Bea Bronze"]
    # ... and the desk puts Bea first within the rest: she mends the min rule.
    found = best_first(listed)
    assert [s.driver for s in found] == ["Al Am", "Bea Bronze", "Ann Other"]
    assert "would bring the Bronze drivers of #7 to 1 (Pro-Am needs at least 1)" in found[1].reason
    assert "raced Pro-Am in Cup" in found[0].reason


def test_the_demo_pro_am_rule_keeps_platinum_drivers_out_of_kcmg_18(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "categories.csv").write_text(
        "driver,nationality,home_tz,category\nAlexandre Imperatori,CH,Asia/Shanghai,Platinum\n"
        "Yuke Taniguchi,JP,Asia/Tokyo,Bronze\nTsugio Matsuda,JP,Asia/Tokyo,Platinum\n"
        "Katsumasa Chiyo,JP,Asia/Tokyo,Platinum\n"
    )
    (tmp_path / "class.csv").write_text(f"driver,team,series,car,rounds,class\n"
                                        f"Alexandre Imperatori,KCMG,{BGT},18,,Pro-Am\n")
    (tmp_path / "rules.csv").write_text(f"series,class,categories,min,max\n"
                                        f"{BGT},Pro-Am,Platinum;Gold,,1\n")
    files = [str(tmp_path / n) for n in ("categories.csv", "class.csv", "rules.csv")]
    assert main(["--db", demo_db, "import", *files]) == 0
    found = substitutes(
        capsys, "--db", demo_db, "substitutes", "--series", BGT, "--round", "1", "--car", "18"
    )
    assert [s["driver"] for s in found] == ["Jean-Eric Vergne", "Jens Klingmann"]


def test_within_a_group_circuit_experience_then_the_shortest_extra_travel_come_first() -> None:
    build = SeasonBuilder()
    build.meeting("Cup", "1", "Monza", "2018-06-16", "2018-06-17")
    build.meeting("Early", "1", "Monza", "2018-05-05", "2018-05-06")
    build.meeting("Before", "1", "Fuji", "2018-06-09", "2018-06-10")
    build.meeting("After", "1", "Spa", "2018-06-23", "2018-06-24")
    build.enter(build.driver("Zoe Monza"), "Early")
    build.enter(build.driver("Bob Far"), "Before")
    build.enter(build.driver("Ann Near"), "After")
    build.driver("Cid Free")
    build.car("Cup", "Red", "7")
    seat = find_seat(build.season, "Cup", "1", car="7")
    listed = rank_substitutes(ClashEngine(build.season), seat)
    assert [s.driver for s in listed] == ["Ann Near", "Bob Far", "Cid Free", "Zoe Monza"]  # DESIGN
    found = best_first(listed)  # the desk: experience, then the shortest extra travel
    assert [s.driver for s in found] == ["Zoe Monza", "Cid Free", "Ann Near", "Bob Far"]
    assert "raced Monza in 2018" in found[0].reason
    assert found[1].reason.endswith("0 km extra: free that week")
    assert "km extra: on to Spa after" in found[2].reason
    assert found[2].extra_km == pytest.approx(650, abs=80)
    assert "km extra: from Fuji the week before" in found[3].reason


def test_a_car_already_over_its_max_takes_no_candidate() -> None:
    # DESIGN: the rule is judged on the drivers entered in the car plus the candidate.
    build = RuledSeason()
    build.meeting("Cup", "1", "Spa", "2018-06-02", "2018-06-03")
    build.classed("Cup", "Red", "7", "Pro-Am")
    build.rule("Cup", "Pro-Am", "Platinum", None, 1)
    for name in ("Pia One", "Pia Two"):
        build.enter(build.driver_in(name, "Platinum"), "Cup", team="Red", number="7")
    build.driver_in("Bea Bronze", "Bronze")
    seat = find_seat(build.season, "Cup", "1", team="Red", car="7")
    assert rank_substitutes(ClashEngine(build.season), seat) == []


def test_a_weekend_run_warning_is_not_called_double_duty() -> None:
    build = SeasonBuilder()
    for series, day in (("A", 2), ("B", 9), ("C", 16)):
        build.meeting(series, "1", "Spa", f"2018-06-{day:02d}", f"2018-06-{day + 1:02d}")
    build.meeting("Cup", "1", "Monza", "2018-06-23", "2018-06-24")
    runner = build.driver("Ann Runner")
    for series in ("A", "B", "C"):
        build.enter(runner, series)
    build.car("Cup", "Red", "7")
    seat = find_seat(build.season, "Cup", "1", car="7")
    engine = ClashEngine(build.season)
    kinds = {c.kind for c in engine.clashes_if_entered(runner.id, seat.meeting.id)}
    assert "weekends_in_a_row" in kinds  # a warning the seat would bring ...
    (ann,) = rank_substitutes(engine, seat)
    assert "double duty" not in ann.reason  # ... that is not double duty
