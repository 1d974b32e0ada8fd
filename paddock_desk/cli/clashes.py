"""`paddock-desk clashes`: every clash of the season, or of one driver, as a table or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from paddock_desk.cli.context import emit, open_db
from paddock_desk.services.clashes import clashes_json, clashes_table, find_clashes


def register(sub: Any) -> str:
    p = sub.add_parser(
        "clashes",
        help="list every clash (overlap, travel, unavailable) and warning, by driver",
        description="List where a driver is booked in two places: meetings that overlap, "
        "meetings too close together to travel between, meetings on unavailable days; "
        "and, as warnings, double duty at one circuit, a long-haul trip leaving less than a "
        "day to recover, and four or more weekends in a row. Each comes with a sentence "
        "explaining it. "
        "Exit status 0 whether clashes are found or not.",
    )
    p.add_argument("--driver", metavar="NAME", help="only this driver's clashes")
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON array of clash objects, ordered by driver then start",
    )
    return "clashes"


def run(args: argparse.Namespace) -> int:
    db = open_db(args, read_only=True)
    try:
        found = find_clashes(db, args.driver)
    finally:
        db.close()
    if args.json:  # the encoder escapes every control character itself
        emit(clashes_json(found), escaped=False)
    else:
        emit(clashes_table(found))
    return 0


__all__ = ["emit", "register", "run"]
