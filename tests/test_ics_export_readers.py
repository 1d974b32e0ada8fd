"""Independent readers of exported calendars, each giving UID -> (start, end).

A start or end is written "D2024-03-22" for a date and "2024-03-22T01:30:00Z" for an instant
(in UTC), so that every reader can be compared with every other and with the database.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

Spans = dict[str, tuple[str, str]]

SYSTEM_PYTHON = "/usr/bin/python3"

LIBICAL_PROBE = r"""
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

cal = I.Component.new_from_string(sys.stdin.buffer.read().decode("utf-8"))
utc = I.Timezone.get_utc_timezone()

def when(t):
    if t.is_date():
        return "D%04d-%02d-%02d" % (t.get_year(), t.get_month(), t.get_day())
    if t.get_timezone() is None and not t.is_utc():
        return "floating"
    u = t.convert_to_zone(utc)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (
        u.get_year(), u.get_month(), u.get_day(), u.get_hour(), u.get_minute(), u.get_second())

out = {}
c = cal.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
while c is not None:
    out[c.get_uid()] = [when(c.get_dtstart()), when(c.get_dtend())]
    c = cal.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
print(json.dumps(out))
"""


def when(value: Any) -> str:
    """A date or an aware datetime, written as the readers are compared."""
    if isinstance(value, datetime):
        assert value.tzinfo is not None and value.utcoffset() is not None, value
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert isinstance(value, date), value
    return "D" + value.isoformat()


def read_icalendar(data: bytes) -> Spans:
    import icalendar

    cal = icalendar.Calendar.from_ical(data)
    return {
        str(e["UID"]): (when(e.decoded("DTSTART")), when(e.decoded("DTEND")))
        for e in cal.walk("VEVENT")
    }


def read_ical(data: bytes) -> Spans:
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return {str(e.uid): (when(e.dtstart), when(e.dtend)) for e in cal.events}


def read_vobject(data: bytes) -> Spans:
    import vobject

    cal = vobject.readOne(io.StringIO(data.decode("utf-8")))
    return {
        e.uid.value: (when(e.dtstart.value), when(e.dtend.value))
        for e in cal.contents.get("vevent", [])
    }


def libical_available() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    check = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    return subprocess.run([SYSTEM_PYTHON, "-c", check], capture_output=True).returncode == 0


def read_libical(data: bytes) -> Spans:
    if not libical_available():
        pytest.skip("libical through GObject introspection (gi, gir1.2-ical-3.0) is not installed")
    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", LIBICAL_PROBE], input=data, capture_output=True, check=True
    )
    return {uid: (span[0], span[1]) for uid, span in json.loads(done.stdout).items()}


READERS = {
    "icalendar": read_icalendar,
    "ical": read_ical,
    "vobject": read_vobject,
    "libical": read_libical,
}


def rename_zones(data: bytes, prefix: str = "Paddock-") -> bytes:
    """The same calendar with every TZID renamed to no IANA name, so that a reader must use
    the file's own VTIMEZONE instead of its own zone database."""
    text = data.decode("utf-8")
    text = re.sub(r"(TZID[:=])([A-Za-z_]+/[A-Za-z_/+-]+)", rf"\g<1>{prefix}\g<2>", text)
    return text.encode("utf-8")


_APT = re.compile(
    r"^(\d\d)/(\d\d)/(\d{4}) @ (\d\d):(\d\d) -> (\d\d)/(\d\d)/(\d{4}) @ (\d\d):(\d\d)"
    r"(?:>[0-9a-f]+ )?\|(.*)$"
)
_EVENT = re.compile(r"^(\d\d)/(\d\d)/(\d{4}) \[1\](?: \{1D -> (\d\d)/(\d\d)/(\d{4})\})?"
                    r"(?: ?>[0-9a-f]+)? (.*)$")


def calcurse_read(data: bytes, tmp: Path) -> dict[str, tuple[str, str]]:
    """Summary -> (first, last) as calcurse stores what it imported, its clock on UTC.

    All-day events give their first and last day ("D..."); appointments their UTC start and end.
    """
    if shutil.which("calcurse") is None:
        pytest.skip("calcurse is not installed")
    folder = tmp / "calcurse"
    folder.mkdir()
    ics = tmp / "calendar-for-calcurse.ics"
    ics.write_bytes(data)
    env = {"TZ": "UTC", "HOME": str(tmp), "PATH": "/usr/bin:/bin"}
    subprocess.run(["calcurse", "-D", str(folder), "-i", str(ics)], env=env, check=True,
                   capture_output=True)
    found: dict[str, tuple[str, str]] = {}
    for line in (folder / "apts").read_text(encoding="utf-8").splitlines():
        if m := _APT.match(line):
            mo, d, y, hh, mi, mo2, d2, y2, hh2, mi2, summary = m.groups()
            found[summary] = (f"{y}-{mo}-{d}T{hh}:{mi}:00Z", f"{y2}-{mo2}-{d2}T{hh2}:{mi2}:00Z")
        elif m := _EVENT.match(line):
            mo, d, y, mo2, d2, y2, summary = m.groups()
            last = f"D{y2}-{mo2}-{d2}" if y2 else f"D{y}-{mo}-{d}"
            found[summary] = (f"D{y}-{mo}-{d}", last)
        else:
            raise AssertionError(f"calcurse stored a line this test cannot read: {line!r}")
    return found


def database_spans(db: Any, *, meetings: set[int] | None = None) -> tuple[Spans, Spans]:
    """What the database says, as the readers write it: (UID -> span, summary -> calcurse span).

    The UID is computed here from its definition (uuid5 of series, year, round and session),
    not taken from the exporter.
    """
    import uuid
    from datetime import timedelta

    from paddock_desk.interop.ics_export import UID_NAMESPACE
    from paddock_desk.services.calendar_export import meeting_summary, session_title
    from paddock_desk.store.season_loader import load_season

    def uid(*parts: str) -> str:
        return str(uuid.uuid5(UID_NAMESPACE, "\x1f".join(parts)))

    with db.engine.connect() as conn:
        season = load_season(conn)
    by_uid: Spans = {}
    by_summary: Spans = {}
    for m in season.meetings.values():
        if meetings is not None and m.id not in meetings:
            continue
        key = (m.series, str(m.start_date.year), m.round)
        by_uid[uid(*key, "")] = (when(m.start_date), when(m.end_date + timedelta(days=1)))
        by_summary[meeting_summary(m)] = (when(m.start_date), when(m.end_date))
    for s in season.sessions.values():
        m = season.meetings[s.meeting_id]
        if meetings is not None and m.id not in meetings:
            continue
        key = (m.series, str(m.start_date.year), m.round)
        by_uid[uid(*key, s.name)] = (when(s.start), when(s.end))
        by_summary[f"{meeting_summary(m)} - {session_title(s.name)}"] = (
            when(s.start.replace(second=0)), when(s.end.replace(second=0)))
    return by_uid, by_summary
