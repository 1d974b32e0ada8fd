"""`paddock-desk lineups`: every line-up rule breach and document finding of the season."""

from __future__ import annotations

import argparse
from typing import Any

from paddock_desk.cli.clashes import emit
from paddock_desk.cli.context import open_db
from paddock_desk.services.lineups import find_lineup_findings, lineups_json, lineups_table


def register(sub: Any) -> str:
    p = sub.add_parser(
        "lineups",
        help="list line-up rule breaches (driver categories per class) and expiring documents",
        description="List every car of a ruled class whose drivers at a meeting break a rule "
        "of the class (how many Platinum, Gold, Silver or Bronze drivers it may or must have), "
        "then every licence, medical or visa that expires before a meeting its driver is "
        "entered at (a clash) or within 30 days of it (a warning). Each comes with a sentence "
        "explaining it. Exit status 0 whether findings are found or not.",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print one JSON array: the breaches by series, meeting, team and car, then the "
        "document findings by driver and meeting",
    )
    return "lineups"


def run(args: argparse.Namespace) -> int:
    db = open_db(args, read_only=True)
    try:
        found = find_lineup_findings(db)
    finally:
        db.close()
    emit(lineups_json(found) if args.json else lineups_table(found))
    return 0
