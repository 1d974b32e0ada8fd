"""The kinds of CSV file an import understands, told apart by their header (DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass

from paddock_desk.domain.errors import PaddockError
from paddock_desk.interop.csv_reading import CsvTable


@dataclass(frozen=True)
class CsvKind:
    """A kind of file: the columns it must have and those it may have."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def matches(self, columns: set[str]) -> bool:
        return set(self.required) <= columns

    def extra(self, columns: tuple[str, ...]) -> list[str]:
        """Columns of a header this kind does not read."""
        known = set(self.required) | set(self.optional)
        return [c for c in columns if c not in known]

    def describe(self) -> str:
        optional = "".join(f"[,{c}]" for c in self.optional)
        return f"{self.name} ({','.join(self.required)}{optional})"


KINDS = (
    CsvKind("circuits", ("circuit", "country", "lat", "lon", "tz")),
    CsvKind("series", ("series", "colour", "arrival_days")),
    CsvKind("drivers", ("driver", "nationality", "home_tz"), ("category",)),
    CsvKind("documents", ("driver", "document", "expires")),
    CsvKind(
        "events",
        ("series", "round", "event_name", "circuit", "start_date", "end_date"),
        ("status",),
    ),
    CsvKind("lineup_rules", ("series", "class", "categories", "min", "max")),
    CsvKind("sessions", ("series", "round", "session", "start", "end"), ("status",)),
    CsvKind("roster", ("driver", "team", "series", "car", "rounds"), ("class",)),
    CsvKind("unavailability", ("driver", "start_date", "end_date", "reason"), ("rrule",)),
)
"""Every kind, in the order one import applies them."""


def kind_of(table: CsvTable) -> CsvKind:
    """The kind a header tells; the one naming the most columns when several match."""
    columns = set(table.columns)
    matching = [k for k in KINDS if k.matches(columns)]
    if matching:
        return max(matching, key=lambda k: len(k.required))
    raise PaddockError(_no_kind_message(table, columns))


def _no_kind_message(table: CsvTable, columns: set[str]) -> str:
    nearest = max(KINDS, key=lambda k: len(set(k.required) & columns))
    missing = [c for c in nearest.required if c not in columns]
    text = f"{table.name}, line 1: the header ({','.join(table.columns)}) names no kind of file"
    if len(missing) < len(nearest.required):
        text += f"; the {nearest.name} header also has {', '.join(missing)}"
    if len(table.columns) == 1 and any(sep in table.columns[0] for sep in ";\t"):
        text += " (separate the columns with commas)"
    kinds = "\n  ".join(k.describe() for k in KINDS)
    return f"{text}. The kinds of file, by header:\n  {kinds}"


def order(kind: CsvKind) -> int:
    return KINDS.index(kind)
