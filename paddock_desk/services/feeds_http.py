"""The feed server as a WSGI application (``paddock-desk serve`` runs it on waitress).

Read-only: GET and HEAD of ``/feeds/TOKEN.ics`` (the calendar, ``text/calendar``) and
``/feeds/TOKEN.html`` (the page to read on a phone), with an ETag and Last-Modified, and 304 to
a matching If-None-Match (or, without one, an If-Modified-Since not older than the feed).
Anything else is one and the same 404, whether or not a token ever existed (the path as sent must
have that shape too, so no dot segments or escapes reach a feed); a method other than
GET or HEAD is 405 on every path. The database is read for every request, so edits show at once.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from paddock_desk.services.feed_page import CONTENT_SECURITY_POLICY, feed_page
from paddock_desk.services.feeds import ServedFeed, base_url, feed_calendar
from paddock_desk.store.database import Database

log = logging.getLogger(__name__)

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

FEED_PATH = re.compile(r"/feeds/([A-Za-z0-9_-]{32,100})\.(ics|html)")
ALLOW = "GET, HEAD"
_COMMON = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cache-Control", "private, no-cache"),
]
_NOT_FOUND = b"Not found.\n"


def _reply(
    start: StartResponse, status: str, headers: list[tuple[str, str]], body: bytes, head: bool
) -> list[bytes]:
    start(status, [*headers, *_COMMON, ("Content-Length", str(len(body)))])
    return [] if head else [body]


def _not_found(start: StartResponse, head: bool) -> list[bytes]:
    return _reply(start, "404 Not Found", [("Content-Type", "text/plain; charset=utf-8")],
                  _NOT_FOUND, head)


def _tags(header: str) -> set[str]:
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


def _fresh(environ: dict[str, Any], etag: str, modified: datetime) -> bool:
    """Whether the client's copy is current (If-None-Match first, else If-Modified-Since)."""
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        tags = _tags(match)
        return "*" in tags or etag in tags
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _feed_url(db: Database, environ: dict[str, Any], served: ServedFeed) -> str:
    base = base_url(db)
    if not base:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
        base = f"{environ.get('wsgi.url_scheme', 'http')}://{host}"
    return base.rstrip("/") + served.feed.path


def make_app(db: Database) -> WsgiApp:
    """The WSGI application serving ``db``'s feeds."""

    def app(environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        head = method == "HEAD"
        if method not in ("GET", "HEAD"):
            return _reply(start, "405 Method Not Allowed",
                          [("Allow", ALLOW), ("Content-Type", "text/plain; charset=utf-8")],
                          b"Only GET and HEAD.\n", False)
        found = FEED_PATH.fullmatch(environ.get("PATH_INFO", ""))
        raw = str(environ.get("REQUEST_URI", "")).split("?", 1)[0]
        if found is None or (raw and not FEED_PATH.fullmatch(raw)):
            return _not_found(start, head)
        token, kind = found.groups()
        try:
            served = feed_calendar(db, token)
            if served is None:
                return _not_found(start, head)
            if kind == "ics":
                body, ctype, extra = served.data, "text/calendar; charset=utf-8", []
            else:
                body = feed_page(served, _feed_url(db, environ, served))
                ctype = "text/html; charset=utf-8"
                extra = [("Content-Security-Policy", CONTENT_SECURITY_POLICY)]
        except SQLAlchemyError:
            log.exception("the database could not be read")
            return _reply(start, "503 Service Unavailable",
                          [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "60")],
                          b"The season database cannot be read just now.\n", head)
        etag = served.etag if kind == "ics" else _html_tag(body)
        headers = [("ETag", etag), ("Last-Modified", format_datetime(served.modified, usegmt=True))]
        if _fresh(environ, etag, served.modified):
            start("304 Not Modified", [*headers, *_COMMON])
            return []
        return _reply(start, "200 OK", [("Content-Type", ctype), *headers, *extra], body, head)

    return app


def _html_tag(body: bytes) -> str:
    return '"h' + hashlib.sha256(body).hexdigest()[:31] + '"'
