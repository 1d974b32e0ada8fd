"""`paddock-desk set`: change fields of one row, optionally only if it is still at a version."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from paddock_desk.cli.clashes import emit
from paddock_desk.cli.context import open_db
from paddock_desk.cli.show import KINDS_HELP
from paddock_desk.services.row_kinds import KINDS, UsageError
from paddock_desk.services.scripted_edits import set_row


def register(sub: Any) -> str:
    p = sub.add_parser(
        "set",
        help="change fields of one row in one transaction; print its new version",
        description="Change fields of one row, named as in the CSV files "
        f"({KINDS_HELP}); FIELD is a CSV column name of that kind and VALUE is written as in "
        "a CSV file. The whole row is checked as saved; the new version is printed. With "
        "--if-version N the row is saved only if it is still at version N (nobody saved it "
        "since you read it); otherwise nothing is saved and exit status is 1.",
    )
    p.add_argument("kind", metavar="KIND", choices=list(KINDS), help="the kind of row")
    p.add_argument(
        "words", metavar="KEY... FIELD=VALUE", nargs="+",
        help="the values that name the row, then the fields to set, e.g. end_date=2018-04-15",
    )
    p.add_argument("--if-version", metavar="N", type=int, dest="if_version",
                   help="save only if the row is still at version N")
    return "set"


def run(args: argparse.Namespace) -> int:
    keys = [w for w in args.words if "=" not in w]
    pairs = [w for w in args.words if "=" in w]
    first_pair = next((i for i, w in enumerate(args.words) if "=" in w), len(args.words))
    if any("=" not in w for w in args.words[first_pair:]):
        print("paddock-desk set: give the KEYs first, then FIELD=VALUE pairs", file=sys.stderr)
        return 2
    db = open_db(args)
    try:
        version = set_row(db, args.kind, keys, pairs, args.if_version)
    except UsageError as exc:
        print(f"paddock-desk set: {exc}", file=sys.stderr)
        return 2
    finally:
        db.close()
    emit(str(version))
    return 0
