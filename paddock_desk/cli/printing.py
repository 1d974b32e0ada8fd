"""`paddock-desk print`: a driver's, team's or series' season (or all) as a PDF to read on paper.

(The module is not called print.py: importing it would shadow the builtin in this package.)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paddock_desk.cli.context import add_scope_arguments, open_db
from paddock_desk.services.printing import build_printout


def register(sub: Any) -> str:
    p = sub.add_parser(
        "print",
        help="write a driver's, team's or series' season (or all) as a PDF",
        description="Write a PDF of the season as a person reads it on paper: one line per "
        "meeting (local dates, series, round, event, circuit), its sessions in the circuit's "
        "time and in the driver's home time, and every clash in a sentence. The paper is Letter "
        "in the US and Canada and A4 elsewhere (from LC_PAPER or LANG). No screen is needed.",
    )
    add_scope_arguments(p)
    p.add_argument("-o", "--output", metavar="FILE.pdf", type=Path, required=True,
                   help="the PDF file to write")
    return "print"


def run(args: argparse.Namespace) -> int:
    db = open_db(args, read_only=True)
    try:
        printout = build_printout(db, driver=args.driver, team=args.team, series=args.series,
                                  everything=args.all)
    finally:
        db.close()
    from paddock_desk.printing.pdf import write_pdf  # Qt only on this path

    pages = write_pdf(printout, args.output)
    print(f"Wrote {args.output}: {printout.title}, {printout.summary()}, "
          f"{pages} page{'s' if pages != 1 else ''}")
    return 0
