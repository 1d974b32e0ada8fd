"""`paddock-desk lineups` and the lineup_rules and documents CSV kinds, on both backends."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from csv_support import dump, write

from paddock_desk.cli import main
from paddock_desk.store.database import Database

BGT = "Blancpain GT Series Asia"
CATEGORIES = """driver,nationality,home_tz,category
Alexandre Imperatori,CH,Asia/Shanghai,Platinum
Yuke Taniguchi,JP,Asia/Tokyo,Bronze
Tsugio Matsuda,JP,Asia/Tokyo,Platinum
Katsumasa Chiyo,JP,Asia/Tokyo,Platinum
"""
PRO_AM = f"""series,class,categories,min,max
{BGT},Pro-Am,Platinum;Gold,,1
{BGT},Pro-Am,bronze,1,
"""
MATSUDA = f"""driver,team,series,car,rounds,class
Alexandre Imperatori,KCMG,{BGT},18,,Pro-Am
Tsugio Matsuda,KCMG,{BGT},18,1,Pro-Am
"""


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert isinstance(found, list)
    return found


def pro_am_files(folder: Path) -> list[Path]:
    return [
        write(folder, "matsuda.csv", MATSUDA),
        write(folder, "rules.csv", PRO_AM),
        write(folder, "categories.csv", CATEGORIES),
    ]


def test_matsuda_beside_imperatori_breaks_the_pro_am_rule_exactly_once(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo.url, "import", *map(str, pro_am_files(tmp_path))]) == 0
    found = run_json(capsys, "--db", demo.url, "lineups")
    assert found == [
        {
            "kind": "lineup",
            "severity": "clash",
            "series": BGT,
            "round": "1",
            "event": "Sepang (Races 1-2)",
            "team": "KCMG",
            "car": "18",
            "class": "Pro-Am",
            "drivers": ["Alexandre Imperatori", "Tsugio Matsuda", "Yuke Taniguchi"],
            "rule": {"categories": ["Gold", "Platinum"], "min": None, "max": 1},
            "count": 2,
            "message": "KCMG #18, Blancpain GT Series Asia round 1 (Pro-Am): 2 drivers are "
            "Gold or Platinum (Alexandre Imperatori, Tsugio Matsuda); the class allows at most 1",
        }
    ]


def test_the_demo_without_rules_has_no_findings(
    demo: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_json(capsys, "--db", demo.url, "lineups") == []
    assert main(["--db", demo.url, "lineups"]) == 0
    assert "No line-up breaches" in capsys.readouterr().out


def test_importing_the_rules_again_changes_nothing(demo: Database, tmp_path: Path) -> None:
    files = [*map(str, pro_am_files(tmp_path))]
    files.append(str(write(tmp_path, "docs.csv", "driver,document,expires\n"
                           "Yuke Taniguchi,licence,2018-12-31\n")))
    assert main(["--db", demo.url, "import", *files]) == 0
    before = dump(demo)
    assert main(["--db", demo.url, "import", *files]) == 0
    assert dump(demo) == before
    # "gold;PLATINUM" names the same rule: it changes the bound, adds no row.
    head = "series,class,categories,min,max\n"
    write(tmp_path, "again.csv", f"{head}{BGT},Pro-Am,gold;PLATINUM,,2\n")
    assert main(["--db", demo.url, "import", str(tmp_path / "again.csv")]) == 0
    after = dump(demo)
    assert len(after["lineup_rules"]) == 2
    assert [r for r in after["lineup_rules"] if r[3] == "Gold;Platinum"][0][5] == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{BGT},Pro-Am,Platnum;Gold,,1",
         "rules.csv, line 2, column categories: 'Platnum' is not an FIA category; "
         "did you mean 'Platinum'?"),
        ("Blancpain GT Asia,Pro-Am,Gold,,1",
         f"rules.csv, line 2, column series: unknown series 'Blancpain GT Asia'; did you mean "
         f"'{BGT}'?"),
        (f"{BGT},Pro-Am,Gold,2,1", "rules.csv, line 2, column max: '1' is less than the min 2"),
        (f"{BGT},Pro-Am,Gold,one,", "rules.csv, line 2, column min: 'one' is not a number"),
        (f"{BGT},,Gold,,1", "rules.csv, line 2, column class: is empty"),
    ],
)
def test_a_bad_rule_names_file_line_and_column_and_imports_nothing(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    good = write(tmp_path, "categories.csv", CATEGORIES)
    bad = write(tmp_path, "rules.csv", f"series,class,categories,min,max\n{text}\n")
    before = dump(demo)
    capsys.readouterr()
    assert main(["--db", demo.url, "import", str(good), str(bad)]) == 1
    assert expected in capsys.readouterr().err
    assert dump(demo) == before


def test_a_bad_document_names_file_line_and_column(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "docs.csv", "driver,document,expires\n"
                "Yuke Taniguchi,licence,2018-12-31\nAlexandre Imperator,licence,2018-12-31\n"
                "Tsugio Matsuda,medical,31/12/2018\n")
    capsys.readouterr()
    assert main(["--db", demo.url, "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert ("docs.csv, line 3, column driver: unknown driver 'Alexandre Imperator'; did you "
            "mean 'Alexandre Imperatori'?") in err
    assert "docs.csv, line 4, column expires: '31/12/2018' is not a date" in err
    assert dump(demo)["documents"] == []


def test_an_unknown_driver_category_suggests_the_closest(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "drivers.csv", "driver,nationality,home_tz,category\n"
                "Yuke Taniguchi,JP,Asia/Tokyo,Bronz\n")
    capsys.readouterr()
    assert main(["--db", demo.url, "import", str(bad)]) == 1
    assert "'Bronz' is not an FIA category; did you mean 'Bronze'?" in capsys.readouterr().err


def test_documents_are_findings_at_the_meetings_the_driver_is_entered_at(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Taniguchi races only Blancpain GT Series Asia: Sepang 14-15 Apr, Chang 12-13 May...
    docs = write(tmp_path, "docs.csv", "driver,document,expires\n"
                 "Yuke Taniguchi,licence,2018-05-12\nYuke Taniguchi,visa,2018-04-20\n")
    assert main(["--db", demo.url, "import", str(docs)]) == 0
    found = run_json(capsys, "--db", demo.url, "lineups")
    assert all(set(f) == {"kind", "severity", "driver", "document", "expires", "series",
                          "round", "event", "message"} for f in found)
    summary = [(f["document"], f["severity"], f["round"]) for f in found]
    # Ordered by driver, then meeting start; the licence is valid at Sepang but expires within
    # 30 days of it (a warning), and before the last day at Chang (a clash).
    assert summary[:4] == [("licence", "warning", "1"), ("visa", "warning", "1"),
                           ("licence", "clash", "2"), ("visa", "clash", "2")]
    assert {f["driver"] for f in found} == {"Yuke Taniguchi"}
    assert found[0]["expires"] == "2018-05-12" and found[0]["event"] == "Sepang (Races 1-2)"


def test_the_shipped_2025_rules_import_into_a_season_with_those_series(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = Path(__file__).resolve().parents[1] / "resources" / "lineup_rules" / "rules2025.csv"
    with open(rules, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all(r["source"] and r["season"] == "2025" and r["note"] for r in rows)
    series = sorted({r["series"] for r in rows})
    circuits = write(tmp_path, "circuits.csv", "circuit,country,lat,lon,tz\n"
                     "Spa,BE,50.437222,5.971389,Europe/Brussels\n")
    events = write(tmp_path, "events.csv", "series,round,event_name,circuit,start_date,end_date\n"
                   + "".join(f"{s},1,Spa,Spa,2025-06-28,2025-06-29\n" for s in series))
    capsys.readouterr()
    assert main(["--db", db.url, "import", str(circuits), str(events), str(rules)]) == 0
    printed = capsys.readouterr()
    assert f"{len(rows)} new line-up rules" in printed.out
    assert "ignored column(s) season, source, note" in printed.out + printed.err
    assert len(dump(db)["lineup_rules"]) == len(rows)
