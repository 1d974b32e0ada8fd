"""What every command needs: the database named by --db, $PADDOCK_DESK_DB or the default, and
the one way a failure reaches the person at the terminal (a sentence, never a traceback)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from paddock_desk.identity import default_database_path
from paddock_desk.store.database import Database, database_url, open_database


def add_scope_arguments(parser: argparse.ArgumentParser) -> None:
    """Whose season a command writes: exactly one of --driver, --team, --series or --all."""
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--driver", metavar="NAME", help="the meetings the driver is entered for")
    who.add_argument("--team", metavar="NAME", help="the meetings where a car of the team runs")
    who.add_argument("--series", metavar="NAME", help="every meeting of the series")
    who.add_argument("--all", action="store_true", help="every meeting of every series")


def database_target(args: argparse.Namespace) -> tuple[str | Path, bool]:
    """The database to open, and whether it is the user's default one."""
    if getattr(args, "db", None):
        return str(args.db), False
    return default_database_path(), True


def open_db(args: argparse.Namespace, *, read_only: bool = False) -> Database:
    """The database of ``args``; ``read_only`` for commands that only read (an SQLite file is
    then opened read-only, so they work on a file or in a folder that cannot be written)."""
    target, _default = database_target(args)
    return open_database(target, read_only=read_only)


def explain_failure(exc: BaseException, args: argparse.Namespace) -> str | None:
    """The sentence for a database, driver or file failure met by a command, else None."""
    from paddock_desk.store.failures import explain

    target, _default = database_target(args)
    try:
        url = database_url(target)
    except Exception:  # the target itself cannot be read: say what failed without it
        url = "sqlite:///" + str(target)
    return explain(exc, url)


def say(message: str) -> None:
    """``message`` on stderr after the program's name, escaped for the terminal."""
    from paddock_desk.domain.text_rules import terminal_safe

    print(f"paddock-desk: {terminal_safe(message, keep_newlines=True)}", file=sys.stderr)


def emit(text: str, *, escaped: bool = True) -> None:
    """Print ``text`` on stdout, escaped for the terminal unless ``escaped`` is False (JSON,
    whose encoder already escapes every control character); a reader that stops early
    (``| head``) is not an error."""
    from paddock_desk.domain.text_rules import terminal_safe

    try:
        print(terminal_safe(text, keep_newlines=True) if escaped else text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def warn(message: str) -> None:
    """A warning on stderr, escaped for the terminal."""
    from paddock_desk.domain.text_rules import terminal_safe

    print(f"warning: {terminal_safe(message, keep_newlines=True)}", file=sys.stderr)
