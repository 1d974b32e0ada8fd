"""Time zones named by a calendar file, resolved in the order the import rules give.

A TZID is resolved by the file's own VTIMEZONE first; then as an IANA name; then as a Windows
name through the CLDR mapping that icalendar ships, or as Outlook's display name of one
("(UTC-05:00) Eastern Time (US & Canada)", by CLDR's display names, else by a city it names);
then as a fixed offset ("UTC+03:00", "GMT+9"). A VTIMEZONE whose rules cannot be used falls
back to its TZID by the same steps.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, available_timezones

import icalendar
from dateutil.tz import tzical
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from paddock_desk.interop.ics_windows_names import DISPLAY_NAMES

_OFFSET = r"(?:UTC|GMT)\s*(?:(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?"
_FIXED = re.compile(_OFFSET, re.IGNORECASE)
_DISPLAY = re.compile(r"\(([^)]*)\).*")
"""Outlook's display names: "(UTC+01:00) Amsterdam, Berlin, Bern"."""
_WINDOWS = {name.casefold(): iana for name, iana in WINDOWS_TO_OLSON.items()}
_DISPLAY_NAME = re.compile(r"\(\s*(?:UTC|GMT)[^)]*\)\s*(?P<place>.+)", re.IGNORECASE)
_DISPLAY_NAMES = {name.casefold(): windows for name, windows in DISPLAY_NAMES.items()}


class UnknownZoneError(ValueError):
    """A TZID that no VTIMEZONE, IANA name, Windows name or offset explains."""

    def __init__(self, tzid: str) -> None:
        super().__init__(f'unknown time zone "{tzid}"')
        self.tzid = tzid


@dataclass(frozen=True)
class ResolvedZone:
    """A zone to read times in; ``iana`` names the place's zone when the TZID tells one."""

    tzinfo: tzinfo
    iana: str | None
    fixed_name: str | None = None
    """For a fixed offset: an "Etc/GMT-3"-style IANA name, or "UTC" when none fits."""

    def stored_name(self) -> str | None:
        """A zone name a circuit can keep: the IANA zone, else the fixed offset's name."""
        return self.iana or self.fixed_name


def _iana_names() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


_IANA = _iana_names()


def iana_zone(name: str) -> ResolvedZone | None:
    """``name`` as an IANA zone, also inside a prefix such as "/mozilla.org/2005_1/Europe/Rome"."""
    parts = name.strip().strip("/").split("/")
    for first in range(len(parts)):
        found = _IANA.get("/".join(parts[first:]).casefold())
        if found:
            return ResolvedZone(ZoneInfo(found), found)
    return None


def windows_zone(name: str) -> ResolvedZone | None:
    """A Windows zone name ("W. Europe Standard Time") as its CLDR IANA zone."""
    found = _WINDOWS.get(name.strip().casefold())
    if found is None:
        return None
    found = _IANA.get(found.casefold(), found)
    return ResolvedZone(ZoneInfo(found), found)


def display_zone(name: str) -> ResolvedZone | None:
    """An Outlook display name ("(UTC+01:00) Amsterdam, Berlin, ...") as the IANA zone of the
    Windows zone it shows, else of the first city it names that IANA knows."""
    match = _DISPLAY_NAME.fullmatch(name.strip())
    if match is None:
        return None
    place = " ".join(match["place"].split())
    windows = _DISPLAY_NAMES.get(place.casefold())
    if windows is not None:
        return windows_zone(windows)
    for city in re.split(r",|\band\b", place):
        found = _CITIES.get(city.strip().replace(" ", "_").casefold())
        if found:
            return ResolvedZone(ZoneInfo(found), found)
    return None


def _cities() -> dict[str, str]:
    """The city of every IANA place zone ("Europe/Rome" -> "rome"), for display names."""
    out: dict[str, str] = {}
    for name in sorted(available_timezones()):
        area, _, city = name.rpartition("/")
        if area and not name.startswith("Etc/"):
            out.setdefault(city.casefold(), name)
    return out


_CITIES = _cities()


def fixed_zone(name: str) -> ResolvedZone | None:
    """A fixed offset name such as "UTC+03:00", "GMT+9" or "(UTC-05:00) Eastern Time"."""
    display = _DISPLAY.fullmatch(name.strip())
    match = _FIXED.fullmatch((display[1] if display else name).strip())
    if match is None:
        return None
    hours = int(match["h"] or 0)
    minutes = int(match["m"] or 0)
    if hours > 14 or minutes > 59:
        return None
    sign = -1 if match["sign"] == "-" else 1
    offset = sign * timedelta(hours=hours, minutes=minutes)
    if offset == timedelta(0):
        return ResolvedZone(UTC, None, "UTC")
    # IANA's Etc zones count west as positive: UTC+03:00 is Etc/GMT-3.
    etc = f"Etc/GMT{'-' if sign > 0 else '+'}{hours}" if minutes == 0 and hours <= 12 else "UTC"
    return ResolvedZone(timezone(offset), None, etc)


def zone_by_name(name: str) -> ResolvedZone:
    """Resolve a zone name without a VTIMEZONE: IANA, Windows (or its display name), fixed
    offset, else an error."""
    cleaned = name.strip().strip('"')
    for step in (iana_zone, windows_zone, display_zone, fixed_zone):
        found = step(cleaned)
        if found is not None:
            return found
    raise UnknownZoneError(name)


def _usable(tz: tzinfo) -> bool:
    """Whether a zone built from a VTIMEZONE answers offsets for ordinary dates."""
    try:
        for month in (1, 7):
            if datetime(2024, month, 1, 12, tzinfo=tz).utcoffset() is None:
                return False
    except Exception:  # noqa: BLE001 - broken rules fail in many ways inside dateutil
        return False
    return True


def _rules(text: str) -> tzinfo | None:
    """A zone from VTIMEZONE text: read by dateutil (what icalendar itself ends up calling,
    several times faster), else by icalendar; None when neither gives usable offsets."""
    readers = (_dateutil_rules, _icalendar_rules)
    for read in readers:
        try:
            tz = read(text)
        except Exception:  # noqa: BLE001 - a broken VTIMEZONE fails in many ways
            continue
        if _usable(tz):
            return tz
    return None


def _dateutil_rules(text: str) -> tzinfo:
    found = tzical(io.StringIO(text)).get()
    if found is None:
        raise ValueError("no zone in the VTIMEZONE")
    return found


def _icalendar_rules(text: str) -> tzinfo:
    component = icalendar.Timezone.from_ical(text)
    assert isinstance(component, icalendar.Timezone)
    found: tzinfo = component.to_tz(lookup_tzid=False)
    return found


def vtimezone_zone(tzid: str, text: str, location: str | None) -> ResolvedZone | None:
    """The zone a VTIMEZONE block defines, or None when its rules are unusable."""
    tz = _rules(text)
    if tz is None:
        return None
    named: ResolvedZone | None = None
    for candidate in (location, tzid):
        if candidate:
            named = iana_zone(candidate) or windows_zone(candidate) or display_zone(candidate)
        if named is not None:
            break
    if named is None:
        fixed = fixed_zone(tzid)
        return ResolvedZone(tz, None, fixed.fixed_name if fixed else same_rules(tz))
    return ResolvedZone(tz, named.iana)


_AREAS = ("Europe", "America", "Asia", "Australia", "Pacific", "Africa", "Atlantic", "Indian")
_SAMPLES = [datetime(2024, 1, 1, 12, tzinfo=UTC) + timedelta(days=d) for d in range(0, 1096, 1)]


def same_rules(tz: tzinfo) -> str | None:
    """An IANA zone giving ``tz``'s offsets every day of 2024-2026 (for a VTIMEZONE named
    "Customized Time Zone"), to keep as a zone to check; None when none does."""
    try:
        wanted = [when.astimezone(tz).utcoffset() for when in _SAMPLES]
    except Exception:  # noqa: BLE001 - broken rules fail in many ways inside dateutil
        return None
    for name in _candidates(wanted[0], wanted[182]):
        place = ZoneInfo(name)
        if all(when.astimezone(place).utcoffset() == off for when, off in zip(
            _SAMPLES, wanted, strict=True
        )):
            return name
    return None


def _candidates(january: timedelta | None, july: timedelta | None) -> list[str]:
    """Place zones with these offsets on 1 January and 1 July 2024, by area then name."""
    found = []
    for name in sorted(available_timezones()):
        area = name.split("/", 1)[0]
        if area not in _AREAS or "/" not in name:
            continue
        place = ZoneInfo(name)
        if (_SAMPLES[0].astimezone(place).utcoffset(),
                _SAMPLES[182].astimezone(place).utcoffset()) == (january, july):
            found.append(name)
    return sorted(found, key=lambda n: (_AREAS.index(n.split("/", 1)[0]), n))


class ZoneResolver:
    """Resolves the TZIDs of one file, remembering each answer."""

    def __init__(self, vtimezones: dict[str, tuple[str, str | None]]) -> None:
        """``vtimezones`` maps a TZID to its VTIMEZONE text and X-LIC-LOCATION."""
        self._vtimezones = vtimezones
        self._cache: dict[str, ResolvedZone] = {}

    def resolve(self, tzid: str) -> ResolvedZone:
        """The zone ``tzid`` names; raises :class:`UnknownZoneError` when nothing explains it."""
        key = tzid.strip().strip('"')
        found = self._cache.get(key)
        if found is None:
            found = self._resolve(key)
            self._cache[key] = found
        return found

    def _resolve(self, tzid: str) -> ResolvedZone:
        block = self._vtimezones.get(tzid)
        if block is not None:
            own = vtimezone_zone(tzid, *block)
            if own is not None:
                return own
        return zone_by_name(tzid)
