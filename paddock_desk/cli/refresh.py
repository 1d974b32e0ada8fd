"""`paddock-desk refresh`: fetch the calendar URL each followed series remembers and import it,
reporting what moved, what is new, what is gone, and the clashes that adds or resolves."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from paddock_desk.cli.context import open_db
from paddock_desk.cli.importing import shown_warnings

GONE_HINT = "--cancel-missing marks it cancelled"
"""What a gone line tells the user to do, on the command line."""


def register(sub: Any) -> str:
    p = sub.add_parser(
        "refresh",
        help="fetch the calendars followed by URL again and import what changed",
        description="Fetch the calendar URL each series imported from the web remembers, and "
        "import it: moved, new and cancelled meetings and sessions are listed with the clashes "
        "they add or resolve. A meeting or session the calendar no longer has is reported as "
        "gone; nothing is deleted. A fetch that fails changes nothing.",
    )
    p.add_argument("--series", metavar="NAME", help="refresh only this series")
    p.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )
    p.add_argument(
        "--cancel-missing",
        action="store_true",
        help="mark the meetings and sessions the calendar no longer has cancelled (the "
        "calendar is then fetched whole, even if not modified since the last fetch)",
    )
    return "refresh"


def run(args: argparse.Namespace) -> int:
    from paddock_desk.services.calendar_follow import refresh  # httpx, icalendar: lazily

    db = open_db(args)
    try:
        with tempfile.TemporaryDirectory(prefix="paddock-desk-") as folder:
            done = refresh(
                db, Path(folder), series=args.series, dry_run=args.dry_run,
                cancel_missing=args.cancel_missing, gone_hint=GONE_HINT,
            )
    finally:
        db.close()
    for name in done.unchanged:
        print(f"{name}: not modified since the last fetch")
    if done.preview is None:
        if not done.unchanged:
            print("No series follows a calendar URL (import one from https://... first).")
        return 0
    report = done.preview.report
    for warning in shown_warnings(report.warnings):
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary())
    for line in done.preview.lines():
        print(line)
    return 0
