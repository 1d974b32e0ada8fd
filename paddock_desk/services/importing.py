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

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

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
from paddock_desk.interop.csv_state import ImportState
from paddock_desk.interop.import_report import ImportReport, Problem
from paddock_desk.store.database import Database
from paddock_desk.store.failures import explain

__all__ = ["ImportReport", "import_files"]

MAX_SHOWN = 20
"""Problems a refusal lists; the rest are counted."""

CALENDAR_MODULE = "paddock_desk.services.calendar_import"

_APPLY: dict[str, Callable[[ImportState, CsvTable], None]] = {
    "circuits": apply_circuits,
    "series": apply_series,
    "drivers": apply_drivers,
    "events": apply_events,
    "sessions": apply_sessions,
    "unavailability": apply_unavailability,
}


def import_files(
    db: Database,
    paths: Sequence[Path],
    *,
    series: str | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import ``paths`` into ``db``; a dry run reports what would change and changes nothing."""
    calendars = [Path(p) for p in paths if Path(p).suffix.lower() == ".ics"]
    tables = read_tables([Path(p) for p in paths if Path(p).suffix.lower() != ".ics"])
    report = ImportReport(dry_run=dry_run)
    report.warnings += _extra_column_warnings(tables)
    with db.session() as session:
        try:
            _import(session, tables, report, skip_invalid=skip_invalid)
            if calendars:
                _import_calendars(session, calendars, report, series, skip_invalid)
            if dry_run:
                session.rollback()
            else:
                session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise _refused_by_database(exc, db) from exc
        except BaseException:
            session.rollback()
            raise
    return report


def _refused_by_database(exc: SQLAlchemyError, db: Database) -> PaddockError:
    """The import refused by the database (full, locked, read-only...), in one sentence."""
    sentence = explain(exc, db.url)
    if sentence is None:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        sentence = f"the database refused the import: {reason}"
    return PaddockError(f"{sentence}; nothing was imported")


def read_tables(paths: list[Path]) -> list[tuple[CsvKind, CsvTable]]:
    """Every CSV file with its kind, in the order of kinds (files of one kind as given)."""
    tables: list[tuple[CsvKind, CsvTable]] = []
    errors: list[str] = []
    for path in paths:
        try:
            table = read_csv(path)
            tables.append((kind_of(table), table))
        except PaddockError as exc:
            errors.append(str(exc))
    if errors:
        raise PaddockError("\n".join([*errors, "Nothing was imported."]))
    return sorted(tables, key=lambda pair: order(pair[0]))


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
        raise PaddockError(refusal(state.problems))
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
    paths: list[Path],
    report: ImportReport,
    series: str | None,
    skip_invalid: bool,
) -> None:
    try:
        module = importlib.import_module(CALENDAR_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != CALENDAR_MODULE:
            raise
        raise PaddockError("iCalendar import is not available") from None
    module.import_calendar_files(
        session, paths, series=series, skip_invalid=skip_invalid, report=report
    )
