"""What an import would change, clashes included, worked out without writing anything.

The files are imported for real inside a transaction that is always rolled back (the import's
own commit only ends its part in it); the season is read before and after within it, so the
preview can say which clashes the import adds and which it resolves, for CSV files and
calendars alike. Qt-free: it runs on a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.commitments import Block
from paddock_desk.interop.import_report import ImportReport
from paddock_desk.services.importing import import_files
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season

ClashKey = tuple[int, str, int, str]


@dataclass
class ImportPreview:
    """The dry run's report, and the clashes (and warnings) the import adds and resolves."""

    report: ImportReport
    added: list[Clash] = field(default_factory=list)
    resolved: list[Clash] = field(default_factory=list)

    def clash_lines(self) -> list[str]:
        """Readable lines for the preview: what the import does to the season's clashes."""
        if not self.added and not self.resolved:
            return ["No clash added or resolved."]
        lines: list[str] = []
        for title, clashes in (("would add", self.added), ("would resolve", self.resolved)):
            if clashes:
                lines.append(f"The import {title} {_count(clashes)}:")
                lines += [f"  {c.severity.capitalize()}: {c.message}" for c in clashes]
        return lines


def clash_key(clash: Clash) -> ClashKey:
    """What names a clash across two readings of a season: driver, kind and both sides."""
    second = clash.second
    other = (f"u{second.unavailability.id}:{second.first_day}" if isinstance(second, Block)
             else f"m{second.meeting.id}")
    return clash.driver.id, clash.kind, clash.first.meeting.id, other


def preview_import(db: Database, files: Sequence[Path]) -> ImportPreview:
    """Import ``files`` into a transaction that is rolled back; PaddockError as import_files."""
    with db.engine.connect() as conn:
        conn.begin()
        try:
            before = ClashEngine(load_season(conn)).check_all()
            sandbox = Database(db.url, db.engine, sessionmaker(
                bind=conn, join_transaction_mode="rollback_only", expire_on_commit=False
            ))
            report = import_files(sandbox, list(files), skip_invalid=True)
            after = ClashEngine(load_season(conn)).check_all() if report.changed else before
        finally:
            conn.rollback()
    report.dry_run = True
    old = {clash_key(c) for c in before}
    new = {clash_key(c) for c in after}
    return ImportPreview(
        report,
        added=[c for c in after if clash_key(c) not in old],
        resolved=[c for c in before if clash_key(c) not in new],
    )


def _count(clashes: list[Clash]) -> str:
    hard = sum(1 for c in clashes if c.severity == "clash")
    soft = len(clashes) - hard
    parts = [f"{n} {word}{'' if n == 1 else plural}" for n, word, plural in (
        (hard, "clash", "es"), (soft, "warning", "s")) if n]
    return " and ".join(parts)
