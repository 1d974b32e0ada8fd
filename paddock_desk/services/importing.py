"""Importing season files: CSV files of every kind, then .ics calendars, in one transaction.

The kind of a CSV file is told by its header; kinds are applied in DESIGN.md's order whatever the
order of the files. Any invalid row refuses the whole import (the database stays as it was) with
a message naming file, line and column, unless ``skip_invalid`` sets such rows aside. Importing
the same files again changes nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.csv_calendar import (
    apply_circuits,
    apply_events,
    apply_series,
    apply_sessions,
)
from paddock_desk.interop.csv_kinds import CsvKind, kind_of, order
from paddock_desk.interop.csv_people import apply_drivers, apply_roster, apply_unavailability
from paddock_desk.interop.csv_reading import CsvTable, read_csv
from paddock_desk.interop.csv_rules import apply_documents, apply_lineup_rules
from paddock_desk.interop.csv_state import ImportState
from paddock_desk.interop.import_report import ImportRefusedError, ImportReport, Problem
from paddock_desk.store.database import Database
from paddock_desk.store.failures import explain
from paddock_desk.store.transactions import IMPORT_LOCK, exclusive

if TYPE_CHECKING:
    from paddock_desk.services.calendar_import import CalendarSource

__all__ = ["ImportReport", "import_files"]

MAX_SHOWN = 20
"""Problems a refusal lists; the rest are counted."""

CALENDAR_MODULE = "paddock_desk.services.calendar_import"
IMPORT_WAIT = 5.0
"""Seconds an import waits for another one to finish before it gives up."""
IMPORT_BUSY = (
    "another import is running on this database; nothing was imported. "
    "Try again when it has finished."
)


SQLITE_BUSY = (
    "another import is running on this database, or another program is writing to {path}; "
    "nothing was imported. Try again when it has finished."
)
"""SQLite's write lock cannot say whether the writer holding it is an import or not."""


def lock_imports(conn: Connection, wait: float = IMPORT_WAIT) -> None:
    """One import at a time: wait up to ``wait`` seconds for another one, then refuse."""
    busy = IMPORT_BUSY
    if conn.dialect.name == "sqlite":
        busy = SQLITE_BUSY.format(path=conn.engine.url.database)
    exclusive(conn, IMPORT_LOCK, wait, busy)


_APPLY: dict[str, Callable[[ImportState, CsvTable], None]] = {
    "circuits": apply_circuits,
    "series": apply_series,
    "drivers": apply_drivers,
    "documents": apply_documents,
    "events": apply_events,
    "lineup_rules": apply_lineup_rules,
    "sessions": apply_sessions,
    "unavailability": apply_unavailability,
}


def import_files(
    db: Database,
    paths: Sequence[Path | CalendarSource],
    *,
    series: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    lock_wait: float = IMPORT_WAIT,
) -> ImportReport:
    """Import ``paths`` into ``db``; a dry run reports what would change (the clashes it adds
    and resolves included) and changes nothing."""
    if dry_run:
        from paddock_desk.services.import_preview import preview_import

        preview = preview_import(db, paths, series=series, skip_invalid=skip_invalid)
        preview.report.changes += preview.lines()
        return preview.report
    report = ImportReport()
    with db.session() as session:
        try:
            import_into(
                session, paths, report, series=series, skip_invalid=skip_invalid,
                lock_wait=lock_wait,
            )
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise PaddockError(
                "Someone else changed the season while it was being imported; nothing was "
                "imported. Run the import again."
            ) from exc
        except SQLAlchemyError as exc:
            session.rollback()
            raise database_refusal(exc, db.url) from exc
        except BaseException:
            session.rollback()
            raise
    return report


def import_into(
    session: Session,
    paths: Sequence[Path | CalendarSource],
    report: ImportReport,
    *,
    series: str | None = None,
    skip_invalid: bool = False,
    lock_wait: float | None = IMPORT_WAIT,
) -> list[str]:
    """Import ``paths`` through ``session`` without committing; the series calendars fed.

    With ``lock_wait`` (seconds), the import first takes the import lock (the session must not
    have run a statement yet); None imports without it (a preview that is rolled back).
    """
    if lock_wait is not None:
        lock_imports(session.connection(), lock_wait)
    calendars = [p for p in paths if _is_calendar(p)]
    files = [Path(p) for p in paths if isinstance(p, (str, Path)) and not _is_calendar(p)]
    tables = read_tables(files)
    report.warnings += _extra_column_warnings(tables)
    _import(session, tables, report, skip_invalid=skip_invalid)
    if not calendars:
        return []
    return _import_calendars(session, calendars, report, series, skip_invalid)


def _is_calendar(path: Path | CalendarSource) -> bool:
    """A fetched calendar, or a file named .ics."""
    return not isinstance(path, (str, Path)) or Path(path).suffix.lower() == ".ics"


def database_refusal(exc: SQLAlchemyError, url: str) -> PaddockError:
    """The import refused by the database (full, locked, read-only...), in one sentence."""
    sentence = explain(exc, url)
    if sentence is None:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        sentence = f"the database refused the import: {reason}"
    return PaddockError(f"{sentence}; nothing was imported")


def read_tables(paths: list[Path]) -> list[tuple[CsvKind, CsvTable]]:
    """Every CSV file with its kind, in the order of kinds (files of one kind as given)."""
    tables: list[tuple[CsvKind, CsvTable]] = []
    errors: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            table = read_csv(path)
            tables.append((kind_of(table), table))
        except PaddockError as exc:
            errors.append(str(exc))
            problems.append(_file_problem(path, str(exc)))
    if errors:
        raise ImportRefusedError(problems, "\n".join([*errors, "Nothing was imported."]))
    return sorted(tables, key=lambda pair: order(pair[0]))


def _file_problem(path: Path, message: str) -> Problem:
    """A file's refusal as a problem: the file, the line its message names, the reason."""
    head, _, reason = message.partition(": ")
    where = head.removeprefix(path.name).removeprefix(", line ")
    if head.startswith(path.name) and reason:
        return Problem(path.name, int(where) if where.isdigit() else None, None, reason)
    return Problem(path.name, None, None, message)


def _extra_column_warnings(tables: list[tuple[CsvKind, CsvTable]]) -> list[str]:
    warnings = []
    for kind, table in tables:
        extra = kind.extra(table.columns)
        if extra:
            names = ", ".join(extra)
            warnings.append(f"{table.name}: ignored column(s) {names} (a {kind.name} file)")
    return warnings


def _import(
    session: Session,
    tables: list[tuple[CsvKind, CsvTable]],
    report: ImportReport,
    *,
    skip_invalid: bool,
) -> None:
    if not tables:
        return
    state = ImportState(session, report, skip_invalid=skip_invalid)
    rosters = [table for kind, table in tables if kind.name == "roster"]
    for kind, table in tables:
        if kind.name == "roster":
            if table is rosters[0]:
                apply_roster(state, rosters)
        else:
            _APPLY[kind.name](state, table)
    if state.problems:
        raise ImportRefusedError(state.problems, refusal(state.problems))
    state.settle()
    state.insert_pending()


def refusal(problems: list[Problem]) -> str:
    """The message of an import refused for ``problems``."""
    if len(problems) == 1:
        return f"{problems[0]}\nNothing was imported."
    lines = [f"{len(problems)} problems; nothing was imported:"]
    lines += [f"  {p}" for p in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"  ... and {len(problems) - MAX_SHOWN} more")
    return "\n".join(lines)


def _import_calendars(
    session: Session,
    paths: list[Path | CalendarSource],
    report: ImportReport,
    series: str | None,
    skip_invalid: bool,
) -> list[str]:
    try:
        module = importlib.import_module(CALENDAR_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != CALENDAR_MODULE:
            raise
        raise PaddockError("iCalendar import is not available") from None
    fed: list[str] = module.import_calendar_files(
        session, paths, series=series, skip_invalid=skip_invalid, report=report
    )
    return fed
