"""What an import did (or, in a dry run, would do): counts by kind, warnings, skipped rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from paddock_desk.domain.errors import PaddockError

MAX_SHOWN = 20
"""Problems a refusal lists; the rest are counted."""


@dataclass(frozen=True)
class Problem:
    """One bad row or event: where it is and what is wrong, in the user's words."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ImportRefusedError(PaddockError):
    """An import refused, nothing written; ``problems`` says where and why, first the main one.

    The message's first line is the main problem (file, line, event or column, reason); the
    others follow, one a line.
    """

    def __init__(self, problems: Sequence[Problem], message: str | None = None) -> None:
        self.problems = list(problems)
        super().__init__(message if message is not None else refusal_text(self.problems))


def refusal_text(problems: Sequence[Problem], hint: str = "") -> str:
    """The message of an import refused for ``problems``: the first on the first line, then
    ``hint`` (e.g. " (--skip-invalid imports the rest)")."""
    if not problems:
        return f"nothing was imported{hint}"
    head = f"{problems[0]}; nothing was imported{hint}"
    if len(problems) == 1:
        return head
    lines = [head, f"{len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}:"]
    lines += [f"  {p}" for p in problems[1:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"  ... and {len(problems) - MAX_SHOWN} more")
    return "\n".join(lines)


@dataclass
class ImportReport:
    """Counts of rows created and updated per kind ("meeting", "session", ...)."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    """Readable lines of what changed (moved, new, cancelled...), for previews and dry runs."""
    dry_run: bool = False
    gone_hint: str = ""
    """How the reader marks cancelled what a followed calendar no longer has, in the words of
    where the report is read ("--cancel-missing marks it cancelled"); empty says nothing."""

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        head = "Would import" if self.dry_run else "Imported"
        parts = [f"{n} new {_plural(kind, n)}" for kind, n in self.created.items()]
        parts += [f"{n} updated {_plural(kind, n)}" for kind, n in self.updated.items()]
        text = f"{head}: {', '.join(parts)}." if parts else "Nothing to change: up to date."
        lines = [text, *self.changes]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} invalid row(s):")
            lines += [f"  {p}" for p in self.skipped]
        if self.dry_run:
            lines.append("Dry run: nothing was changed.")
        return "\n".join(lines)


def _plural(kind: str, n: int) -> str:
    """``kind`` for ``n`` rows: "1 meeting", "2 meetings", "2 series"."""
    return kind if n == 1 or kind.endswith("s") else f"{kind}s"
