"""The `paddock-desk` command line (DESIGN.md's contract); each command lives in its own module."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from paddock_desk import __version__
from paddock_desk.domain.errors import PaddockError
from paddock_desk.identity import DB_ENV

DESCRIPTION = """\
Paddock Desk plans a motorsport season: series calendars, drivers, teams, cars and line-ups, and
every clash where a driver is booked in two places at once, too far apart to travel between, or on
days they are unavailable.

Run it without a command to open the desktop app. The season lives in a database: a file
(SQLite) or a shared PostgreSQL server; see --db.
"""

EPILOG = """\
examples:
  paddock-desk                               open the app (first start: on the 2018 demo season)
  paddock-desk --db team.db demo             load the demo season into team.db
  paddock-desk --db team.db import circuits.csv events.csv roster.csv
  paddock-desk --db team.db import webcal://example.org/f1.ics
  paddock-desk --db team.db refresh --dry-run
  paddock-desk --db team.db clashes --driver "Alexandre Imperatori"
  paddock-desk --db team.db export-ics --driver "Alexandre Imperatori" -o imperatori.ics
  paddock-desk --db team.db show meeting "European Le Mans Series" 1 --json
  paddock-desk --db team.db set meeting "European Le Mans Series" 1 end_date=2018-04-15
  paddock-desk --db team.db print --driver "Alexandre Imperatori" -o imperatori.pdf

Run "paddock-desk COMMAND --help" for the options of one command.
Exit status: 0 done, 1 bad input or data (the reason on stderr), 2 bad usage.
"""


def _command_modules() -> list[ModuleType]:
    from paddock_desk.cli import (
        clashes,
        demo,
        export_ics,
        feeds,
        gui,
        importing,
        lineups,
        printing,
        publish,
        refresh,
        serve,
        set_fields,
        show,
        substitutes,
    )

    return [
        gui, demo, importing, refresh, clashes, substitutes, lineups, export_ics, printing, show,
        set_fields, publish, feeds, serve,
    ]


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = argparse.ArgumentParser(
        prog="paddock-desk",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="DB",
        default=os.environ.get(DB_ENV),
        help="the season database: a file path (SQLite) or an SQLAlchemy URL such as "
        "postgresql+psycopg://user@host/season; default: $PADDOCK_DESK_DB, else season.db "
        "in your data folder",
    )
    parser.add_argument("--version", action="version", version=f"paddock-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    commands: dict[str, ModuleType] = {}
    for module in _command_modules():
        name = module.register(sub)
        commands[name] = module
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    try:
        result: int = commands[args.command].run(args)
        return result
    except PaddockError as exc:
        return _refused(str(exc), getattr(exc, "exit_status", 1))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # database, driver and file failures: a sentence, not a traceback
        from paddock_desk.cli.context import explain_failure

        message = explain_failure(exc, args)
        if message is None:
            raise
        return _refused(message, 1)


def _refused(message: str, status: int) -> int:
    from paddock_desk.cli.context import say

    say(message)
    return status
