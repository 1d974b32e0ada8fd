"""The clash engine as the document uses it: clashes per driver, which meetings a clash names.

The engine (paddock_desk.domain.clashes) checks drivers; this module keeps the document's use of
it in one place, and yields no clashes while the engine is not installed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from paddock_desk.domain.model import Season


def _engine() -> Any:
    try:
        from paddock_desk.domain import clashes
    except ImportError:
        return None
    return clashes


def check(season: Season, driver_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The clashes and warnings of each driver in ``driver_ids`` (an empty list when none)."""
    ids = list(driver_ids)
    result: dict[int, list[Any]] = {d: [] for d in ids}
    engine = _engine()
    if engine is None:
        return result
    for clash in engine.check_drivers(season, ids):
        result.setdefault(driver_id(clash), []).append(clash)
    return result


def ordered(season: Season, by_driver: dict[int, list[Any]]) -> list[Any]:
    """All clashes, ordered by driver name then start."""
    drivers = season.drivers
    keys = sorted(by_driver, key=lambda d: drivers[d].name if d in drivers else "")
    return [c for d in keys for c in by_driver[d]]


def driver_id(clash: Any) -> int:
    return int(clash.driver_id)


def meeting_ids(clash: Any) -> tuple[int, ...]:
    """The meetings a clash names (one for an unavailability clash)."""
    second = getattr(clash, "second_meeting_id", None)
    first = int(clash.first_meeting_id)
    return (first,) if second is None else (first, int(second))
