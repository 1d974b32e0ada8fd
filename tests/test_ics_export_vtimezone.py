"""Our VTIMEZONEs, read by dateutil and icalendar as zones of their own, give the same UTC offset
as the IANA database at every half hour of the years they cover, in both hemispheres."""

from __future__ import annotations

import bisect
import io
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

import icalendar
import pytest
from dateutil import tz as dateutil_tz
from dateutil.rrule import rrulestr

from paddock_desk.interop.vtimezone import vtimezone, yearly_pattern

WALL = "%Y%m%dT%H%M%S"

CASES = [
    ("Europe/Paris", date(2024, 3, 31), date(2024, 10, 27)),
    ("Europe/London", date(2024, 1, 1), date(2024, 12, 31)),
    ("Australia/Melbourne", date(2024, 3, 1), date(2024, 4, 30)),
    ("Australia/Lord_Howe", date(2024, 1, 1), date(2024, 12, 31)),
    ("Pacific/Auckland", date(2024, 1, 1), date(2024, 12, 31)),
    ("America/Santiago", date(2022, 1, 1), date(2024, 12, 31)),
    ("America/Sao_Paulo", date(2017, 6, 1), date(2019, 6, 1)),
    ("America/Sao_Paulo", date(2024, 11, 1), date(2024, 11, 3)),
    ("America/New_York", date(2024, 3, 10), date(2024, 11, 3)),
    ("America/Indiana/Indianapolis", date(2005, 1, 1), date(2007, 12, 31)),
    ("America/Phoenix", date(2024, 3, 10), date(2024, 3, 10)),
    ("Asia/Macau", date(2018, 11, 15), date(2024, 11, 18)),
    ("Asia/Tokyo", date(2024, 1, 1), date(2024, 12, 31)),
    ("Europe/Moscow", date(2010, 1, 1), date(2015, 12, 31)),
    ("Africa/Casablanca", date(2024, 1, 1), date(2024, 12, 31)),
    ("Europe/Dublin", date(2024, 1, 1), date(2024, 12, 31)),
]


def _calendar(text: str) -> str:
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{text}END:VCALENDAR\r\n"


def _dateutil(text: str) -> tzinfo:
    found = dateutil_tz.tzical(io.StringIO(_calendar(text)))
    return found.get()


def _icalendar(text: str) -> tzinfo:
    (component,) = icalendar.Calendar.from_ical(_calendar(text)).walk("VTIMEZONE")
    return component.to_tz(lookup_tzid=False)  # type: ignore[no-any-return]


def _instants(iana: tzinfo, first: date, last: date) -> list[datetime]:
    """Every 6 hours over the dates, and every half hour across each change of offset."""
    start = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=1)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=2)
    found: list[datetime] = []
    t = start
    while t < end:
        step = t + timedelta(hours=6)
        if t.astimezone(iana).utcoffset() != step.astimezone(iana).utcoffset():
            found += [t + timedelta(minutes=30 * i) for i in range(12)]
        else:
            found.append(t)
        t = step
    return found


@pytest.mark.parametrize("reader", [_dateutil, _icalendar], ids=["dateutil", "icalendar"])
@pytest.mark.parametrize(
    ("tzid", "first", "last"), CASES, ids=[f"{c[0]}-{c[1].year}" for c in CASES]
)
def test_offsets_match_the_iana_database(
    tzid: str, first: date, last: date, reader: Callable[[str], tzinfo]
) -> None:
    ours = reader(vtimezone(tzid, first, last))
    iana = ZoneInfo(tzid)
    # Python's tzinfo.fromutc, which both readers rely on, tells the two readings of a repeated
    # hour apart only when the first is summer time: the others (Moscow, October 2014;
    # Casablanca's negative summer time) are skipped.
    instants = [t for t in _instants(iana, first, last) if not _odd_repeat(t.astimezone(iana))]
    wrong = [
        (t.isoformat(), t.astimezone(ours).utcoffset(), t.astimezone(iana).utcoffset())
        for t in instants
        if t.astimezone(ours).utcoffset() != t.astimezone(iana).utcoffset()
    ]
    assert wrong == []


def _odd_repeat(local: datetime) -> bool:
    first, second = local.replace(fold=0), local.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return False
    return not (first.dst() and first.dst() > timedelta(0) and not second.dst())


class LiteralReading:
    """RFC 5545 read to the letter: every onset of every observance in UTC (its DTSTART and
    RRULE dates on the wall clock of TZOFFSETFROM, UNTIL in UTC); at any instant the offset is
    the TZOFFSETTO of the latest onset. No tzinfo arithmetic is involved."""

    def __init__(self, text: str, horizon: int = 2040) -> None:
        onsets: list[tuple[datetime, timedelta]] = []
        block: dict[str, str] = {}
        for line in text.replace("\r\n ", "").split("\r\n"):
            if line in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
                block = {}
            elif line in ("END:STANDARD", "END:DAYLIGHT"):
                onsets += self._onsets(block, horizon)
            elif ":" in line:
                name, value = line.split(":", 1)
                block[name] = value
        onsets.sort()
        self.instants = [at for at, _ in onsets]
        self.offsets = [offset for _, offset in onsets]

    @staticmethod
    def _onsets(block: dict[str, str], horizon: int) -> list[tuple[datetime, timedelta]]:
        """Wall-clock readings are handled tagged UTC, then moved by TZOFFSETFROM."""
        start = datetime.strptime(block["DTSTART"], WALL).replace(tzinfo=UTC)
        before, after = _offset(block["TZOFFSETFROM"]), _offset(block["TZOFFSETTO"])
        walls = [start]
        if "RRULE" in block:
            parts = dict(p.split("=") for p in block["RRULE"].split(";"))
            until = datetime(horizon, 1, 1, tzinfo=UTC)
            if "UNTIL" in parts:
                until = datetime.strptime(parts["UNTIL"], WALL + "Z").replace(tzinfo=UTC) + before
            parts["UNTIL"] = until.strftime(WALL) + "Z"
            rule = ";".join(f"{k}={v}" for k, v in parts.items())
            walls = list(rrulestr(rule, dtstart=start))
        return [(wall - before, after) for wall in walls]

    def offset_at(self, t: datetime) -> timedelta | None:
        i = bisect.bisect_right(self.instants, t) - 1
        return self.offsets[i] if i >= 0 else None


def _offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[3:5]),
                            seconds=int(text[5:7] or 0))


def _literal_mismatches(tzid: str, first: date, last: date) -> list[str]:
    ours = LiteralReading(vtimezone(tzid, first, last))
    iana = ZoneInfo(tzid)
    return [
        f"{tzid} {t.isoformat()}: {ours.offset_at(t)} != {t.astimezone(iana).utcoffset()}"
        for t in _instants(iana, first, last)
        if ours.offset_at(t) != t.astimezone(iana).utcoffset()
    ]


HISTORY = [
    ("Asia/Colombo", date(1995, 1, 1), date(1998, 12, 31)),  # no change since 1942, then two
    ("America/Danmarkshavn", date(1995, 1, 1), date(1998, 12, 31)),  # left summer time for GMT
    ("Europe/Lisbon", date(1995, 1, 1), date(1998, 12, 31)),  # CET to WET
    ("Pacific/Apia", date(2010, 1, 1), date(2012, 12, 31)),  # skipped 30 December 2011
    ("Europe/Moscow", date(2010, 1, 1), date(2015, 12, 31)),
    ("America/Sao_Paulo", date(2015, 1, 1), date(2020, 12, 31)),
    ("Europe/Paris", date(1975, 1, 1), date(1998, 12, 31)),  # autumn moved September to October
]


@pytest.mark.parametrize(("tzid", "first", "last"), HISTORY, ids=[h[0] for h in HISTORY])
def test_history_read_to_the_letter(tzid: str, first: date, last: date) -> None:
    assert _literal_mismatches(tzid, first, last) == []


def test_every_iana_zone_read_to_the_letter_2023_to_2025() -> None:
    wrong: list[str] = []
    for tzid in sorted(available_timezones()):
        wrong += _literal_mismatches(tzid, date(2023, 1, 1), date(2025, 12, 31))[:1]
    assert wrong == []


def test_zone_with_summer_time_ends_in_two_open_yearly_rules() -> None:
    text = vtimezone("Australia/Melbourne", date(2024, 3, 1), date(2024, 4, 30))
    tail = text[text.index("BEGIN:STANDARD\r\nDTSTART:20080406T030000"):]
    assert tail.count("BEGIN:DAYLIGHT") == 1 and tail.count("BEGIN:STANDARD") == 1
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n" in tail  # summer from October
    assert "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\n" in tail
    assert "UNTIL" not in tail
    for absent in ("RDATE", "COMMENT"):
        assert absent not in text


def test_same_zone_same_vtimezone_in_every_export_of_this_century() -> None:
    """Readers that keep the first VTIMEZONE they meet for a TZID (vobject) stay right."""
    for tzid in ("America/Sao_Paulo", "Australia/Melbourne", "Europe/Paris"):
        assert vtimezone(tzid, date(2018, 11, 9), date(2018, 11, 11)) == vtimezone(
            tzid, date(2024, 3, 1), date(2024, 12, 1)
        )


def test_us_rules_second_sunday_of_march_first_of_november() -> None:
    text = vtimezone("America/New_York", date(2024, 3, 10), date(2024, 3, 10))
    assert "DTSTART:20070311T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n" in text
    assert "BYMONTH=3;BYDAY=2SU\r\n" in text and "BYMONTH=11;BYDAY=1SU\r\n" in text
    assert "UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU" in text  # the rules before 2007


def test_rules_that_changed_are_closed_by_until() -> None:
    """Brazil moved the start of summer time to November in 2018 and dropped it in 2019."""
    text = vtimezone("America/Sao_Paulo", date(2018, 11, 1), date(2019, 2, 28))
    text = text.replace("\r\n ", "")  # unfolded
    assert "RRULE:FREQ=YEARLY;UNTIL=20171015T030000Z;BYMONTH=10;BYDAY=3SU" in text
    assert "DTSTART:20181104T000000" in text
    # the end of summer time moved a week for carnival in 2015: "Sunday on or after the 16th"
    assert "UNTIL=20190217T020000Z;BYMONTH=2;BYDAY=SU;BYMONTHDAY=16,17,18,19,20,21,22" in text
    assert "RDATE" not in text


@pytest.mark.parametrize("tzid", ["Asia/Macau", "America/Phoenix", "Asia/Kuala_Lumpur"])
def test_zone_without_summer_time_is_a_single_standard(tzid: str) -> None:
    text = vtimezone(tzid, date(2024, 1, 1), date(2024, 12, 31))
    assert text.count("BEGIN:STANDARD") == 1
    assert "DAYLIGHT" not in text and "RRULE" not in text and "RDATE" not in text


def test_every_line_is_crlf_and_short() -> None:
    text = vtimezone("Europe/Paris", date(2024, 1, 1), date(2024, 12, 31))
    assert re.fullmatch(r"(?:[^\r\n]{1,75}\r\n)+", text)
    assert text.startswith("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n")


def _walls(*days: tuple[int, int, int]) -> list[datetime]:
    return [datetime(y, m, d, 2, tzinfo=UTC) for y, m, d in days]


def test_yearly_patterns() -> None:
    assert yearly_pattern(_walls((2023, 3, 26), (2024, 3, 31))) == "BYMONTH=3;BYDAY=-1SU"
    assert yearly_pattern(_walls((2023, 3, 12), (2024, 3, 10))) == "BYMONTH=3;BYDAY=2SU"
    # Israel's "Friday before the last Sunday": Friday on or after the 23rd of March
    assert yearly_pattern(_walls((2023, 3, 24), (2024, 3, 29))) == (
        "BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29"
    )
    assert yearly_pattern(_walls((2021, 3, 22), (2022, 3, 22))) == "BYMONTH=3;BYMONTHDAY=22"
    assert yearly_pattern(_walls((2023, 3, 19), (2024, 4, 14))) is None
