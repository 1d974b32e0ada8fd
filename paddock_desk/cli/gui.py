"""`paddock-desk gui [FILE...]`: the desktop app (the default command)."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> str:
    p = sub.add_parser(
        "gui",
        help="open the desktop app (the default); FILEs open the import preview",
        description="Open the desktop app. With no database named, the app keeps its season in "
        "your data folder and fills it with the demo season on the first start.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help=".csv or .ics files to import")
    return "gui"


def run(args: argparse.Namespace) -> int:
    from paddock_desk.app import run_app

    return run_app(args)
