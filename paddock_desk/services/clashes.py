"""Clashes and substitutes as the command line (and the app) asks for them.

Loads the season from a database, runs the engine and shapes the findings as DESIGN.md's JSON or
as a readable table. Kept light: no Qt, no alembic, no icalendar on this path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from typing import Any

from paddock_desk.domain.clashes import Clash, ClashEngine, paused_gc
from paddock_desk.domain.commitments import Block, Commitment, Slot
from paddock_desk.domain.explain import date_range, describe, round_label, sentence
from paddock_desk.domain.model import Driver, Season, zone
from paddock_desk.domain.substitutes import Substitute, find_seat, named, rank_substitutes
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season
from paddock_desk.store.transactions import read_snapshot


def load_engine(db: Database) -> ClashEngine:
    """The clash engine over the season in ``db`` (sessions are not needed and not read)."""
    with read_snapshot(db.engine) as conn:
        season = load_season(conn, with_sessions=False)
    return ClashEngine(season)


def find_driver(season: Season, name: str) -> Driver:
    """The driver called ``name`` (ignoring case when unambiguous), or an error with a hint."""
    by_name = {d.name: d for d in season.drivers.values()}
    return by_name[named(name, by_name, "driver")]


def find_clashes(db: Database, driver: str | None = None) -> list[Clash]:
    """Every clash and warning in ``db``, or only those of the driver named ``driver``."""
    engine = load_engine(db)
    if driver is None:
        return engine.check_all()
    return engine.check_driver(find_driver(engine.season, driver).id)


def find_substitutes(
    db: Database, series: str, round_text: str, team: str | None = None, car: str | None = None
) -> list[Substitute]:
    """The drivers free for the seat, best first (DESIGN.md's ranking)."""
    engine = load_engine(db)
    seat = find_seat(engine.season, series, round_text, team, car)
    return rank_substitutes(engine, seat)


def _instant(seconds: int, tz: str | None) -> str:
    return datetime.fromtimestamp(seconds, zone(tz)).isoformat()


@dataclass
class ClashJson:
    """Writes clashes as DESIGN.md's JSON objects, encoding each meeting and name only once.

    Every piece is encoded by :func:`json.dumps`; a clash's object is the pieces joined in the
    key order of DESIGN.md, so the output is exactly what ``json.dumps`` of the object gives.
    """

    _parts: dict[int, str] = field(default_factory=dict)
    _names: dict[int, str] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict)

    def name(self, part: Commitment) -> str:
        """The commitment as sentences name it, worded once per meeting."""
        found = self._names.get(id(part.slot))
        if found is None:
            found = describe(part)
            self._names[id(part.slot)] = found
        return found

    def part(self, part: Commitment | Block) -> str:
        key = id(part.slot) if isinstance(part, Commitment) else id(part)
        found = self._parts.get(key)
        if found is None:
            record = _block_record(part) if isinstance(part, Block) else _slot_record(part.slot)
            found = _encode(record)
            self._parts[key] = found
        return found

    def text(self, value: str) -> str:
        found = self._texts.get(value)
        if found is None:
            found = _encode(value)
            self._texts[value] = found
        return found

    def encode(self, clash: Clash) -> str:
        """The clash as one JSON object."""
        return (
            f'{{"driver": {self.text(clash.driver.name)}, "kind": {self.text(clash.kind)}, '
            f'"severity": {self.text(clash.severity)}, "first": {self.part(clash.first)}, '
            f'"second": {self.part(clash.second)}, '
            f'"message": {_encode(sentence(clash, self.name))}}}'
        )


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _encode(value: object) -> str:
    return _ENCODER.encode(value)


def _slot_record(slot: Slot) -> dict[str, str]:
    meeting = slot.meeting
    tz = meeting.circuit.tz
    return {
        "series": meeting.series,
        "round": meeting.round,
        "event": meeting.name,
        "circuit": meeting.circuit.name,
        "start": _instant(slot.start, tz),
        "end": _instant(slot.end, tz),
    }


def _block_record(block: Block) -> dict[str, str]:
    return {
        "reason": block.unavailability.reason,
        "start": _instant(block.start, block.tz),
        "end": _instant(block.end, block.tz),
    }


def json_array(records: list[dict[str, Any]], first_key: str) -> str:
    """A JSON array with one object per line, written in one pass of the fast encoder.

    Every object starts with ``first_key``; inside JSON strings a quote is always escaped, so
    ``}, {"first_key": `` only ever occurs between two objects of the array.
    """
    text = json.dumps(records, ensure_ascii=False)
    between = f'}}, {{"{first_key}": '
    text = text.replace(between, f'}},\n {{"{first_key}": ')
    return text if not records else "[\n " + text[1:-1] + "\n]"


def clashes_json(clashes: list[Clash]) -> str:
    """One JSON array, in the engine's order (driver, then start)."""
    shaper = ClashJson()
    with paused_gc():
        objects = [shaper.encode(c) for c in clashes]
    return "[\n " + ",\n ".join(objects) + "\n]" if objects else "[]"


def _part_label(part: Commitment | Block) -> str:
    if isinstance(part, Block):
        reason = part.unavailability.reason or "unavailable"
        return f"{reason} ({date_range(part.first_day, part.last_day)})"
    meeting = part.meeting
    dates = date_range(meeting.start_date, meeting.end_date)
    return f"{round_label(meeting.series, meeting.round)} ({dates})"


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {word}{'es' if word.endswith('sh') else 's'}"


def _counts(clashes: list[Clash]) -> str:
    hard = sum(1 for c in clashes if c.severity == "clash")
    return f"{_plural(hard, 'clash')}, {_plural(len(clashes) - hard, 'warning')}"


def clashes_table(clashes: list[Clash]) -> str:
    """A readable report grouped by driver: one line per clash, its explanation below."""
    if not clashes:
        return "No clashes."
    lines: list[str] = []
    words = ClashJson()
    for _driver_id, group in groupby(clashes, key=lambda c: c.driver.id):
        own = list(group)
        lines += ([""] if lines else []) + [f"{own[0].driver.name}: {_counts(own)}"]
        for clash in own:
            first, second = _part_label(clash.first), _part_label(clash.second)
            lines.append(f"  {clash.severity:<8} {clash.kind:<17} {first}  |  {second}")
            lines.append(f"  {'':<26} {sentence(clash, words.name)}")
    drivers = len({c.driver.id for c in clashes})
    lines += ["", f"{_counts(clashes)} for {_plural(drivers, 'driver')}."]
    return "\n".join(lines)


def substitutes_json(found: list[Substitute]) -> str:
    records = [{"driver": s.driver, "team": s.team, "reason": s.reason} for s in found]
    return json_array(records, "driver")


GROUP_TITLES = ("Drivers of the team", "Drivers who have raced the series", "Other free drivers")


def substitutes_table(found: list[Substitute]) -> str:
    """The free drivers under the heading of their group, best first."""
    if not found:
        return "No driver is free for this seat."
    lines: list[str] = []
    group: int | None = None
    for sub in found:
        if sub.group != group:
            group = sub.group
            lines += ([""] if lines else []) + [GROUP_TITLES[group] + ":"]
        team = f" [{sub.team}]" if sub.team else ""
        lines.append(f"  {sub.driver}{team}: {sub.reason}")
    return "\n".join(lines)
