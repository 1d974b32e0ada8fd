"""RFC 5545 content lines: escaping, parameters, folding at 75 octets, CRLF.

Every value that comes from the database goes through :func:`escape_text` (or
:func:`param_value`), so a name holding a line break, a colon or a semicolon stays inside its
property and can never start a new one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

CRLF = "\r\n"
FOLD_OCTETS = 75

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_TEXT_SPECIAL = re.compile(r"[\\;,\n]")
_TEXT_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, ';', ',' and line breaks escaped.

    Any line break (CRLF, CR or LF) becomes ``\\n``; other control characters, which TEXT
    may not hold, are dropped.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], value)


def param_value(value: str) -> str:
    """A parameter value: quoted when it holds ':', ';' or ','; quotes and controls dropped."""
    value = _CONTROL.sub("", value.replace("\n", " ").replace("\r", " ")).replace('"', "")
    if any(c in value for c in ":;,"):
        return f'"{value}"'
    return value


def fold(line: str) -> str:
    """One content line folded at 75 octets, never inside a UTF-8 sequence, CRLF-terminated."""
    if len(line) <= FOLD_OCTETS and line.isascii():
        return line + CRLF
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return line + CRLF
    parts: list[bytes] = []
    start, limit = 0, FOLD_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, FOLD_OCTETS - 1  # the leading space of a continuation counts
    parts.append(data[start:])
    return (b"\r\n ".join(parts)).decode("utf-8") + CRLF


def format_utc(instant: datetime) -> str:
    """An instant as an RFC 5545 UTC DATE-TIME (``20240331T120000Z``)."""
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def format_local(moment: datetime) -> str:
    """The wall-clock reading of ``moment`` as a DATE-TIME without zone (``20240331T140000``)."""
    return moment.strftime("%Y%m%dT%H%M%S")


def format_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def format_offset(offset: timedelta) -> str:
    """A UTC-OFFSET value: ``+0200``, ``-0330``, with seconds only when there are some."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}{minutes:02d}"
    return text + (f"{secs:02d}" if secs else "")


def format_duration_minutes(minutes: int) -> str:
    """A negative DURATION of ``minutes`` for an alarm trigger (``-PT15M``; ``PT0S`` for 0)."""
    return f"-PT{minutes}M" if minutes else "PT0S"


class ContentWriter:
    """Collects content lines and returns the folded iCalendar text."""

    def __init__(self) -> None:
        self._lines: list[str] = []

    def line(self, name: str, value: str, /, **params: str) -> None:
        """A property whose value is already in iCalendar form (escaped where it is TEXT).

        Parameters are given as keywords (``tzid=...``), already made safe by
        :func:`param_value` where they come from data.
        """
        head = name
        for key, val in params.items():
            head += f";{key.replace('_', '-').upper()}={val}"
        self._lines.append(fold(f"{head}:{value}"))

    def text(self, name: str, value: str) -> None:
        """A TEXT property, escaped."""
        self._lines.append(fold(f"{name}:{escape_text(value)}"))

    def begin(self, component: str) -> None:
        self._lines.append(f"BEGIN:{component}{CRLF}")

    def end(self, component: str) -> None:
        self._lines.append(f"END:{component}{CRLF}")

    def extend(self, other: ContentWriter) -> None:
        self._lines.extend(other._lines)

    def getvalue(self) -> str:
        return "".join(self._lines)
