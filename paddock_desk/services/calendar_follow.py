"""Following published calendars: fetch an .ics URL, import it, refresh it later.

``webcal://`` is read as ``https://``. A fetch has timeouts and a size limit, and a refresh sends
the ETag and Last-Modified of the last fetch, so a calendar the server says is unchanged (304) is
not imported again. A fetch that fails (no network, an HTTP error, not a calendar) raises
:class:`FetchError` with one sentence saying why; nothing is imported then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select

from paddock_desk import __version__
from paddock_desk.domain.errors import PaddockError
from paddock_desk.services.calendar_import import CalendarSource
from paddock_desk.services.import_preview import ImportPreview, preview_import
from paddock_desk.store.database import Database
from paddock_desk.store.schema import SeriesRow

MAX_BYTES = 20 * 1024 * 1024
"""The largest calendar a fetch accepts (a season of every series is well under 2 MB)."""
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
USER_AGENT = f"Paddock Desk/{__version__} (calendar follower)"
_URL = re.compile(r"(?:https?|webcals?)://", re.IGNORECASE)


class FetchError(PaddockError):
    """A calendar URL that could not be fetched; the message says why in one sentence."""


def is_url(text: str) -> bool:
    """Whether ``text`` names a calendar on the web (http, https or webcal)."""
    return bool(_URL.match(text.strip()))


def web_url(text: str) -> str:
    """``text`` as the URL to fetch: webcal:// and webcals:// read as https://."""
    url = text.strip()
    scheme, _, rest = url.partition("://")
    return f"https://{rest}" if scheme.lower() in ("webcal", "webcals") else url


@dataclass(frozen=True)
class Fetched:
    """A fetch's answer: the calendar's bytes (None when not modified) and its validators."""

    url: str
    data: bytes | None
    etag: str | None = None
    last_modified: str | None = None


def fetch(url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """GET ``url`` (conditionally when validators are given); FetchError when it fails."""
    target = web_url(url)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers=headers) as client:
            with client.stream("GET", target) as response:
                return _answer(url, response)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: the server did not answer in time; nothing was changed") from exc
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        message = f"{url}: cannot reach the server ({reason}); nothing was changed"
        raise FetchError(message) from exc


def _answer(url: str, response: httpx.Response) -> Fetched:
    if response.status_code == 304:
        return Fetched(url, None)
    if response.status_code >= 400:
        raise FetchError(
            f"{url}: the server answered {response.status_code} {response.reason_phrase}; "
            "nothing was changed"
        )
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) > MAX_BYTES:
            raise FetchError(
                f"{url}: the calendar is larger than {MAX_BYTES // (1024 * 1024)} MB; "
                "nothing was changed"
            )
    if not bytes(data).lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        kind = response.headers.get("Content-Type", "no content type").split(";")[0]
        raise FetchError(f"{url}: the answer is not a calendar (it is {kind}); nothing was changed")
    return Fetched(url, bytes(data), response.headers.get("ETag"),
                   response.headers.get("Last-Modified"))


def saved(fetched: Fetched, folder: Path, series: str | None = None) -> CalendarSource:
    """The fetched calendar written into ``folder`` (named as the URL names it) to import."""
    assert fetched.data is not None
    name = Path(urlsplit(web_url(fetched.url)).path).name or "calendar.ics"
    stem = re.sub(r"[^\w.-]+", "_", Path(name).stem) or "calendar"
    path = folder / f"{stem}.ics"
    count = 1
    while path.exists():
        count += 1
        path = folder / f"{stem}-{count}.ics"
    path.write_bytes(fetched.data)
    return CalendarSource(path, fetched.url, series, fetched.etag, fetched.last_modified)


@dataclass
class Refresh:
    """What a refresh did: the preview of its import, and the series not modified."""

    preview: ImportPreview | None
    unchanged: list[str] = field(default_factory=list)


def followed(db: Database, series: str | None = None) -> list[tuple[str, str, str | None,
                                                                    str | None]]:
    """The followed series (name, URL, ETag, Last-Modified), all or the one named."""
    with db.session() as session:
        query = select(SeriesRow).where(SeriesRow.source_url.is_not(None))
        rows = [r for r in session.scalars(query.order_by(SeriesRow.name))]
    if series is not None:
        rows = [r for r in rows if r.name.casefold() == series.casefold()]
        if not rows:
            raise PaddockError(f'no series named "{series}" follows a calendar URL')
    return [(r.name, r.source_url or "", r.etag, r.last_modified) for r in rows]


def refresh(
    db: Database,
    folder: Path,
    *,
    series: str | None = None,
    dry_run: bool = False,
    cancel_missing: bool = False,
    gone_hint: str = "",
) -> Refresh:
    """Fetch every followed URL (or the named series') and import what changed; what is gone
    is reported with ``gone_hint`` (how to cancel it, where the report is read).

    Every URL is fetched before anything is imported, so one failed fetch changes nothing.
    """
    sources, unchanged = fetch_followed(db, folder, series=series, cancel_missing=cancel_missing)
    if not sources:
        return Refresh(None, unchanged)
    preview = preview_import(db, sources, apply=not dry_run, gone_hint=gone_hint)
    return Refresh(preview, unchanged)


def fetch_followed(
    db: Database, folder: Path, *, series: str | None = None, cancel_missing: bool = False
) -> tuple[list[CalendarSource], list[str]]:
    """The followed calendars fetched into ``folder``, and the series not modified since.

    With ``cancel_missing`` every calendar is fetched whole (no validators are sent): what a
    plain refresh reported gone is still gone from a calendar that has not changed since, and
    the user asks for it to be cancelled now.
    """
    sources: list[CalendarSource] = []
    unchanged: list[str] = []
    for name, url, etag, modified in followed(db, series):
        answer = fetch(url) if cancel_missing else fetch(url, etag, modified)
        if answer.data is None:
            unchanged.append(name)
            continue
        source = saved(answer, folder, name)
        sources.append(CalendarSource(source.path, url, name, answer.etag, answer.last_modified,
                                      follow=True, cancel_missing=cancel_missing))
    return sources, unchanged


def fetch_sources(items: Sequence[str | Path], folder: Path) -> list[Path | CalendarSource]:
    """Files as they are, URLs fetched into ``folder``: what ``import`` reads."""
    out: list[Path | CalendarSource] = []
    for item in items:
        text = str(item)
        out.append(saved(fetch(text), folder) if is_url(text) else Path(text))
    return out
