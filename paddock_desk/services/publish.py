"""Publishing a calendar to a CalDAV collection (DESIGN: "Publishing to phones").

Usage::

    password = find_password(url, user)           # $PADDOCK_DESK_CALDAV_PASSWORD or the keyring
    result = publish(db, url, ExportTarget("driver", "Alexandre Imperatori"),
                     user=user, password=password, dry_run=False)
    result.summary()     # {"created": [...], "updated": [...], "deleted": [...], "unchanged": N}

Each event of :func:`~paddock_desk.services.calendar_export.spec_of` is one resource named by
its UID (``UID.ics``), holding the VEVENT as ``export-ics`` writes it and its VTIMEZONE. An
unchanged event is not written; a changed one is replaced in place (``If-Match`` its ETag); a new
one is created only if still absent (``If-None-Match: *``); ours that left the scope are
deleted (see :mod:`~paddock_desk.services.publish_plan` for which are ours). Writes go one by
one, so a publish cut short leaves every event either old or new, and publishing again finishes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from paddock_desk.domain.model import Season
from paddock_desk.interop.ics_export import (
    CalendarSpec,
    event_uid,
    write_calendar,
    write_resource,
)
from paddock_desk.services.caldav_collection import CalendarCollection, PublishError
from paddock_desk.services.calendar_export import ExportTarget, load_for_export, spec_of
from paddock_desk.services.change_report import Change, changes, soon
from paddock_desk.services.publish_plan import Plan, plan
from paddock_desk.store.database import Database

__all__ = ["PublishError", "PublishResult", "find_password", "publish", "store_password"]

PASSWORD_ENV = "PADDOCK_DESK_CALDAV_PASSWORD"
KEYRING_SERVICE = "paddock-desk"


def keyring_user(url: str, user: str | None) -> str:
    """The keyring's user name for a login: ``user@host`` (the host of ``url``)."""
    host = urlsplit(url).hostname or url
    return f"{user or ''}@{host}"


def find_password(url: str, user: str | None) -> str | None:
    """The password: $PADDOCK_DESK_CALDAV_PASSWORD, else the system keyring, else None."""
    given = os.environ.get(PASSWORD_ENV)
    if given:
        return given
    if not user:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            found: str | None = keyring.get_password(KEYRING_SERVICE, keyring_user(url, user))
        except KeyringError:
            return None
        return found
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None


def store_password(url: str, user: str, password: str) -> None:
    """Keep the password in the system keyring (the app asks once, never stores it itself)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(url, user), password)
    except KeyringError as exc:
        raise PublishError(f"The system keyring cannot keep the password: {exc}") from None


@dataclass(frozen=True, slots=True)
class PublishResult:
    """What a publish did (or, dry run, would do), and the change report in words."""

    url: str
    title: str
    plan: Plan
    created_calendar: bool
    dry_run: bool
    changes: list[str] = field(default_factory=list)
    soon: list[str] = field(default_factory=list)
    """The changes to events that start within 24 hours: subscribers may not see them in time."""

    def summary(self) -> dict[str, Any]:
        return self.plan.summary()

    def describe(self) -> str:
        """E.g. "Published Alexandre Imperatori (driver) to URL: 1 updated, 12 unchanged."."""
        s = self.plan.summary()
        counts = [
            f"{len(s[k])} {k}" for k in ("created", "updated", "deleted") if s[k]
        ] + [f"{s['unchanged']} unchanged"]
        verb = "Would publish" if self.dry_run else "Published"
        made = " (new calendar)" if self.created_calendar else ""
        head = f"{verb} {self.title} to {self.url}{made}: {', '.join(counts)}."
        if not self.plan.writes:
            head += " Nothing to write."
        return "\n".join([head, *(f"  {line}" for line in self.changes)])


def _joined(texts: list[str]) -> bytes:
    """The server's resources as one calendar, for the change report."""
    inner: list[str] = []
    for text in texts:
        lines = text.replace("\r\n", "\n").split("\n")
        inner.extend(line for line in lines if line and "VCALENDAR" not in line)
    return ("BEGIN:VCALENDAR\r\n" + "\r\n".join(inner) + "\r\nEND:VCALENDAR\r\n").encode()


def publish(
    db: Database,
    url: str,
    target: ExportTarget,
    *,
    user: str | None,
    password: str | None,
    dry_run: bool = False,
    now: datetime | None = None,
) -> PublishResult:
    """Make the calendar at ``url`` hold ``target``'s events (see the module's docstring)."""
    now = now or datetime.now(UTC)
    season, seq = load_for_export(db)
    spec = spec_of(season, seq, target, now=now)
    wanted = {e.uid: write_resource(e, spec.stamp) for e in spec.events}
    collection = CalendarCollection(url, user, password)
    with collection.speaking():
        exists = collection.exists()
        held = collection.items() if exists else []
        todo = plan(wanted, held, season_uids(season))
        report = _report(todo, spec) if exists else []
        if not dry_run:
            if not exists:
                collection.create(spec.name)
            _apply(collection, todo)
    return PublishResult(
        collection.url, spec.name, todo, not exists, dry_run, [c.text for c in report],
        [c.text for c in soon(report, now)],
    )


def season_uids(season: Season) -> set[str]:
    """The UIDs of every meeting and session of the season, in any calendar."""
    uids: set[str] = set()
    for m in season.meetings.values():
        uids.add(event_uid(m.series, m.start_date.year, m.round))
    for s in season.sessions.values():
        owner = season.meetings.get(s.meeting_id)
        if owner is not None:
            uids.add(event_uid(owner.series, owner.start_date.year, owner.round, s.name))
    return uids


def _report(todo: Plan, spec: CalendarSpec) -> list[Change]:
    """The change report over the events a publish writes (old copies from the server)."""
    if not todo.writes:
        return []
    old = [r.text for _uid, r, _b in todo.update] + [r.text for _uid, r in todo.delete]
    touched = {uid for uid, _b in todo.create} | {uid for uid, _r, _b in todo.update}
    new = replace(spec, events=[e for e in spec.events if e.uid in touched])
    return changes(_joined(old), write_calendar(new))


def _apply(collection: CalendarCollection, todo: Plan) -> None:
    done = 0
    try:
        for uid, body in todo.create:
            collection.put(collection.href_for(uid), body, None, new=True)
            done += 1
        for _uid, there, body in todo.update:
            collection.put(there.href, body, there.etag, new=False)
            done += 1
        for _uid, there in todo.delete:
            collection.delete(there.href, there.etag)
            done += 1
    except PublishError as exc:
        if not done:
            raise
        raise PublishError(
            f"{exc} Stopped after {done} of {todo.writes} changes; publish again to finish."
        ) from None
