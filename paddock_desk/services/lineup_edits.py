"""What the edit dialogs of line-up rules and documents need: row labels and validation.

The rows are edited by the generic single-row edits (:mod:`paddock_desk.services.edits_rows`);
this module words their labels and refuses values the import would refuse too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from paddock_desk.interop.csv_rules import MAX_DRIVERS, parse_categories
from paddock_desk.store.schema import DocumentRow, DriverRow, LineupRuleRow, SeriesRow

KINDS = ("lineup_rules", "documents")
UNIQUE = {
    "lineup_rules": (("series_id", "car_class", "categories"), "categories"),
    "documents": (("driver_id", "document"), "document"),
}


def bound_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}" if low != high else f"exactly {low}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else "no bound"


def labels(session: Session, kind: str) -> list[tuple[int, str]]:
    """(id, label) of every rule or document."""
    if kind == "lineup_rules":
        rules = session.execute(
            select(LineupRuleRow.id, SeriesRow.name, LineupRuleRow.car_class,
                   LineupRuleRow.categories, LineupRuleRow.min_count, LineupRuleRow.max_count)
            .join(SeriesRow)
        )
        return [(i, f"{s} {c}: {cats.replace(';', ' or ')} {bound_text(lo, hi)}")
                for i, s, c, cats, lo, hi in rules]
    documents = session.execute(
        select(DocumentRow.id, DriverRow.name, DocumentRow.document, DocumentRow.expires)
        .join(DriverRow)
    )
    return [(i, f"{n}: {d} expires {e:%Y-%m-%d}") for i, n, d, e in documents]


def problems(kind: str, values: dict[str, Any]) -> dict[str, str]:
    """A message per field of a rule or document that cannot be saved."""
    found: dict[str, str] = {}
    if kind == "lineup_rules":
        if not str(values.get("car_class") or "").strip():
            found["car_class"] = "Required: the class of the cars the rule applies to."
        try:
            parse_categories(str(values.get("categories") or ""))
        except ValueError as exc:
            found["categories"] = f"{str(exc)[0].upper()}{str(exc)[1:]}."
        low, high = values.get("min_count"), values.get("max_count")
        for key, value in (("min_count", low), ("max_count", high)):
            if value is not None and not (isinstance(value, int) and 0 <= value <= MAX_DRIVERS):
                found[key] = "A number of drivers (0 to 99), or empty for no bound."
        if isinstance(low, int) and isinstance(high, int) and high < low:
            found["max_count"] = f"The max ({high}) is less than the min ({low})."
    elif kind == "documents" and not str(values.get("document") or "").strip():
        found["document"] = "Required: licence, medical, visa..."
    return found
