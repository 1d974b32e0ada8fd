"""`paddock-desk show`: one row, named by its CSV keys, with its version."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from paddock_desk.cli.clashes import emit
from paddock_desk.cli.context import open_db
from paddock_desk.services.row_kinds import KINDS, UsageError
from paddock_desk.services.scripted_edits import listing, show_row

KINDS_HELP = ", ".join(kind.usage for kind in KINDS.values())


def register(sub: Any) -> str:
    p = sub.add_parser(
        "show",
        help="print one row (circuit, series, driver, team, meeting, session, car) and its version",
        description="Print one row's fields under their CSV column names, and its version (a "
        "number that grows with every saved change; give it to set --if-version). Rows are "
        f"named as in the CSV files: {KINDS_HELP}.",
    )
    p.add_argument("kind", metavar="KIND", choices=list(KINDS), help="the kind of row")
    p.add_argument("keys", metavar="KEY", nargs="+", help="the values that name the row")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    return "show"


def run(args: argparse.Namespace) -> int:
    db = open_db(args, read_only=True)
    try:
        shown = show_row(db, args.kind, args.keys)
    except UsageError as exc:
        print(f"paddock-desk show: {exc}", file=sys.stderr)
        return 2
    finally:
        db.close()
    emit(json.dumps(shown, ensure_ascii=False) if args.json else listing(shown))
    return 0
