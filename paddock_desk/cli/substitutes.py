"""`paddock-desk substitutes`: the drivers free to take a seat at a meeting, best first."""

from __future__ import annotations

import argparse
from typing import Any

from paddock_desk.cli.clashes import emit
from paddock_desk.cli.context import open_db
from paddock_desk.services.clashes import find_substitutes, substitutes_json, substitutes_table


def register(sub: Any) -> str:
    p = sub.add_parser(
        "substitutes",
        help="rank the drivers free to take a seat (a car at a meeting)",
        description="Rank the drivers free for a seat: not entered at the meeting, taking "
        "the seat adds no clash, and the car's class allows one more of their category. "
        "Drivers of the car's team come first, then drivers who have raced the series, then "
        "the rest. Within each group: those who would mend a min rule of the class, then those "
        "who have raced that circuit or class, then the shortest extra travel from their "
        "meetings the week before and after, then by name. Each reason says why.",
    )
    p.add_argument("--series", metavar="NAME", required=True, help="the series of the meeting")
    p.add_argument("--round", metavar="R", required=True, help='the round label, e.g. "1" or "Q"')
    p.add_argument("--team", metavar="NAME", help="the car's team (where a number is not unique)")
    p.add_argument("--car", metavar="N", help="the car number (default: any seat of the meeting)")
    p.add_argument(
        "--json", action="store_true", help='print a JSON array of {"driver", "team", "reason"}'
    )
    return "substitutes"


def run(args: argparse.Namespace) -> int:
    db = open_db(args, read_only=True)
    try:
        found = find_substitutes(db, args.series, args.round, args.team, args.car)
    finally:
        db.close()
    emit(substitutes_json(found) if args.json else substitutes_table(found))
    return 0
