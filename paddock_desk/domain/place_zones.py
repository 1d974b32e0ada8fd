"""The time zones a place can be in: IANA's zones of the world's regions, and UTC.

IANA's database also holds names that are no place: ``localtime`` and ``posixrules`` (copies of
a machine's settings), ``Factory``, the fixed offsets of ``Etc/`` (whose signs run backwards),
legacy abbreviations (``EST5EDT``, ``GMT``) and the old country and state links (``Japan``,
``US/Eastern``). A circuit or a driver's home is somewhere, so only names under a region
(``Europe/Paris``, ``America/Argentina/Buenos_Aires``) are places; UTC is kept as the one zone
of no place, for a driver who lives by it.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

REGIONS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
     "Indian", "Pacific"}
)
NO_PLACE = "UTC"


@cache
def place_zone_names() -> frozenset[str]:
    """Every zone a circuit or a home can be in."""
    return frozenset(n for n in available_timezones() if is_place_zone(n))


def is_place_zone(name: str) -> bool:
    """Whether ``name`` is written as a place zone (its existence is checked elsewhere)."""
    return name == NO_PLACE or name.split("/", 1)[0] in REGIONS and "/" in name
