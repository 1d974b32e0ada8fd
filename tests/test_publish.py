"""`paddock-desk publish` against a real Radicale server on 127.0.0.1, read back with caldav."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import caldav
import icalendar
import pytest
from keyring.backend import KeyringBackend
from radicale_server import PASSWORD, USER, CalDavServer, radicale_server
from sqlalchemy import delete, select

from paddock_desk.interop.ics_export import event_uid
from paddock_desk.store.database import open_database
from paddock_desk.store.schema import MeetingRow, SeriesRow

DRIVER = "Alexandre Imperatori"
SEPANG = event_uid("Blancpain GT Series Asia", 2018, "1")
DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def paddock(*args: str | Path, password: str | None = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PADDOCK_DESK_CALDAV_PASSWORD"}
    if password is not None:
        env["PADDOCK_DESK_CALDAV_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "paddock_desk", *map(str, args)],
        capture_output=True, text=True, timeout=120, env=env,
    )


@pytest.fixture
def server(tmp_path: Path) -> Iterator[CalDavServer]:
    with radicale_server(tmp_path / "radicale") as running:
        yield running


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    assert paddock("--db", db, "demo").returncode == 0
    return db


def publish_json(db: Path, url: str, *extra: str) -> dict[str, object]:
    done = paddock("--db", db, "publish", url, "--user", USER, *extra, "--json")
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def server_events(url: str) -> dict[str, tuple[str, icalendar.Event]]:
    """UID -> (href, VEVENT) of every event in the calendar, read with the caldav client."""
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    calendar = client.calendar(url=url)
    found = {}
    for obj in calendar.events():
        cal = icalendar.Calendar.from_ical(obj.data)
        (event,) = cal.walk("VEVENT")
        found[str(event["UID"])] = (str(obj.url), event)
    return found


def exported_events(db: Path, tmp_path: Path, *who: str) -> dict[str, icalendar.Event]:
    out = tmp_path / "export.ics"
    done = paddock("--db", db, "export-ics", *who, "-o", out)
    assert done.returncode == 0, done.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def same_event(a: icalendar.Event, b: icalendar.Event) -> bool:
    def props(e: icalendar.Event) -> list[tuple[str, bytes]]:
        return sorted((k, e[k].to_ical()) for k in e if k != "DTSTAMP")
    return props(a) == props(b)


def etags(url: str) -> dict[str, str]:
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    return {str(o.url): str(o.props.get("{DAV:}getetag"))
            for o in client.calendar(url=url).objects_by_sync_token(load_objects=False)}


def test_a_published_driver_equals_export_ics_uid_by_uid(server, demo, tmp_path):
    url = server.calendar_url()
    result = publish_json(demo, url, "--driver", DRIVER)
    expected = exported_events(demo, tmp_path, "--driver", DRIVER)
    assert len(expected) == 13
    assert sorted(result["created"]) == sorted(expected)  # type: ignore[arg-type]
    assert result["updated"] == [] and result["deleted"] == [] and result["unchanged"] == 0
    on_server = server_events(url)
    assert set(on_server) == set(expected)
    for uid, (href, event) in on_server.items():
        assert href.endswith(f"/{uid}.ics")
        assert same_event(event, expected[uid]), uid
    assert "overlaps" in str(on_server[SEPANG][1]["DESCRIPTION"]).split("\n")[0]


def test_an_unchanged_republish_writes_nothing(server, demo):
    url = server.calendar_url()
    publish_json(demo, url, "--driver", DRIVER)
    before = etags(url)
    stored = sorted(p.stat().st_mtime_ns for p in server.folder.rglob("*.ics"))
    again = publish_json(demo, url, "--driver", DRIVER)
    assert again == {"created": [], "updated": [], "deleted": [], "unchanged": 13}
    assert etags(url) == before
    assert sorted(p.stat().st_mtime_ns for p in server.folder.rglob("*.ics")) == stored
    said = paddock("--db", demo, "publish", url, "--user", USER, "--driver", DRIVER)
    assert said.returncode == 0 and "13 unchanged. Nothing to write." in said.stdout


def _import_events(db: Path, tmp_path: Path, old: str, new: str, status: str = "") -> None:
    text = (DEMO / "events.csv").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    if status:
        lines = text.splitlines()
        lines = [lines[0] + ",status"] + [
            line + ("," + status if new in line else ",scheduled") for line in lines[1:]
        ]
        text = "\n".join(lines) + "\n"
    (tmp_path / "events.csv").write_text(text, encoding="utf-8")
    done = paddock("--db", db, "import", tmp_path / "events.csv")
    assert done.returncode == 0, done.stderr


SEPANG_DATES = "Sepang International Circuit,2018-04-14,2018-04-15"
MOVED = "Sepang International Circuit,2018-04-21,2018-04-22"


def test_a_moved_meeting_is_updated_in_place_with_a_higher_sequence(server, demo, tmp_path):
    url = server.calendar_url()
    publish_json(demo, url, "--driver", DRIVER)
    href, first = server_events(url)[SEPANG]
    _import_events(demo, tmp_path, SEPANG_DATES, MOVED)
    dry = publish_json(demo, url, "--driver", DRIVER, "--dry-run")
    elms = event_uid("European Le Mans Series", 2018, "1")  # its clash with Sepang is gone
    assert dry == {"created": [], "updated": [elms, SEPANG], "deleted": [], "unchanged": 11}
    assert server_events(url)[SEPANG][1]["SEQUENCE"] == first["SEQUENCE"]  # dry run wrote nothing
    said = paddock("--db", demo, "publish", url, "--user", USER, "--driver", DRIVER)
    assert said.returncode == 0, said.stderr
    assert "2 updated, 11 unchanged" in said.stdout
    moved_words = "Sepang (Races 1-2) moved from 14-15 Apr to 21-22 Apr; no longer clashes: "
    assert moved_words in said.stdout
    assert "4 Hours of Le Castellet no longer clashes: " in said.stdout
    assert str(server_events(url)[elms][1]["DESCRIPTION"]).startswith("Car #")
    now_href, moved = server_events(url)[SEPANG]
    assert now_href == href
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert str(moved.decoded("DTSTART")) == "2018-04-21"


def test_a_cancelled_meeting_stays_cancelled_and_one_that_left_is_deleted(
    server, demo, tmp_path
):
    url = server.calendar_url()
    series = "Blancpain GT Series Asia"
    publish_json(demo, url, "--series", series)
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    own = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Someone//Phone//EN\r\nBEGIN:VEVENT\r\n"
           "UID:dentist-1\r\nDTSTAMP:20180101T000000Z\r\nDTSTART;VALUE=DATE:20180420\r\n"
           "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    client.calendar(url=url).save_event(own)
    _import_events(demo, tmp_path, SEPANG_DATES, SEPANG_DATES, status="cancelled")
    db = open_database(demo)
    with db.engine.begin() as conn:
        suzuka = conn.execute(select(MeetingRow.id).where(MeetingRow.round == "3")
                              .join(SeriesRow).where(SeriesRow.name == series)).scalar_one()
        conn.execute(delete(MeetingRow).where(MeetingRow.id == suzuka))
    db.close()
    result = publish_json(demo, url, "--series", series)
    gone = event_uid(series, 2018, "3")
    assert result["updated"] == [SEPANG] and result["deleted"] == [gone]
    events = server_events(url)
    assert str(events[SEPANG][1]["STATUS"]) == "CANCELLED"
    assert gone not in events
    assert "dentist-1" in events  # a person's own event is never ours to delete


def test_wrong_password_unreachable_server_and_non_calendar_urls_exit_1(server, demo, tmp_path):
    url = server.calendar_url()
    cases = {
        "refused the login": paddock("--db", demo, "publish", url, "--user", USER,
                                     "--driver", DRIVER, password="wrong"),
        "Cannot reach": paddock("--db", demo, "publish", "http://127.0.0.1:9/dav/cal/",
                                "--user", USER, "--driver", DRIVER),
        "is not a CalDAV calendar": paddock("--db", demo, "publish", f"{server.base}/{USER}/",
                                            "--user", USER, "--driver", DRIVER),
        "No password": paddock("--db", demo, "publish", url, "--user", USER,
                               "--driver", DRIVER, password=None),
    }
    for words, done in cases.items():
        assert done.returncode == 1, (words, done.stdout, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert not list(server.folder.rglob("*.ics"))  # nothing was written anywhere
    fixed = publish_json(demo, url, "--driver", DRIVER)
    assert len(fixed["created"]) == 13  # type: ignore[arg-type]


def test_our_uid_rewritten_by_another_program_is_still_ours_to_delete(server, demo):
    url = server.calendar_url()
    publish_json(demo, url, "--driver", DRIVER)
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    elsewhere = event_uid("Super GT", 2018, "1")  # a meeting of the season, not his
    copied = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS 17//EN\r\n"
              f"BEGIN:VEVENT\r\nUID:{elsewhere}\r\nDTSTAMP:20180101T000000Z\r\n"
              "DTSTART;VALUE=DATE:20180407\r\nSUMMARY:Super GT R1\r\nEND:VEVENT\r\n"
              "END:VCALENDAR\r\n")
    client.calendar(url=url).save_event(copied)
    result = publish_json(demo, url, "--driver", DRIVER)
    assert result == {"created": [], "updated": [], "deleted": [elsewhere], "unchanged": 13}
    assert elsewhere not in server_events(url)


def test_sessions_go_each_with_the_vtimezone_of_its_circuit(server, demo, tmp_path):
    sessions = tmp_path / "sessions.csv"
    sessions.write_text(
        "series,round,session,start,end\n"
        "Blancpain GT Series Asia,1,Race 1,2018-04-14T16:00:00,2018-04-14T17:00:00\n"
        "European Le Mans Series,1,Race,2018-04-15T11:30:00,2018-04-15T15:30:00\n",
        encoding="utf-8")
    assert paddock("--db", demo, "import", sessions).returncode == 0
    url = server.calendar_url()
    result = publish_json(demo, url, "--driver", DRIVER, "--only", "sessions", "--alarm", "30")
    expected = exported_events(demo, tmp_path, "--driver", DRIVER, "--only", "sessions",
                               "--alarm", "30")
    assert sorted(result["created"]) == sorted(expected) and len(expected) == 2  # type: ignore[arg-type]
    client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
    for obj in client.calendar(url=url).events():
        cal = icalendar.Calendar.from_ical(obj.data)
        (event,) = cal.walk("VEVENT")
        zones = [str(z["TZID"]) for z in cal.walk("VTIMEZONE")]
        assert zones == [event["DTSTART"].params["TZID"]]
        assert same_event(event, expected[str(event["UID"])])
        assert event.walk("VALARM")  # the reminder goes too


class _MemoryKeyring(KeyringBackend):
    """A system keyring that keeps its passwords in memory (the test's own keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


def test_the_password_comes_from_the_system_keyring(server, demo, monkeypatch, capsys):
    import keyring

    from paddock_desk.cli import main
    from paddock_desk.services.publish import store_password

    monkeypatch.delenv("PADDOCK_DESK_CALDAV_PASSWORD", raising=False)
    previous = keyring.get_keyring()
    memory = _MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        url = server.calendar_url()
        store_password(url, USER, PASSWORD)
        assert memory.kept == {("paddock-desk", f"{USER}@127.0.0.1"): PASSWORD}
        assert main(["--db", str(demo), "publish", url, "--user", USER,
                     "--driver", DRIVER, "--json"]) == 0
        assert len(json.loads(capsys.readouterr().out)["created"]) == 13
    finally:
        keyring.set_keyring(previous)
