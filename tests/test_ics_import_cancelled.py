"""An .ics file whose new meetings and sessions are already STATUS:CANCELLED: they are created
cancelled (nothing the calendar holds is dropped), give no clash, export as cancelled, and
importing the file again changes nothing. The real command line on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from race_workers import run_cli
from sqlalchemy import select

from paddock_desk.store.database import open_database
from paddock_desk.store.schema import Base

CALENDAR = Path(__file__).parent / "data" / "ics" / "cancelled_sessions.ics"
BGTA = "Blancpain GT Series Asia"
DRIVER = "Alexandre Imperatori"


@pytest.fixture
def season(tmp_path: Path) -> str:
    """The demo season (Imperatori races every round of the Asian series, now and later)."""
    path = str(tmp_path / "season.db")
    assert run_cli(["--db", path, "demo"])[0] == 0
    return path


def dump(path: str) -> list[tuple[object, ...]]:
    db = open_database(path)
    try:
        with db.session() as session:
            return [(t.name, *r) for t in Base.metadata.sorted_tables
                    for r in sorted(session.execute(select(t)).all())]
    finally:
        db.close()


def statuses(path: str, folder: Path) -> dict[str, str]:
    """STATUS of each exported event of the two new meetings, by SUMMARY."""
    out = folder / "bgta.ics"
    status, _out, err = run_cli(["--db", path, "export-ics", "--series", BGTA, "-o", str(out)])
    assert status == 0, err
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    return {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")
            if any(place in str(e["SUMMARY"]) for place in ("Zhuhai", "Yeongam"))}


def test_new_cancelled_sessions_and_meetings_are_created_cancelled_and_give_no_clash(
    season: str, tmp_path: Path
) -> None:
    before = dump(season)
    status, out, err = run_cli(["--db", season, "import", "--dry-run", str(CALENDAR)])
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "Would import: 2 new meetings, 4 new sessions, 2 new circuits."
    assert "new: Blancpain GT Series Asia round 7 Zhuhai (Races 13-14), 12-13 May 2018 at " \
        "Zhuhai International Circuit (2 sessions) (cancelled)" in lines
    assert "new: Blancpain GT Series Asia round 8 Yeongam (Races 15-16), 18-19 Aug 2018 at " \
        "Korea International Circuit (2 sessions, 1 cancelled)" in lines
    clashes = [line for line in lines if line.startswith("new clash:")]
    assert len(clashes) == 1 and "Yeongam" in clashes[0]  # the cancelled Zhuhai: none
    assert dump(season) == before

    assert run_cli(["--db", season, "import", str(CALENDAR)])[0] == 0
    assert statuses(season, tmp_path) == {
        "Blancpain GT Series Asia R7: Zhuhai (Races 13-14)": "CANCELLED",
        "Blancpain GT Series Asia R7: Zhuhai (Races 13-14) - Race 1": "CANCELLED",
        "Blancpain GT Series Asia R7: Zhuhai (Races 13-14) - Race 2": "CANCELLED",
        "Blancpain GT Series Asia R8: Yeongam (Races 15-16)": "CONFIRMED",
        "Blancpain GT Series Asia R8: Yeongam (Races 15-16) - Race 1": "CONFIRMED",
        "Blancpain GT Series Asia R8: Yeongam (Races 15-16) - Race 2": "CANCELLED",
    }
    status, out, _err = run_cli(["--db", season, "show", "session", BGTA, "8", "Race 2",
                                 "--json"])
    assert status == 0 and json.loads(out)["status"] == "cancelled"
    status, out, _err = run_cli(["--db", season, "clashes", "--driver", DRIVER, "--json"])
    rounds = {side["round"] for c in json.loads(out) for side in (c["first"], c["second"])
              if side.get("series") == BGTA}
    assert "8" in rounds and "7" not in rounds

    settled = dump(season)
    status, out, _err = run_cli(["--db", season, "import", str(CALENDAR)])
    assert (status, out.splitlines()[0]) == (0, "Nothing to change: up to date.")
    assert dump(season) == settled
