"""The feed pages over real HTTP tell every clash and line-up or document finding in words: a
driver's own, and a team's or a series' for its drivers at its meetings."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from feed_server import feed_server
from test_calendar_notes import BREACH, LICENCE, add_findings

from paddock_desk.services.clashes import find_clashes
from paddock_desk.services.feeds import list_feeds
from paddock_desk.store.database import Database

DRIVER = "Alexandre Imperatori"


@pytest.fixture
def served(demo_db: Database, tmp_path: Path) -> Iterator[tuple[httpx.Client, Database]]:
    add_findings(demo_db, tmp_path)
    with feed_server(demo_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client, demo_db


def page(client: httpx.Client, db: Database, name: str) -> str:
    path = next(f.page_path for f in list_feeds(db) if f.name == name)
    reply = client.get(path)
    assert reply.status_code == 200
    return reply.text


def article(text: str, event: str) -> str:
    """The words of the page's card for the meeting named ``event``, tags stripped."""
    found = [a for a in re.findall(r"<article.*?</article>", text, re.S)
             if re.search(f"<h3>[^<]*{re.escape(event)}", a)]
    assert len(found) == 1, event
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found[0])))


def words(text: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def test_the_drivers_page_tells_his_findings_under_their_meetings(served):
    client, db = served
    text = page(client, db, DRIVER)
    assert "2 clashes, 2 findings" in words(text)
    assert BREACH in article(text, "Sepang (Races 1-2)")
    macau = article(text, "Macau")
    assert LICENCE in macau and "finding" in macau and BREACH not in macau
    assert LICENCE not in article(text, "Sepang (Races 1-2)")


def test_a_teams_page_tells_its_drivers_clashes_and_findings_at_its_meetings(served):
    client, db = served
    text = page(client, db, "KCMG")
    sepang = article(text, "Sepang (Races 1-2)")
    imperatori = [c.message for c in find_clashes(db, DRIVER)]
    at_sepang = [m for m in imperatori if "Sepang" in m]
    assert at_sepang and all(m in sepang for m in at_sepang)
    assert BREACH in sepang and "clash" in sepang
    assert LICENCE in article(text, "Macau")  # KCMG's car 18 there, with Imperatori in it
    # Le Castellet is G-Drive Racing's meeting, not KCMG's: it is not on KCMG's page
    assert "4 Hours of Le Castellet</h3>" not in text
    # Taniguchi and Imperatori race for KCMG at Fuji with no clash or finding there
    fuji = article(text, "Fuji (Races 7-8)")
    assert "clash" not in fuji and "finding" not in fuji


def test_a_series_page_tells_the_notes_of_the_drivers_entered_in_it(served):
    client, db = served
    text = page(client, db, "Blancpain GT Series Asia")
    sepang = article(text, "Sepang (Races 1-2)")
    assert BREACH in sepang
    assert any("overlaps" in m and m in sepang for m in
               (c.message for c in find_clashes(db, DRIVER)))
    assert LICENCE not in text  # Macau is another series' meeting
    elms = page(client, db, "European Le Mans Series")
    assert BREACH not in elms and "overlaps" in words(elms)
