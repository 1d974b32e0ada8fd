"""Processes that race each other on one database (started with multiprocessing's spawn)."""

from __future__ import annotations

import contextlib
import io
from typing import Any

from sqlalchemy import create_engine, text

from paddock_desk.cli import main

BGTA = "Blancpain GT Series Asia"


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """The real command line in this process: exit status, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse
            status = int(exc.code or 0)
    return status, out.getvalue(), err.getvalue()


def racing_setter(url: str, me: str, tries: int, barrier: Any, results: Any) -> None:
    """Each try: read the meeting's version, wait for the rival, then `set --if-version` it."""
    engine = create_engine(url)
    for attempt in range(tries):
        barrier.wait()
        with engine.connect() as conn:
            version = conn.execute(text(
                "SELECT m.version FROM meetings m JOIN series s ON s.id = m.series_id "
                "WHERE s.name = :series AND m.round = '1'"), {"series": BGTA}).scalar_one()
        barrier.wait()  # both have read the same version; nobody writes between the barriers
        mine = f"{me} {attempt}"
        status, out, err = run_cli([
            "--db", url, "set", "meeting", BGTA, "1", f"event_name={mine}",
            "--if-version", str(version),
        ])
        barrier.wait()  # both have tried; the row holds the winner's value
        with engine.connect() as conn:
            now = conn.execute(text(
                "SELECT m.name FROM meetings m JOIN series s ON s.id = m.series_id "
                "WHERE s.name = :series AND m.round = '1'"), {"series": BGTA}).scalar_one()
        results.put((attempt, me, version, status, out.strip(), err.strip(), now == mine))
    engine.dispose()


def importer(url: str, files: list[str], start: Any, results: Any) -> None:
    """Wait for the signal, then run `import` on ``files``."""
    start.wait()
    results.put(run_cli(["--db", url, "import", *files]))


def opener(url: str, start: Any, results: Any) -> None:
    """Wait for the signal, then open (create and migrate) the database."""
    start.wait()
    results.put(run_cli(["--db", url, "clashes", "--json"]))
