"""`paddock-desk import`: CSV files (kind told by header) and .ics files or calendar URLs
(http, https, webcal), in one transaction; a series fed from a URL remembers it for `refresh`."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from paddock_desk.cli.context import emit, open_db, warn
from paddock_desk.services.importing import import_files

MAX_CLOSE_NAMES = 20
"""Warnings of new names close to known ones printed before the rest are only counted."""


def register(sub: Any) -> str:
    p = sub.add_parser(
        "import",
        help="import CSV files (circuits, series, drivers, events, sessions, roster, "
        "unavailability) and .ics calendars",
        description="Import season files into DB, all in one transaction: any error names the "
        "file, line and column and leaves the database as it was. The kind of a CSV file is "
        "told by its header; importing the same files again changes nothing.",
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE",
        help="a CSV or .ics file, or the http(s):// or webcal:// URL of a calendar",
    )
    p.add_argument(
        "--series",
        metavar="NAME",
        help="the series an .ics file feeds (default: its calendar name)",
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and list the invalid ones instead of refusing the import",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="print what would change and change nothing"
    )
    return "import"


def run(args: argparse.Namespace) -> int:
    from paddock_desk.services.calendar_follow import fetch_sources  # httpx, icalendar: lazily

    with tempfile.TemporaryDirectory(prefix="paddock-desk-") as folder:
        sources = fetch_sources(args.files, Path(folder))
        db = open_db(args)
        try:
            report = import_files(
                db,
                sources,
                series=args.series,
                skip_invalid=args.skip_invalid,
                dry_run=args.dry_run,
            )
        finally:
            db.close()
    for warning in shown_warnings(report.warnings):
        warn(warning)
    emit(report.summary())
    return 0


def shown_warnings(warnings: list[str], limit: int = MAX_CLOSE_NAMES) -> list[str]:
    """Every warning, except that close names beyond ``limit`` are only counted."""
    close = [w for w in warnings if w.startswith("new ") and " is close to " in w]
    hidden = set(close[limit:])
    shown = [w for w in warnings if w not in hidden]
    if len(close) > limit:
        shown.append(f"... and {len(close) - limit} more new names close to known ones")
    return shown
