"""`paddock-desk demo`: load the 2018 demo season."""

from __future__ import annotations

import argparse
from typing import Any

from paddock_desk.cli.context import emit, open_db
from paddock_desk.services.demo import load_demo


def register(sub: Any) -> str:
    sub.add_parser(
        "demo",
        help="load the 2018 demo season (the Imperatori story) into DB",
        description="Load the demo season: the real 2018 calendars of nine series and the "
        "line-ups of the cars Alexandre Imperatori drove. Loading it again changes nothing.",
    )
    return "demo"


def run(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        report = load_demo(db)
        print(f"The 2018 demo season is in {db.name}.")
    finally:
        db.close()
    emit(report.summary())
    return 0
