"""Line-up rule breaches and document findings as the command line (and the app) asks for them.

``lineups --json`` writes DESIGN.md's objects: the line-up breaches (by series, meeting start,
team, car), then the document findings (by driver, meeting start).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from paddock_desk.domain.lineup_rules import (
    DocumentFinding,
    LineupBreach,
    LineupEngine,
    number_key,
)
from paddock_desk.domain.model import Season
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season


@dataclass(frozen=True)
class Findings:
    """Everything ``lineups`` lists."""

    breaches: list[LineupBreach]
    documents: list[DocumentFinding]

    def __len__(self) -> int:
        return len(self.breaches) + len(self.documents)


def check_season(season: Season) -> Findings:
    engine = LineupEngine(season)
    return Findings(engine.check_all(), engine.check_documents())


def drivers_findings(
    season: Season, driver_ids: Collection[int]
) -> Iterator[tuple[int, LineupBreach | DocumentFinding]]:
    """Each finding about one of the drivers, with the driver's id: the breaches of the cars the
    driver is entered in at a meeting (by car, meeting, rule), then the driver's documents."""
    engine = LineupEngine(season)
    wanted = set(driver_ids)
    table = season.cars
    cars = {c for d in wanted for c in engine.cars_of(d) if c in table}
    for car_id in sorted(cars, key=lambda i: (table[i].team, number_key(table[i].number), i)):
        for breach in engine.check_car(car_id):
            for driver in breach.drivers:
                if driver.id in wanted:
                    yield driver.id, breach
    for finding in engine.check_documents(wanted):
        yield finding.driver.id, finding


def find_lineup_findings(db: Database) -> Findings:
    """Every line-up breach and document finding of the season in ``db``."""
    with db.engine.connect() as conn:
        season = load_season(conn, with_sessions=False)
    return check_season(season)


def breach_record(breach: LineupBreach) -> dict[str, Any]:
    rule = breach.rule
    return {
        "kind": breach.kind,
        "severity": breach.severity,
        "series": breach.meeting.series,
        "round": breach.meeting.round,
        "event": breach.meeting.name,
        "team": breach.car.team,
        "car": breach.car.number,
        "class": breach.car.car_class,
        "drivers": [d.name for d in breach.drivers],
        "rule": {
            "categories": sorted(rule.categories),
            "min": rule.min_count,
            "max": rule.max_count,
        },
        "count": breach.count,
        "message": breach.message,
    }


def document_record(finding: DocumentFinding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "severity": finding.severity,
        "driver": finding.driver.name,
        "document": finding.document.name,
        "expires": finding.document.expires.isoformat(),
        "series": finding.meeting.series,
        "round": finding.meeting.round,
        "event": finding.meeting.name,
        "message": finding.message,
    }


def lineups_json(found: Findings) -> str:
    """One JSON array: the breaches, then the document findings; one object per line."""
    records = [breach_record(b) for b in found.breaches]
    records += [document_record(d) for d in found.documents]
    if not records:
        return "[]"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    return "[\n " + ",\n ".join(lines) + "\n]"


def lineups_table(found: Findings) -> str:
    """A readable report: the breaches, then the documents, one sentence each."""
    if not len(found):
        return "No line-up breaches and no document findings."
    lines: list[str] = []
    if found.breaches:
        lines.append(f"Line-up breaches ({len(found.breaches)}):")
        lines += [f"  {b.message}" for b in found.breaches]
    if found.documents:
        lines += [""] if lines else []
        lines.append(f"Documents ({len(found.documents)}):")
        lines += [f"  {d.severity:<8} {d.message}" for d in found.documents]
    return "\n".join(lines)
