"""Loading line-up rules and drivers' documents into domain values (plain Core selects)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.engine import Connection

from paddock_desk.domain.model import Document, LineupRule
from paddock_desk.store.schema import DocumentRow, LineupRuleRow, SeriesRow

Where = ColumnElement[bool]
EVERY_ROW: Where = true()


def parse_categories(text: str) -> frozenset[str]:
    """Stored ';'-separated categories as a set."""
    return frozenset(c.strip() for c in text.split(";") if c.strip())


def format_categories(categories: Iterable[str]) -> str:
    """Categories as stored (and as rows are named): alphabetical, ';'-separated."""
    return ";".join(sorted(set(categories)))


def read_lineup_rules(conn: Connection, where: Where = EVERY_ROW) -> Iterator[LineupRule]:
    query = select(
        LineupRuleRow.id, SeriesRow.name, LineupRuleRow.car_class, LineupRuleRow.categories,
        LineupRuleRow.min_count, LineupRuleRow.max_count,
    ).join(SeriesRow, LineupRuleRow.series_id == SeriesRow.id)
    for rid, series, car_class, categories, low, high in conn.execute(query.where(where)):
        yield LineupRule(rid, series, car_class, parse_categories(categories), low, high)


def read_documents(conn: Connection, where: Where = EVERY_ROW) -> Iterator[Document]:
    query = select(DocumentRow.id, DocumentRow.driver_id, DocumentRow.document, DocumentRow.expires)
    for did, driver_id, name, expires in conn.execute(query.where(where)):
        yield Document(did, driver_id, name, expires)
