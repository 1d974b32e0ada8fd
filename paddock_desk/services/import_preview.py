"""What an import would change, clashes included, worked out without writing anything.

The one preview of an import, for the app's dialog and the command line's ``--dry-run`` alike:
the files are imported for real inside a session that is always rolled back, and the season is
read before and after within it, so the preview can say which clashes the import adds and which
it resolves. Clashes of the two readings are matched by what names them (driver, kind and both
commitments), not by their sentences, which change when a meeting moves. Qt-free: it runs on a
worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.commitments import Block
from paddock_desk.domain.model import Season
from paddock_desk.interop.import_report import ImportReport
from paddock_desk.services.calendar_import import CalendarSource
from paddock_desk.services.importing import database_refusal, import_into
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season

ClashKey = tuple[int, str, int, str]


@dataclass
class ImportPreview:
    """The dry run's report, and the clashes (and warnings) the import adds and resolves."""

    report: ImportReport
    added: list[Clash] = field(default_factory=list)
    resolved: list[Clash] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    """The series the calendars of the import feed, in order."""

    def lines(self) -> list[str]:
        """One line per clash added or resolved, for the command line's dry run."""
        out = [f"new {c.severity}: {c.message}" for c in self.added]
        return out + [f"{c.severity} resolved: {c.message}" for c in self.resolved]

    def clash_lines(self) -> list[str]:
        """Readable lines for the app's preview: what the import does to the season's clashes."""
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


def clash_difference(before: Season, after: Season) -> tuple[list[Clash], list[Clash]]:
    """The clashes of ``after`` that ``before`` lacks, and those of ``before`` gone."""
    old_clashes = ClashEngine(before).check_all()
    new_clashes = old_clashes if after is before else ClashEngine(after).check_all()
    old = {clash_key(c) for c in old_clashes}
    new = {clash_key(c) for c in new_clashes}
    return (
        [c for c in new_clashes if clash_key(c) not in old],
        [c for c in old_clashes if clash_key(c) not in new],
    )


def preview_import(
    db: Database,
    files: Sequence[Path | CalendarSource],
    *,
    series: str | None = None,
    skip_invalid: bool = False,
    apply: bool = False,
    gone_hint: str = "",
) -> ImportPreview:
    """Import ``files`` into a transaction that is rolled back (committed when ``apply``);
    errors as :func:`import_files`. ``gone_hint`` tells how to cancel what is gone (see
    :attr:`ImportReport.gone_hint`): the command line and the app word it each their way."""
    report = ImportReport(dry_run=not apply, gone_hint=gone_hint)
    with db.session() as session:
        try:
            before = load_season(session.connection())
            fed = import_into(
                session, files, report, series=series, skip_invalid=skip_invalid, lock_wait=None
            )
            session.flush()
            after = load_season(session.connection()) if report.changed else before
            if apply:
                session.commit()
        except SQLAlchemyError as exc:
            raise database_refusal(exc, db.url) from exc
        finally:
            session.rollback()
    added, resolved = clash_difference(before, after)
    return ImportPreview(report, added, resolved, fed)


def _count(clashes: list[Clash]) -> str:
    hard = sum(1 for c in clashes if c.severity == "clash")
    soft = len(clashes) - hard
    parts = [f"{n} {word}{'' if n == 1 else plural}" for n, word, plural in (
        (hard, "clash", "es"), (soft, "warning", "s")) if n]
    return " and ".join(parts)
