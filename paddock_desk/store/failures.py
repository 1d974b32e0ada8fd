"""Database failures told as sentences: which file or server, what happened, what to do.

The drivers' own texts ("database disk image is malformed", psycopg's connection report) are
read here and never shown as they are; a password is never shown. :func:`explain` turns any
exception a database command can meet into such a sentence, or None for one it does not know.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from paddock_desk.domain.errors import PaddockError

BACKENDS = {"sqlite": ("pysqlite",), "postgresql": ("psycopg",)}
"""The databases Paddock Desk keeps seasons in, and the drivers it talks to them with."""

URL_HINT = "give a file path, sqlite:///FILE or postgresql+psycopg://USER@HOST/DATABASE"

NEARLY_FULL = 4 * 1024 * 1024
"""Free bytes below which a disk counts as full."""

_PASSWORD = re.compile(r"(//[^/@:]*:)[^@/]*@")


class BadDatabaseName(PaddockError):
    """--db (or $PADDOCK_DESK_DB) is not a path or a URL Paddock Desk can use: bad usage."""

    exit_status = 2


def hide_password(text: str) -> str:
    """``text`` (a URL, perhaps one SQLAlchemy cannot read) with its password as ***."""
    return _PASSWORD.sub(r"\1***@", text)


def check_url(text: str) -> URL:
    """The URL ``text`` read, or BadDatabaseName saying what is wrong with it."""
    shown = hide_password(text)
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        netloc = text.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        port = netloc.rsplit(":", 1)[1] if ":" in netloc else ""
        if port and not port.isdigit():
            raise BadDatabaseName(
                f"the database URL {shown} has a port that is not a number ('{port}')"
            ) from None
        raise BadDatabaseName(f"{shown} is not a database URL; {URL_HINT}") from None
    drivers = BACKENDS.get(url.get_backend_name())
    if drivers is None:
        raise BadDatabaseName(
            f"the database URL {shown} names {url.get_backend_name()}; Paddock Desk keeps "
            f"seasons in SQLite files or on PostgreSQL servers: {URL_HINT}"
        )
    if "+" in url.drivername and url.get_driver_name() not in drivers:
        raise BadDatabaseName(
            f"the database URL {shown} names the driver '{url.get_driver_name()}', which "
            f"Paddock Desk does not use; write {url.get_backend_name()}+{drivers[0]}://..."
        )
    return url


def place(url: str) -> str:
    """The file or server of ``url`` as a message names it (never the password)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return hide_password(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "the in-memory database"
    return parsed.render_as_string(hide_password=True)


def _server(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432} (for {place(url)})"


def _sqlite_sentence(reason: str, path: str) -> str | None:
    lowered = reason.lower()
    if "malformed" in lowered or "corrupt" in lowered:
        return f"the database file {path} is damaged; restore a copy from a backup"
    if "file is not a database" in lowered:
        return (
            f"{path} is not a database file, or it is damaged; restore a copy from a backup "
            "(or name another file)"
        )
    if "database or disk is full" in lowered:
        return (
            f"the disk holding {path} is full: free some space and try again"
        )
    if "database is locked" in lowered or "database table is locked" in lowered:
        return (
            f"{path} is locked: another program is writing to it; try again when it has finished"
        )
    if "readonly database" in lowered or "read-only" in lowered:
        return (
            f"{path} is read-only (the file or its folder cannot be written)"
        )
    if "unable to open database file" in lowered:
        return _unopenable(Path(path))
    if "disk i/o error" in lowered and _nearly_full(Path(path).parent):
        return f"the disk holding {path} is full: free some space and try again"
    if "disk i/o error" in lowered:
        return (
            f"reading or writing {path} failed (a disk or file system error); check "
            "the disk and try again"
        )
    return None


def _nearly_full(folder: Path) -> bool:
    """Whether the disk of ``folder`` has (next to) no room left: SQLite then often reports
    an I/O error of its -wal or -shm file instead of a full disk."""
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL
    except OSError:
        return False


def _unopenable(path: Path) -> str:
    folder = path.parent
    if path.is_dir():
        return f"{path} is a folder, not a database file (name a file such as {path / 'season.db'})"
    if not folder.is_dir():
        return f"cannot open {path}: the folder {folder} does not exist"
    if not path.exists():
        return f"cannot create {path}: its folder {folder} cannot be written"
    if not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return f"{path} is read-only (the file or its folder cannot be written)"
    return f"cannot open {path}: the file or its folder cannot be read or written"


def _server_sentence(reason: str, url: str) -> str:
    lowered = reason.lower()
    server = _server(url)
    name = make_url(url).database or ""
    if "connection refused" in lowered:
        return f"cannot reach the database server {server}: it refused the connection"
    if "translate host name" in lowered or "name or service not known" in lowered:
        return f"cannot find the database server {server} (no such host name)"
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        user = make_url(url).username or "(no user)"
        return f"the database server {server} refused the user {user} (wrong or missing password)"
    if "does not exist" in lowered and "database" in lowered:
        return f"there is no database '{name}' on the server {server}"
    if "timeout" in lowered or "timed out" in lowered:
        return f"the database server {server} did not answer in time"
    if "no space left" in lowered or "disk full" in lowered:
        return f"the database server {server} has no disk space left"
    if "read-only transaction" in lowered:
        return f"the database {place(url)} is read-only for this user"
    first = hide_password(reason.strip().splitlines()[0]) if reason.strip() else "no reason given"
    return f"the database {place(url)} failed: {first}"


def _os_sentence(exc: OSError) -> str:
    what = exc.filename or "a file"
    if exc.errno == errno.ENOSPC:
        return f"the disk holding {what} is full; free some space and try again"
    if exc.errno == errno.EROFS:
        return f"cannot write {what}: its file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write {what}: permission denied (the file or its folder is read-only)"
    return f"cannot use {what}: {exc.strerror or exc}"


def explain(exc: BaseException, url: str) -> str | None:
    """A sentence for ``exc`` met while using the database ``url``; None when not a known kind."""
    reason = getattr(exc, "orig", None) or exc
    kind = type(reason)
    if kind.__module__.startswith(("sqlite3", "_sqlite3")):
        return _sqlite_sentence(str(reason), place(url)) or (
            f"the database {place(url)} failed: {str(reason).splitlines()[0]}"
        )
    if kind.__module__.startswith("psycopg"):
        return _server_sentence(str(reason), url)
    if isinstance(reason, OSError):
        return _os_sentence(reason)
    return None
