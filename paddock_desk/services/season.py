"""The app's way to a season: open a database, read its season, follow other staff's commits.

The desktop app goes through these functions and never reaches into the store. SQLAlchemy and the
store are imported only when a database is opened or read, so that the app's window can paint
before (start-up speed); the names and URLs below need nothing heavy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit, urlunsplit

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Season

if TYPE_CHECKING:  # the types the app names, so that it need not reach into the store
    from sqlalchemy.engine import Connection

    from paddock_desk.services.editing import ChangeSet
    from paddock_desk.store.change_feed import ChangeFeed as ChangeFeed
    from paddock_desk.store.change_feed import Notice as Notice
    from paddock_desk.store.database import Database as Database


def season_url(target: str | Path) -> str:
    """The URL of ``target``: a URL stays as it is, a file path becomes sqlite:/// (absolute)."""
    text = str(target)
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def url_without_password(target: str | Path) -> str:
    """The database's URL with any password left out: what settings and titles may hold."""
    url = season_url(target)
    parts = urlsplit(url)
    if parts.password is None:
        return url
    userinfo, _, host_port = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]  # as written (still percent-encoded)
    netloc = f"{user}@{host_port}" if user else host_port
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def display_name(target: str | Path) -> str:
    """A short name for titles: the file name, or the server's URL without password."""
    url = url_without_password(target)
    if url.startswith("sqlite"):
        return Path(url.split("///", 1)[-1] or "memory").name
    return url


def team_database_url(host: str, port: int, database: str, user: str, password: str) -> str:
    """The SQLAlchemy URL of a team database on a PostgreSQL server."""
    auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    host_part = f"[{host}]" if ":" in host else host
    return f"postgresql+psycopg://{auth}@{host_part}:{port}/{quote(database, safe='')}"


def is_server(target: str | Path) -> bool:
    return season_url(target).startswith("postgresql")


# ---- opening ------------------------------------------------------------------------------------

def open_season_database(target: str | Path) -> Database:
    """Open (creating and migrating where needed) the database ``target``: a path or a URL."""
    from paddock_desk.store.database import open_database

    return open_database(target)


def new_season_file(path: Path) -> Database:
    """A new, empty season in the SQLite file ``path``; an existing file is never overwritten."""
    if path.exists() and path.stat().st_size > 0:
        raise PaddockError(f"{path.name} already exists; open it with File > Open Season.")
    return open_season_database(path)


@contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """A connection reading one snapshot (REPEATABLE READ on PostgreSQL) in one transaction."""
    from paddock_desk.store.transactions import read_snapshot

    with read_snapshot(db.engine) as conn:
        yield conn


def read_season(db: Database) -> Season:
    """Every row of the season, read in one go."""
    from paddock_desk.store.season_loader import load_season

    with _snapshot(db) as conn:
        return load_season(conn)


READ_AGAIN: dict[str, tuple[str, ...]] = {
    # a changed table, and the Season parts holding its rows (meetings name their circuit and
    # series, cars their series and team)
    "circuits": ("circuits", "meetings"),
    "series": ("series", "meetings", "cars", "lineup_rules"),
    "teams": ("teams", "cars"),
    "meetings": ("meetings",),
    "sessions": ("sessions",),
    "drivers": ("drivers",),
    "cars": ("cars",),
    "lineups": ("assignments",),
    "unavailability": ("unavailability",),
    "lineup_rules": ("lineup_rules",),
    "documents": ("documents",),
}
PART_ORDER = ("circuits", "series", "meetings", "sessions", "teams", "drivers", "cars",
              "assignments", "unavailability", "lineup_rules", "documents")
"""Season parts in the order they are read (meetings need the circuits read first)."""


def _read_part(conn: Connection, fresh: Season, part: str) -> dict[Any, Any]:
    """The rows of one Season part, keyed as the Season keeps them."""
    from paddock_desk.store import rules_loader
    from paddock_desk.store import season_loader as rows

    if part == "circuits":
        return {c.name: c for c in rows.read_circuits(conn)}
    if part == "series":
        return {x.name: x for x in rows.read_series(conn)}
    if part == "meetings":
        return {m.id: m for m in rows.read_meetings(conn, fresh.circuits)}
    readers: dict[str, Callable[[Connection], Iterable[Any]]] = {
        "sessions": rows.read_sessions, "teams": rows.read_teams, "drivers": rows.read_drivers,
        "cars": rows.read_cars, "assignments": rows.read_assignments,
        "unavailability": rows.read_unavailability,
        "lineup_rules": rules_loader.read_lineup_rules, "documents": rules_loader.read_documents,
    }
    return {x.id: x for x in readers[part](conn)}


def read_tables(db: Database, season: Season, tables: Iterable[str] | None) -> Season:
    """A new Season: the parts that ``tables`` feed read again, the rest shared with ``season``.

    ``tables`` None (or naming a table not known here) reads everything. Reads are one
    transaction, so the parts read are consistent with each other.
    """
    from paddock_desk.store.season_loader import load_season

    named = set(tables) if tables is not None else None
    if named is None or not named <= READ_AGAIN.keys():
        return read_season(db)
    parts = {part for table in named for part in READ_AGAIN[table]}
    fresh = dataclasses.replace(season)
    with _snapshot(db) as conn:
        for part in PART_ORDER:
            if part not in parts:
                continue
            try:
                setattr(fresh, part, _read_part(conn, fresh, part))
            except KeyError:  # a row naming one that this reading does not know yet
                return load_season(conn)
    return fresh


def refresh_drivers(db: Database, season: Season, driver_ids: Iterable[int]) -> None:
    """Read the line-ups and unavailability of ``driver_ids`` again into ``season``."""
    from paddock_desk.services.edits_refresh import patch_drivers

    with db.engine.connect() as conn:
        patch_drivers(conn, season, driver_ids)


def refresh_rows(db: Database, season: Season, change: ChangeSet) -> Season | None:
    """Read the rows ``change`` names into ``season``; a whole new Season when that cannot be.

    Returns None when ``season`` was brought up to date in place.
    """
    from paddock_desk.services.edits_refresh import patch_rows
    from paddock_desk.store.season_loader import load_season

    with db.engine.connect() as conn:
        if patch_rows(conn, season, change):
            return None
        return load_season(conn)  # circuits, series, teams: rare edits


# ---- following other staff's commits -----------------------------------------------------------

def follow_changes(db: Database, on_notices: Callable[[list[Notice]], None]) -> ChangeFeed:
    """Start hearing other connections' commits to ``db``; ``on_notices`` runs on a worker thread.

    On PostgreSQL this database's own connections are tagged first, so its own commits arrive
    marked ``ours``.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from paddock_desk.store.change_feed import ChangeFeed, tag_connections

    token = tag_connections(db.engine) if db.engine.dialect.name == "postgresql" else ""
    feed = ChangeFeed(db.engine, on_notices, token)
    try:
        feed.start()
    except SQLAlchemyError as exc:  # e.g. the server cannot be reached (a login that may not
        # create the NOTIFY triggers is no failure: the feed then polls)
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise PaddockError(
            f"Other staff's changes cannot be shown live on this database ({reason}); "
            "File > Reload reads them."
        ) from exc
    return feed


def users_named(notices: Iterable[Notice], me: str | None) -> list[str]:
    """The database users named in ``notices`` that are not ``me``, sorted (none: unknown)."""
    return sorted({n.user for n in notices if n.user and n.user != me})


def who_changed(notices: Iterable[Notice], me: str | None) -> str:
    """"another user", or the database users named in ``notices`` that are not ``me``."""
    return ", ".join(users_named(notices, me)) or "another user"
