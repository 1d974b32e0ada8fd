"""`paddock-desk feeds`: the subscription feeds of every driver, team and series."""

from __future__ import annotations

import argparse
import json
from typing import Any

from paddock_desk.cli.context import open_db
from paddock_desk.services.feeds import Feed, base_url, list_feeds, reset_feed, set_base_url


def register(sub: Any) -> str:
    p = sub.add_parser(
        "feeds",
        help="list the subscription feeds (one per driver, team and series), reset a token",
        description="Every driver, team and series has a calendar feed at a secret address "
        "(/feeds/TOKEN.ics, served by 'paddock-desk serve'); phones and calendar programs "
        "subscribe to it and follow every change. Feeds are created on first use. Anyone who "
        "knows the address can read the calendar: --reset gives a feed a new address and the "
        "old one stops working.",
    )
    p.add_argument("--json", action="store_true",
                   help='print [{"kind", "name", "path", "url"}] (url null without a base URL)')
    p.add_argument("--reset", metavar="NAME", help="give the feed of this driver, team or series "
                   "a new secret address (every feed of that name, when a driver and a team "
                   "share it)")
    p.add_argument("--base-url", metavar="URL", help="the address the feeds are served at "
                   "(kept in the database; 'serve --base-url' sets it too)")
    return "feeds"


def _record(feed: Feed, base: str | None) -> dict[str, Any]:
    return {"kind": feed.kind, "name": feed.name, "path": feed.path, "url": feed.url(base)}


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if args.base_url:
            set_base_url(db, args.base_url)
        reset = reset_feed(db, args.reset) if args.reset else []
        feeds = list_feeds(db)
        base = base_url(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps([_record(f, base) for f in feeds], ensure_ascii=False, indent=2))
        return 0
    for feed in reset:
        print(f"New address for {feed.name} ({feed.kind}): {feed.url(base) or feed.path}")
    if reset:
        return 0
    for feed in feeds:
        print(f"{feed.kind:7} {feed.name}: {feed.url(base) or feed.path}")
    if not base:
        print("(paths only: give the address the feeds are served at with --base-url)")
    return 0
