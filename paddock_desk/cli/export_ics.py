"""`paddock-desk export-ics`: a driver's, team's or series' calendar (or all) as an .ics file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paddock_desk.cli.context import add_scope_arguments, open_db
from paddock_desk.services.calendar_export import ExportTarget, build_export, write_export


def minutes_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of minutes: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"minutes before the start cannot be negative: {value}")
    return value


def target_of(args: argparse.Namespace) -> ExportTarget:
    """The calendar the options ``--driver/--team/--series/--all``, ``--only``, ``--alarm`` name."""
    return ExportTarget.chosen(
        driver=args.driver, team=args.team, series=args.series, everything=args.all,
        only=args.only, alarm_minutes=args.alarm,
    )


def register(sub: Any) -> str:
    p = sub.add_parser(
        "export-ics",
        help="export a driver's, team's or series' calendar (or all) as an iCalendar file",
        description="Write an iCalendar (.ics) file for a phone or a calendar program: one "
        "all-day event per meeting over its own dates and one timed event per session in the "
        "circuit's time zone. Event UIDs stay the same from one export to the next, so a "
        "calendar that imports the file again updates its events instead of doubling them.",
    )
    add_scope_arguments(p)
    p.add_argument(
        "--only",
        choices=("meetings", "sessions"),
        help="only the all-day meetings, or only the timed sessions (default: both)",
    )
    p.add_argument(
        "--alarm",
        metavar="MINUTES",
        type=minutes_arg,
        help="a reminder this many minutes before each session (before each meeting with "
        "--only meetings); none by default",
    )
    p.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                   help="the .ics file to write")
    return "export-ics"


def run(args: argparse.Namespace) -> int:
    db = open_db(args, read_only=True)
    try:
        export = build_export(db, target_of(args))
    finally:
        db.close()
    write_export(args.output, export)
    print(f"Wrote {args.output}: {export.describe()}")
    return 0
