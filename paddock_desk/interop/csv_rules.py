"""Applying the rule kinds of CSV file: lineup_rules (categories per car class) and documents.

A line-up rule is named by series, class and categories (a set: "Gold;Platinum" and
"platinum; gold" name one rule, stored in alphabetical order); a document by driver and document
name. A later row naming the same rule or document changes it; importing again changes nothing.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from paddock_desk.domain.lineup_rules import category_named, closest_category
from paddock_desk.interop import csv_values as v
from paddock_desk.interop.csv_reading import CsvRow, CsvTable
from paddock_desk.interop.csv_state import ImportState
from paddock_desk.store.rules_loader import format_categories
from paddock_desk.store.schema import DocumentRow, LineupRuleRow, SeriesRow

MAX_DRIVERS = 99
_WHOLE = re.compile(r"\d+")


def parse_categories(text: str) -> str:
    """';'-separated FIA categories in any case, as stored: alphabetical, ';'-separated."""
    found: list[str] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        category = category_named(part)
        if category is None:
            raise ValueError(
                f"'{part.strip()}' is not an FIA category; did you mean "
                f"'{closest_category(part)}'? (write Platinum, Gold, Silver or Bronze, "
                "separated by ';')"
            )
        found.append(category)
    if not found:
        raise ValueError(f"'{text}' names no category (write e.g. Gold;Platinum)")
    return format_categories(found)


def parse_bound(text: str) -> int | None:
    """A number of drivers, a whole number >= 0; empty is no bound."""
    if not text:
        return None
    if not _WHOLE.fullmatch(text) or int(text) > MAX_DRIVERS:
        raise ValueError(f"'{text}' is not a number of drivers (a whole number, 0 to 99)")
    return int(text)


def _series(state: ImportState, row: CsvRow) -> SeriesRow | None:
    name = row.text("series")
    series = state.rows.series.get(name)
    if series is None and name:
        suggestion = state.suggest(name, state.rows.series)
        hint = f"; did you mean '{suggestion}'?" if suggestion else " (import it first)"
        row.problem("series", f"unknown series '{name}'{hint}")
    return series


def _stored_rules(state: ImportState) -> dict[tuple[str, str, str], LineupRuleRow]:
    rules = state.session.scalars(select(LineupRuleRow).order_by(LineupRuleRow.id))
    return {(r.series.name, r.car_class, r.categories): r for r in rules}


def apply_lineup_rules(state: ImportState, table: CsvTable) -> None:
    known = _stored_rules(state)
    for row in table.rows:
        series = _series(state, row)
        car_class = row.text("class", limit=40)
        categories = row.field("categories", parse_categories, "")
        low = row.field("min", parse_bound, None, required=False)
        high = row.field("max", parse_bound, None, required=False)
        if low is not None and high is not None and high < low:
            row.problem("max", f"'{high}' is less than the min {low}")
        if not row.ok or series is None:
            state.reject(row)
            continue
        key = (series.name, car_class, categories)
        values: dict[str, Any] = {"min_count": low, "max_count": high}
        rule = known.get(key)
        if rule is None:
            rule = LineupRuleRow(series=series, car_class=car_class, categories=categories)
            for attr, value in values.items():
                setattr(rule, attr, value)
            known[key] = state.create("line-up rule", rule)
        else:
            label = f"{series.name} {car_class} {categories}"
            state.update("line-up rule", label, rule, values)


def _stored_documents(state: ImportState) -> dict[tuple[str, str], DocumentRow]:
    documents = state.session.scalars(select(DocumentRow).order_by(DocumentRow.id))
    return {(d.driver.name, d.document): d for d in documents}


def apply_documents(state: ImportState, table: CsvTable) -> None:
    known = _stored_documents(state)
    for row in table.rows:
        name = row.text("driver")
        driver = state.rows.drivers.get(name)
        if driver is None and name:
            suggestion = state.suggest(name, state.rows.drivers)
            hint = f"; did you mean '{suggestion}'?" if suggestion else " (import it first)"
            row.problem("driver", f"unknown driver '{name}'{hint}")
        document_name = row.text("document", limit=100)
        expires = row.field("expires", v.parse_date, None)
        if not row.ok or driver is None or expires is None:
            state.reject(row)
            continue
        document = known.get((name, document_name))
        if document is None:
            document = DocumentRow(driver=driver, document=document_name, expires=expires)
            known[(name, document_name)] = state.create("document", document)
        else:
            state.update("document", f"{document_name} of {name}", document, {"expires": expires})
