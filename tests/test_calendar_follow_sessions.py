"""A followed calendar that drops a session: reported gone, cancelled when asked, exported
STATUS:CANCELLED, scheduled again when it comes back. A real HTTP server, both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from http_support import Feeds, serve, serving
from sqlalchemy import select

from paddock_desk.cli import main
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import open_database
from paddock_desk.store.schema import Base, MeetingRow, SeriesRow, SessionRow

ICS = Path(__file__).parent / "data" / "ics"
SERIES = "FIA WEC 2025"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Feeds]]:
    with serving(tmp_path / "www") as found:
        yield found


@pytest.fixture
def followed(db_url: str, real2024: Path, server: tuple[str, Feeds]) -> tuple[str, Feeds, str]:
    """A database following the WEC feed; the feed's text."""
    base, feeds = server
    db = open_database(db_url)
    import_files(db, [real2024 / "circuits.csv"])
    db.close()
    text = (ICS / "wec_2025.ics").read_text(encoding="utf-8")
    serve(feeds, "wec.ics", text)
    assert main(["--db", db_url, "import", base + "/wec.ics"]) == 0
    return db_url, feeds, text


def without(text: str, uid: str) -> str:
    """The calendar without the event of ``uid``."""
    blocks = text.split("BEGIN:VEVENT")
    kept = [b for b in blocks[1:] if f"UID:{uid}\n" not in b.replace("\r\n", "\n")]
    assert len(kept) == len(blocks) - 2
    return "BEGIN:VEVENT".join([blocks[0], *kept])


def dump(db_url: str) -> list[tuple[object, ...]]:
    """Every row of the season but the series' (a refresh remembers the feed's new ETag)."""
    db = open_database(db_url)
    try:
        with db.session() as session:
            return [(t.name, *r) for t in Base.metadata.sorted_tables if t.name != "series"
                    for r in sorted(session.execute(select(t)).all())]
    finally:
        db.close()


def qatar(db_url: str) -> dict[str, tuple[str, int]]:
    """Qatar's sessions: status and SEQUENCE counter, by name."""
    db = open_database(db_url)
    try:
        with db.session() as session:
            rows = session.scalars(
                select(SessionRow).join(MeetingRow).join(SeriesRow)
                .where(SeriesRow.name == SERIES, MeetingRow.start_date.is_not(None))
            ).all()
            return {r.name: (r.status, r.sequence) for r in rows
                    if r.meeting.start_date.month == 2}
    finally:
        db.close()


def exported(db_url: str, tmp_path: Path) -> dict[str, tuple[str, int]]:
    """The exported series' Qatar sessions: STATUS and SEQUENCE by SUMMARY."""
    out = tmp_path / "wec-export.ics"
    assert main(["--db", db_url, "export-ics", "--series", SERIES, "-o", str(out)]) == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    return {
        str(e["SUMMARY"]): (str(e["STATUS"]), int(e["SEQUENCE"]))
        for e in calendar.walk("VEVENT")
        if "Qatar" in str(e["SUMMARY"]) and e.get("DTSTART").dt.__class__.__name__ == "datetime"
    }


def test_a_session_the_feed_drops_is_gone_then_cancelled_when_asked_then_back(
    followed: tuple[str, Feeds, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_url, feeds, text = followed
    before_sessions = qatar(db_url)
    assert before_sessions["Qualifying"] == ("scheduled", 0)
    before_export = exported(db_url, tmp_path)
    qualifying = next(k for k in before_export if k.endswith("Qualifying"))
    assert before_export[qualifying] == ("CONFIRMED", 0)
    capsys.readouterr()

    serve(feeds, "wec.ics", without(text, "wec2025-003@wec-calendar"))
    before = dump(db_url)
    assert main(["--db", db_url, "refresh"]) == 0
    out = capsys.readouterr().out
    assert "gone: FIA WEC 2025 round 1 Qatar 1812km 2025, Qualifying, Thu 27 Feb 2025 17:00" in out
    assert "--cancel-missing marks it cancelled" in out
    assert dump(db_url) == before  # reported, nothing changed

    assert main(["--db", db_url, "refresh", "--cancel-missing"]) == 0
    out = capsys.readouterr().out
    assert "cancelled: FIA WEC 2025 round 1 Qatar 1812km 2025, Qualifying" in out
    after = qatar(db_url)
    assert after["Qualifying"] == ("cancelled", 1)
    assert {k: v for k, v in after.items() if k != "Qualifying"} == {
        k: v for k, v in before_sessions.items() if k != "Qualifying"}  # nothing deleted
    shown = exported(db_url, tmp_path)
    assert shown[qualifying] == ("CANCELLED", 1)
    assert {k: v for k, v in shown.items() if k != qualifying} == {
        k: v for k, v in before_export.items() if k != qualifying}

    assert main(["--db", db_url, "refresh", "--cancel-missing"]) == 0
    assert "Qualifying" not in capsys.readouterr().out  # cancelled already: not again
    assert qatar(db_url)["Qualifying"] == ("cancelled", 1)

    serve(feeds, "wec.ics", text)
    assert main(["--db", db_url, "refresh"]) == 0
    out = capsys.readouterr().out
    assert "reinstated: FIA WEC 2025 round 1 Qatar 1812km 2025, Qualifying" in out
    assert qatar(db_url)["Qualifying"] == ("scheduled", 2)
    assert exported(db_url, tmp_path)[qualifying] == ("CONFIRMED", 2)


def with_event(text: str, uid: str, start: str, end: str, summary: str, location: str,
               status: str = "") -> str:
    """The calendar with one more event (STATUS when given) before its end."""
    lines = [
        "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20250110T090000Z", f"DTSTART:{start}",
        f"DTEND:{end}", f"SUMMARY:{summary}", f"LOCATION:{location}",
        *([f"STATUS:{status}"] if status else []), "END:VEVENT",
    ]
    eol = "\r\n" if "\r\n" in text else "\n"
    head, tail = text.rsplit("END:VCALENDAR", 1)
    return head + eol.join(lines) + eol + "END:VCALENDAR" + tail


LUSAIL = "Lusail International Circuit, Lusail, Qatar"


def test_a_session_new_in_the_feed_is_reported_new_and_is_not_gone(
    followed: tuple[str, Feeds, str], capsys: pytest.CaptureFixture[str]
) -> None:
    db_url, feeds, text = followed
    serve(feeds, "wec.ics", with_event(text, "wec2025-016@wec-calendar", "20250227T160000Z",
                                       "20250227T163000Z", "Qatar 1812km 2025 - Hyperpole",
                                       LUSAIL))
    capsys.readouterr()
    assert main(["--db", db_url, "refresh", "--cancel-missing"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["Imported: 1 new session.",
                       "new: FIA WEC 2025 round 1 Qatar 1812km 2025, Hyperpole, Thu 27 Feb 2025 "
                       "19:00"]
    assert not [line for line in out if line.startswith(("gone:", "cancelled:"))]
    assert qatar(db_url)["Hyperpole"] == ("scheduled", 0)


def test_a_new_session_the_feed_already_cancels_appears_cancelled(
    followed: tuple[str, Feeds, str], tmp_path: Path, server: tuple[str, Feeds],
    capsys: pytest.CaptureFixture[str],
) -> None:
    db_url, feeds, text = followed
    base, _feeds = server
    hyperpole = with_event(text, "wec2025-016@wec-calendar", "20250227T160000Z",
                           "20250227T163000Z", "Qatar 1812km 2025 - Hyperpole", LUSAIL,
                           status="CANCELLED")
    serve(feeds, "wec.ics", hyperpole)
    capsys.readouterr()
    before = dump(db_url)
    assert main(["--db", db_url, "refresh", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would import: 1 new session." in out
    new_line = "new: FIA WEC 2025 round 1 Qatar 1812km 2025, Hyperpole, Thu 27 Feb 2025 19:00 " \
        "(cancelled)"
    assert new_line in out.splitlines()
    assert dump(db_url) == before

    assert main(["--db", db_url, "refresh"]) == 0
    assert new_line in capsys.readouterr().out.splitlines()
    assert qatar(db_url)["Hyperpole"] == ("cancelled", 0)
    shown = exported(db_url, tmp_path)
    assert [v for k, v in shown.items() if k.endswith("Hyperpole")] == [("CANCELLED", 0)]
    assert sorted(v[0] for v in shown.values()).count("CONFIRMED") == 4  # the others still on

    settled = dump(db_url)
    assert main(["--db", db_url, "import", base + "/wec.ics"]) == 0  # the same feed again
    assert "Nothing to change: up to date." in capsys.readouterr().out
    assert dump(db_url) == settled

    serve(feeds, "wec.ics", hyperpole.replace("STATUS:CANCELLED", "STATUS:CONFIRMED"))
    assert main(["--db", db_url, "refresh"]) == 0
    assert "reinstated: FIA WEC 2025 round 1 Qatar 1812km 2025, Hyperpole, Thu 27 Feb 2025 " \
        "19:00" in capsys.readouterr().out
    assert qatar(db_url)["Hyperpole"] == ("scheduled", 1)
