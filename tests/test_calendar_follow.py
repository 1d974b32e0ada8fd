"""Following calendars by URL, over a real HTTP server on 127.0.0.1 and the real httpx client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from http_support import Feeds, serve, serving
from sqlalchemy import select

from paddock_desk.cli import main
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import open_database
from paddock_desk.store.schema import CircuitRow, MeetingRow, SeriesRow, SessionRow

ICS = Path(__file__).parent / "data" / "ics"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Feeds]]:
    with serving(tmp_path / "www") as found:
        yield found


@pytest.fixture
def db_path(tmp_path: Path, real2024: Path) -> Path:
    path = tmp_path / "season.db"
    database = open_database(path)
    import_files(database, [real2024 / "circuits.csv"])
    database.close()
    return path


def dump(path: Path) -> list[tuple[object, ...]]:
    db = open_database(path)
    out: list[tuple[object, ...]] = []
    with db.session() as session:
        for table in (SeriesRow, CircuitRow, MeetingRow, SessionRow):
            rows = session.execute(select(table.__table__)).all()  # type: ignore[attr-defined]
            out += sorted(tuple(r) for r in rows)
    db.close()
    return out


def meetings(path: Path, series: str) -> dict[str, tuple[str, date, bool]]:
    db = open_database(path)
    with db.session() as session:
        rows = session.scalars(
            select(MeetingRow).join(SeriesRow).where(SeriesRow.name == series)
        ).all()
        out = {r.name: (r.round, r.start_date, r.cancelled) for r in rows}
    db.close()
    return out


def moved(text: str) -> str:
    """The F1 feed a week later: Japan moves by seven days, Bahrain is dropped."""
    lines = text.split("\r\n")
    out, block, keep = [], [], True
    for line in lines:
        if line == "BEGIN:VEVENT":
            block, keep = [line], True
            continue
        if block:
            block.append(line)
            if "Bahrain" in line and line.startswith("SUMMARY"):
                keep = False
            if line == "END:VEVENT":
                if keep:
                    out += [ln.replace("202603", "202604") if "Giappone" in "".join(block)
                            and ln.startswith("DT") else ln for ln in block]
                block = []
            continue
        out.append(line)
    return "\r\n".join(out)


def test_import_from_a_url_remembers_it_and_refresh_reports_what_moved_and_is_gone(
    server: tuple[str, Feeds], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, feeds = server
    text = (ICS / "f1_2026_it.ics").read_bytes().decode("utf-8")
    serve(feeds, "f1.ics", text)
    url = base + "/f1.ics"
    assert main(["--db", str(db_path), "import", url]) == 0
    assert "new: Formula 1 2026 round 1 Gran Premio d'Australia" in capsys.readouterr().out
    db = open_database(db_path)
    with db.session() as session:
        row = session.scalars(select(SeriesRow).where(SeriesRow.name == "Formula 1 2026")).one()
        assert row.source_url == url and row.etag
    db.close()

    before = dump(db_path)
    assert main(["--db", str(db_path), "refresh"]) == 0
    assert capsys.readouterr().out.strip() == "Formula 1 2026: not modified since the last fetch"
    assert feeds.requests[-1][1] is not None  # the ETag went with the request
    assert feeds.since[-1] == "Mon, 05 Jan 2026 10:00:00 GMT"  # and Last-Modified
    assert dump(db_path) == before

    serve(feeds, "f1.ics", moved(text))
    assert main(["--db", str(db_path), "refresh", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "moved: Formula 1 2026 round 3 Gran Premio del Giappone: 27-29 Mar 2026" in out
    assert "gone: Formula 1 2026 round 4 Gran Premio del Bahrain, 10-12 Apr 2026 at Bahrain " \
        "International Circuit (not in the calendar any more; --cancel-missing marks it " \
        "cancelled)" in out.splitlines()
    assert dump(db_path) == before

    assert main(["--db", str(db_path), "refresh", "--cancel-missing"]) == 0
    out = capsys.readouterr().out
    assert "cancelled: Formula 1 2026 round 4 Gran Premio del Bahrain" in out
    found = meetings(db_path, "Formula 1 2026")
    assert found["Gran Premio del Giappone"][1] == date(2026, 4, 27)
    assert found["Gran Premio del Bahrain"] == ("4", date(2026, 4, 10), True)
    assert len(found) == 4  # nothing deleted


def test_cancel_missing_after_a_refresh_that_reported_gone_still_cancels(
    server: tuple[str, Feeds], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, feeds = server
    text = (ICS / "f1_2026_it.ics").read_bytes().decode("utf-8")
    serve(feeds, "f1.ics", text)
    assert main(["--db", str(db_path), "import", base + "/f1.ics"]) == 0
    serve(feeds, "f1.ics", moved(text))
    assert main(["--db", str(db_path), "refresh"]) == 0
    assert "--cancel-missing marks it cancelled" in capsys.readouterr().out
    # The calendar has not changed since: the user now does what the report says.
    assert main(["--db", str(db_path), "refresh", "--cancel-missing"]) == 0
    assert "cancelled: Formula 1 2026 round 4 Gran Premio del Bahrain" in capsys.readouterr().out
    assert meetings(db_path, "Formula 1 2026")["Gran Premio del Bahrain"][2] is True


def test_webcal_is_read_as_https(server: tuple[str, Feeds]) -> None:
    from paddock_desk.services.calendar_follow import is_url, web_url

    assert web_url("webcal://example.org/f1.ics") == "https://example.org/f1.ics"
    assert is_url("WEBCAL://example.org/f1.ics") and not is_url("f1.ics")


@pytest.mark.parametrize(
    ("route", "words"),
    [
        ("/broken", "answered 500 Internal Server Error"),
        ("/missing.ics", "answered 404 Not Found"),
        ("/page.html", "is not a calendar (it is text/html)"),
    ],
)
def test_a_fetch_that_fails_changes_nothing_and_says_why(
    server: tuple[str, Feeds], db_path: Path, capsys: pytest.CaptureFixture[str],
    route: str, words: str,
) -> None:
    base, feeds = server
    serve(feeds, "page.html", "<html><body>Calendar moved</body></html>")
    before = dump(db_path)
    assert main(["--db", str(db_path), "import", base + route]) == 1
    err = capsys.readouterr().err.strip()
    assert words in err and "nothing was changed" in err and len(err.splitlines()) == 1
    assert dump(db_path) == before


def test_refresh_without_network_changes_nothing(
    server: tuple[str, Feeds], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, feeds = server
    serve(feeds, "wec.ics", (ICS / "wec_2025.ics").read_text(encoding="utf-8"))
    assert main(["--db", str(db_path), "import", base + "/wec.ics"]) == 0
    db = open_database(db_path)
    with db.session() as session:
        row = session.scalars(select(SeriesRow)).one()
        row.source_url = "http://127.0.0.1:9/wec.ics"  # the discard port: nobody answers
        session.commit()
    db.close()
    capsys.readouterr()
    before = dump(db_path)
    assert main(["--db", str(db_path), "refresh", "--series", "FIA WEC 2025"]) == 1
    err = capsys.readouterr().err.strip()
    assert "cannot reach the server" in err and len(err.splitlines()) == 1
    assert dump(db_path) == before


def test_a_calendar_larger_than_the_limit_is_refused(
    server: tuple[str, Feeds], db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from paddock_desk.services.calendar_follow import MAX_BYTES

    base, feeds = server
    filler = "X-FILLER:" + "x" * 60 + "\r\n"
    serve(feeds, "huge.ics", "BEGIN:VCALENDAR\r\n" + filler * (MAX_BYTES // len(filler) + 10))
    before = dump(db_path)
    assert main(["--db", str(db_path), "import", base + "/huge.ics"]) == 1
    assert "larger than 20 MB" in capsys.readouterr().err
    assert dump(db_path) == before
