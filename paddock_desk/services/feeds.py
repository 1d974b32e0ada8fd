"""Subscription feeds: one per driver, team and series, each at a secret path.

Usage::

    feeds = list_feeds(db)                 # creates the feeds that are missing (first use)
    reset_feed(db, "Alexandre Imperatori") # a new token: the old path stops working
    served = feed_calendar(db, token)      # the .ics bytes, ETag and Last-Modified, or None

A token is ``secrets.token_urlsafe(24)``: 192 random bits, URL-safe. A feed is named by the id of
its driver, team or series, so renaming one keeps its address. The feed's DTSTAMP and
Last-Modified are the instant its events last changed (remembered with a hash of them), so an
unchanged feed is the same bytes, and the same ETag, on every request.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.model import Season
from paddock_desk.interop.ics_export import CalendarSpec, write_calendar
from paddock_desk.interop.names import closest, fold
from paddock_desk.services.calendar_export import ExportTarget, Sequences, spec_of
from paddock_desk.store.database import Database
from paddock_desk.store.schema import (
    DriverRow,
    FeedRow,
    FeedSettingRow,
    MeetingRow,
    SeriesRow,
    SessionRow,
    TeamRow,
)
from paddock_desk.store.season_loader import load_season

FeedKind = Literal["driver", "team", "series"]
KINDS: tuple[FeedKind, ...] = ("driver", "team", "series")
_TABLES: dict[str, type[DriverRow] | type[TeamRow] | type[SeriesRow]] = {
    "driver": DriverRow, "team": TeamRow, "series": SeriesRow,
}
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,100}")
REFRESH = "PT1H"
"""How often a subscribed calendar should fetch the feed again (REFRESH-INTERVAL, TTL)."""


class FeedError(PaddockError):
    """A feed that cannot be found or changed as asked."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True, slots=True)
class Feed:
    kind: FeedKind
    name: str
    token: str

    @property
    def path(self) -> str:
        return f"/feeds/{self.token}.ics"

    @property
    def page_path(self) -> str:
        return f"/feeds/{self.token}.html"

    def url(self, base: str | None) -> str | None:
        return base.rstrip("/") + self.path if base else None

    def target(self) -> ExportTarget:
        return ExportTarget(self.kind, self.name)


def _names(session: Session, kind: FeedKind) -> dict[int, str]:
    table = _TABLES[kind]
    return {i: n for i, n in session.execute(select(table.id, table.name))}


def _ensure(session: Session) -> list[Feed]:
    have = {(r.kind, r.ref_id): r for r in session.scalars(select(FeedRow))}
    feeds: list[Feed] = []
    for kind in KINDS:
        for ref_id, name in sorted(_names(session, kind).items(), key=lambda x: (x[1], x[0])):
            row = have.get((kind, ref_id))
            if row is None:
                row = FeedRow(kind=kind, ref_id=ref_id, token=new_token())
                session.add(row)
            feeds.append(Feed(kind, name, row.token))
    return feeds


def list_feeds(db: Database) -> list[Feed]:
    """Every driver's, team's and series' feed (drivers, then teams, then series, by name);
    the feeds missing so far are created (when another program creates them at the same moment,
    its tokens are kept)."""
    for attempt in range(3):
        try:
            with db.session() as session, session.begin():
                return _ensure(session)
        except IntegrityError:
            if attempt == 2:
                raise FeedError("The feeds are being created by someone else; try again.") from None
    raise AssertionError("unreachable")


def reset_feed(db: Database, name: str) -> list[Feed]:
    """Give the feed(s) called ``name`` (a driver, team or series) a new token."""
    with db.session() as session, session.begin():
        feeds = _ensure(session)
        session.flush()
        chosen = [f for f in feeds if f.name == name] or [
            f for f in feeds if fold(f.name) == fold(name)
        ]
        if not chosen:
            hint = closest(name, sorted({f.name for f in feeds}))
            suggestion = f' Did you mean "{hint}"?' if hint else ""
            raise FeedError(f'No driver, team or series named "{name}".{suggestion}')
        fresh: list[Feed] = []
        for feed in chosen:
            row = session.scalars(select(FeedRow).where(FeedRow.token == feed.token)).one()
            row.token = new_token()
            row.content_hash = None
            fresh.append(Feed(feed.kind, feed.name, row.token))
        return fresh


def base_url(db: Database) -> str | None:
    """The address the feeds are served at (set by ``serve --base-url``), or None."""
    with db.session() as session:
        row = session.get(FeedSettingRow, "base_url")
        return row.value if row else None


def set_base_url(db: Database, url: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise FeedError(f"{url} is not a web address: give an http:// or https:// URL.")
    with db.session() as session, session.begin():
        row = session.get(FeedSettingRow, "base_url")
        if row is None:
            session.add(FeedSettingRow(key="base_url", value=url))
        else:
            row.value = url


@dataclass(frozen=True, slots=True)
class ServedFeed:
    """What a request for a feed gets: the feed, its calendar, bytes, ETag and Last-Modified."""

    feed: Feed
    spec: CalendarSpec
    season: Season
    data: bytes
    etag: str
    modified: datetime


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _sequences(session: Session) -> Sequences:
    meetings = {i: s or 0 for i, s in session.execute(select(MeetingRow.id, MeetingRow.sequence))}
    sessions = {i: s or 0 for i, s in session.execute(select(SessionRow.id, SessionRow.sequence))}
    return Sequences(meetings, sessions)


def feed_calendar(db: Database, token: str, now: datetime | None = None) -> ServedFeed | None:
    """The feed at ``token`` as served now (read in one transaction), or None: no such feed."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    with db.session() as session, session.begin():
        row = session.scalars(select(FeedRow).where(FeedRow.token == token)).one_or_none()
        if row is None or row.kind not in KINDS:
            return None
        kind: FeedKind = row.kind
        name = _names(session, kind).get(row.ref_id)
        if name is None:
            return None
        season = load_season(session.connection())
        feed = Feed(kind, name, token)
        spec = spec_of(season, _sequences(session), feed.target(), now=_EPOCH)
        spec = CalendarSpec(spec.name, spec.events, _EPOCH, spec.description, REFRESH)
        digest = hashlib.sha256(write_calendar(spec)).hexdigest()
        if row.content_hash != digest or row.modified is None:
            row.content_hash = digest
            row.modified = (now or datetime.now(UTC)).replace(microsecond=0)
        modified = row.modified
    served = CalendarSpec(spec.name, spec.events, modified, spec.description, REFRESH)
    data = write_calendar(served)
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    return ServedFeed(feed, served, season, data, etag, modified)


def qr_svg(text: str) -> bytes:
    """``text`` (a feed's address) as a QR code in SVG with its quiet zone (draw it on white)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=4)
    data: bytes = image.to_string()
    return data
