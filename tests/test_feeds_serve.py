"""Subscription feeds served over real HTTP (waitress on 127.0.0.1, httpx as the client)."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import icalendar
import pytest
import vobject
from feed_server import feed_server

from paddock_desk.services.calendar_export import ExportTarget, build_export
from paddock_desk.services.feeds import list_feeds, reset_feed
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database

DRIVER = "Alexandre Imperatori"
DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


@pytest.fixture
def served(demo_db: Database) -> Iterator[tuple[httpx.Client, Database]]:
    with feed_server(demo_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, demo_db


def _path(db: Database, name: str) -> str:
    return next(f.path for f in list_feeds(db) if f.name == name)


def _uids(data: bytes) -> list[str]:
    return sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_a_feed_is_the_export_read_alike_by_two_parsers_with_its_refresh(served):
    client, db = served
    reply = client.get(_path(db, DRIVER))
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/calendar; charset=utf-8"
    assert reply.headers["etag"] and reply.headers["last-modified"]
    body = reply.content
    export = build_export(db, ExportTarget("driver", DRIVER)).data
    assert _uids(body) == _uids(export) and len(_uids(body)) == 13
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in body
    parsed = vobject.readOne(body.decode("utf-8"))
    assert sorted(e.uid.value for e in parsed.vevent_list) == _uids(export)
    sepang = next(e for e in parsed.vevent_list if "Sepang" in e.summary.value)
    assert "overlaps" in sepang.description.value.split("\n")[0]
    from ical.calendar_stream import IcsCalendarStream

    other = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    assert sorted(e.uid for e in other.events) == _uids(export)


def test_etag_304_head_and_an_edit_that_shows_at_once(served, tmp_path):
    client, db = served
    path = _path(db, DRIVER)
    first = client.get(path)
    tag = first.headers["etag"]
    again = client.get(path)
    assert again.content == first.content and again.headers["etag"] == tag
    unchanged = client.get(path, headers={"If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == tag
    since = client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    head = client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == tag
    assert int(head.headers["content-length"]) == len(first.content)
    events = (DEMO / "events.csv").read_text(encoding="utf-8").replace(
        "Sepang International Circuit,2018-04-14,2018-04-15",
        "Sepang International Circuit,2018-04-21,2018-04-22")
    (tmp_path / "events.csv").write_text(events, encoding="utf-8")
    import_files(db, [tmp_path / "events.csv"])
    moved = client.get(path, headers={"If-None-Match": tag})
    assert moved.status_code == 200 and moved.headers["etag"] != tag
    assert b"DTSTART;VALUE=DATE:20180421" in moved.content


def test_refusals_404_405_and_traversal_look_alike(served):
    client, db = served
    path = _path(db, DRIVER)
    token = path.removeprefix("/feeds/").removesuffix(".ics")
    missing = client.get("/feeds/" + "A" * 32 + ".ics")
    assert missing.status_code == 404
    for probe in ["/", "/feeds/", "/feeds", f"/feeds/{token}", f"/feeds/{token}.txt",
                  f"/feeds/{token}.ics/", f"/feeds/{token[:-1]}.ics", "/season.db",
                  "/feeds/" + "A" * 32 + ".html", f"/feeds/{token}.ics%00"]:
        reply = client.get(probe)
        assert reply.status_code == 404, probe
        assert reply.content == missing.content, probe
        assert set(reply.headers) - {"date"} == set(missing.headers) - {"date"}, probe
    # as sent on the wire, without a client tidying the path first
    for probe in [f"/feeds/../feeds/{token}.ics", "/feeds/../", "/feeds/../../season.db",
                  f"/feeds/%2e%2e/feeds/{token}.ics", f"/feeds/.%2e/feeds/{token}.ics",
                  "/feeds/%2e%2e%2fseason.db", f"/feeds/%2E%2E%2Ffeeds%2F{token}.ics",
                  f"/feeds//{token}.ics", f"/feeds/./{token}.ics", f"/x/../feeds/{token}.ics"]:
        status, body = _raw_get(client, probe)
        assert (status, body) == (404, missing.content), probe
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        reply = client.request(method, path)
        assert reply.status_code == 405, method
        assert reply.headers["allow"] == "GET, HEAD"
    assert client.request("DELETE", "/nothing").status_code == 405


def _raw_get(client: httpx.Client, target: str) -> tuple[int, bytes]:
    with socket.create_connection((client.base_url.host, client.base_url.port), 10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                     .encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    head, _sep, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_a_reset_token_stops_the_old_address(served):
    client, db = served
    old = _path(db, "KCMG")
    assert client.get(old).status_code == 200
    (fresh,) = reset_feed(db, "KCMG")
    assert fresh.path != old
    assert client.get(old).status_code == 404
    assert client.get(old.replace(".ics", ".html")).status_code == 404
    assert client.get(fresh.path).status_code == 200
    token = fresh.path.removeprefix("/feeds/").removesuffix(".ics")
    assert len(token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token)  # >= 192 bits


def test_the_page_shows_the_season_the_clashes_and_a_subscribe_link(served):
    client, db = served
    path = _path(db, DRIVER)
    page = client.get(path.replace(".ics", ".html"))
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script" not in csp
    text = page.text
    assert "<script" not in text and "http://" not in text.replace(str(client.base_url), "")
    assert f'href="webcal://{client.base_url.host}:{client.base_url.port}{path}"' in text
    assert f'href="{client.base_url}{path}"' in text
    for clash in (c for c in _clash_messages(db)):
        assert clash.replace("(", "(") in _unescape(text)
    assert "Sepang (Races 1-2)" in text and "13-15 Apr 2018" in text
    tag = page.headers["etag"]
    assert client.get(path.replace(".ics", ".html"),
                      headers={"If-None-Match": tag}).status_code == 304


def _clash_messages(db: Database) -> list[str]:
    from paddock_desk.services.clashes import find_clashes

    found = [c.message for c in find_clashes(db, DRIVER)]
    assert len(found) == 2
    return found


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


def test_feeds_command_lists_every_feed_and_resets_one(tmp_path):
    db = tmp_path / "demo.db"

    def paddock(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "paddock_desk", "--db", str(db), *args],
                              capture_output=True, text=True, timeout=120)

    assert paddock("demo").returncode == 0
    listed = json.loads(paddock("feeds", "--json").stdout)
    kinds = {f["kind"] for f in listed}
    assert kinds == {"driver", "team", "series"}
    assert all(f["url"] is None and f["path"].startswith("/feeds/") for f in listed)
    assert json.loads(paddock("feeds", "--json").stdout) == listed  # created once
    me = next(f for f in listed if f["name"] == DRIVER)
    reset = paddock("feeds", "--reset", "alexandre imperatori")
    assert reset.returncode == 0, reset.stderr
    after = json.loads(paddock("feeds", "--json", "--base-url", "https://team.example/").stdout)
    mine = next(f for f in after if f["name"] == DRIVER)
    assert mine["path"] != me["path"]
    assert mine["url"] == "https://team.example" + mine["path"]
    unknown = paddock("feeds", "--reset", "Alexandre Imperator")
    assert unknown.returncode == 1
    assert 'Did you mean "Alexandre Imperatori"?' in unknown.stderr


def test_feeds_keep_their_bytes_until_the_season_changes_on_each_backend(demo: Database):
    from paddock_desk.services.feeds import feed_calendar

    feeds = list_feeds(demo)
    assert list_feeds(demo) == feeds
    me = next(f for f in feeds if f.name == DRIVER)
    first = feed_calendar(demo, me.token)
    again = feed_calendar(demo, me.token)
    assert first is not None and again is not None
    assert (again.data, again.etag, again.modified) == (first.data, first.etag, first.modified)
    (fresh,) = reset_feed(demo, DRIVER)
    assert feed_calendar(demo, me.token) is None
    served = feed_calendar(demo, fresh.token)
    assert served is not None and _uids(served.data) == _uids(first.data)


def test_serve_runs_as_written_and_binds_localhost(tmp_path):
    db = tmp_path / "demo.db"
    run = [sys.executable, "-m", "paddock_desk", "--db", str(db)]
    assert subprocess.run([*run, "demo"], capture_output=True, timeout=120).returncode == 0
    feeds = json.loads(subprocess.run([*run, "feeds", "--json"], capture_output=True,
                                      text=True, timeout=120).stdout)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*run, "serve", "--port", str(port), "--base-url",
                               "https://team.example/"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith(f"Serving feeds at http://127.0.0.1:{port}/")
        reply = httpx.get(f"http://127.0.0.1:{port}{feeds[0]['path']}", timeout=30)
        assert reply.status_code == 200 and reply.content.startswith(b"BEGIN:VCALENDAR\r\n")
        page = httpx.get(f"http://127.0.0.1:{port}{feeds[0]['path'][:-4]}.html", timeout=30)
        assert 'href="webcal://team.example/feeds/' in page.text
        listed = json.loads(subprocess.run([*run, "feeds", "--json"], capture_output=True,
                                           text=True, timeout=120).stdout)
        assert listed[0]["url"] == "https://team.example" + feeds[0]["path"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", f"--user-data-dir={profile}", "--window-size=390,844",
         *args], capture_output=True, text=True, timeout=120)


def test_the_page_in_a_real_browser_at_phone_width(served, tmp_path):
    client, db = served
    _add_sessions(db, tmp_path)
    page = f"{client.base_url}{_path(db, DRIVER).replace('.ics', '.html')}"
    dom = _chromium("--dump-dom", page, profile=tmp_path / "profile").stdout
    assert "<h1>Alexandre Imperatori (driver)</h1>" in dom
    assert "2 clashes" in dom
    rows = dom.replace("\n", "")
    sepang = '<td>Race 1</td><td class="t">Sat 14 Apr 16:00</td><td class="t">Sat 14 Apr 16:00'
    assert sepang in rows
    # Paul Ricard's 11:30 is 17:30 at his home in Shanghai
    assert '<td>Race</td><td class="t">Sun 15 Apr 11:30</td><td class="t">Sun 15 Apr 17:30' in rows
    shot = tmp_path / "page.png"
    done = _chromium(f"--screenshot={shot}", page, profile=tmp_path / "profile2")
    assert shot.exists() and shot.stat().st_size > 10_000, done.stderr[-500:]


def _add_sessions(db: Database, folder: Path) -> None:
    sessions = folder / "sessions.csv"
    sessions.write_text(
        "series,round,session,start,end\n"
        "Blancpain GT Series Asia,1,Race 1,2018-04-14T16:00:00,2018-04-14T17:00:00\n"
        "European Le Mans Series,1,Race,2018-04-15T11:30:00,2018-04-15T15:30:00\n",
        encoding="utf-8")
    import_files(db, [sessions])
