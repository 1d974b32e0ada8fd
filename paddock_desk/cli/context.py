"""What every command needs: the database named by --db, $PADDOCK_DESK_DB or the default."""

from __future__ import annotations

import argparse
from pathlib import Path

from paddock_desk.identity import default_database_path
from paddock_desk.store.database import Database, open_database


def database_target(args: argparse.Namespace) -> tuple[str | Path, bool]:
    """The database to open, and whether it is the user's default one."""
    if args.db:
        return str(args.db), False
    return default_database_path(), True


def open_db(args: argparse.Namespace) -> Database:
    target, _default = database_target(args)
    return open_database(target)
