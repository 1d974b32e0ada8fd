"""A tally of each season table, read in one query, to tell which tables a commit changed.

Used where a PostgreSQL login may not create the NOTIFY triggers (see :mod:`change_feed`): the
feed reads the tallies every second and names the tables whose tally moved. A tally is the
number of rows, the sum of their versions, the sum of their ids and the sum of their ``xmin``
(the transaction that wrote each row version): every saved change raises a row's version
(DESIGN: it "grows by at least one with every saved change of that row"), an insert or a delete
changes the count, a delete of one row with an insert of another in one commit still moves the
sum of ids, and an UPDATE typed by hand that leaves ``version`` alone still writes a new row
version with a new ``xmin``. (A VACUUM that froze rows could move the last sum without a change:
that costs one needless re-read, never a missed change.) One statement reads every table in
one snapshot, so a commit touching several tables is seen whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Tally = tuple[int, int, int, int]
"""(rows, sum of versions, sum of ids, sum of xmin) of one table."""


def tally_query(tables: Iterable[str]) -> str:
    """The one SELECT that gives (table, rows, sums of versions, ids and xmin) of each table."""
    return " UNION ALL ".join(
        f"SELECT '{name}', count(*), coalesce(sum(version), 0), coalesce(sum(id), 0), "
        f"coalesce(sum(xmin::text::bigint), 0) FROM {name}"
        for name in tables
    )


def read_tallies(cursor: Any, query: str) -> dict[str, Tally]:
    """Run ``query`` (from :func:`tally_query`) on a DB-API cursor or psycopg connection."""
    return {str(name): (int(rows), int(versions), int(ids), int(xmins))
            for name, rows, versions, ids, xmins in cursor.execute(query).fetchall()}


def moved(before: Mapping[str, Tally], after: Mapping[str, Tally]) -> list[str]:
    """The tables whose tally differs, in ``after``'s order."""
    return [name for name, tally in after.items() if before.get(name) != tally]
