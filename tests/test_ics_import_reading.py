"""Reading calendars as the common clients write them: zones, quirks, refusals, recurrences."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from paddock_desk.interop.circuit_matching import (
    CircuitMatcher,
    KnownCircuit,
    location_parts,
    normalise,
)
from paddock_desk.interop.ics_grouping import MAX_OCCURRENCES, expand_recurrences
from paddock_desk.interop.ics_reading import CalendarRefusedError, EventRecord, read_calendar
from paddock_desk.interop.ics_zones import UnknownZoneError, zone_by_name

ICS = Path(__file__).parent / "data" / "ics"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def by_summary(path: Path) -> dict[str, EventRecord]:
    calendar = read_calendar(path)
    assert calendar.problems == []
    return {e.summary: e for e in calendar.events}


def instant(event: EventRecord) -> datetime:
    assert isinstance(event.start.value, datetime)
    return event.start.value.astimezone(UTC)


def test_google_utc_times_stay_the_same_instants_under_a_display_zone() -> None:
    calendar = read_calendar(ICS / "google.ics")
    assert calendar.name == "Spa 24 Hours 2024"
    assert calendar.display_zone is not None and calendar.display_zone.iana == "Europe/Brussels"
    race = {e.summary: e for e in calendar.events}["24 Hours of Spa - Race"]
    assert instant(race) == utc(2024, 6, 29, 14, 30)
    assert race.end.value == utc(2024, 6, 30, 14, 30)
    assert race.location == (
        "Circuit de Spa-Francorchamps, Route du Circuit 55, 4970 Stavelot, Belgium"
    )


def test_outlook_windows_zone_from_its_own_vtimezone_and_from_the_cldr_mapping() -> None:
    events = by_summary(ICS / "outlook.ics")
    monza = events["Monza test - Day 1"]
    assert instant(monza) == utc(2024, 7, 5, 7, 0)  # 09:00 CEST
    assert monza.start.zone is not None and monza.start.zone.iana == "Europe/Berlin"
    # "GMT Standard Time" has no VTIMEZONE in the file: the CLDR mapping gives Europe/London.
    silverstone = events["Silverstone test"]
    assert instant(silverstone) == utc(2024, 9, 3, 8, 0)  # 09:00 BST
    assert silverstone.start.zone is not None
    assert silverstone.start.zone.iana == "Europe/London"


def test_apple_vtimezone_southern_hemisphere_and_structured_location() -> None:
    events = by_summary(ICS / "apple.ics")
    assert instant(events["Race"]) == utc(2024, 2, 17, 18, 50)  # 05:50 AEDT (UTC+11)
    meeting = events["Bathurst 12 Hour"]
    assert meeting.all_day
    assert (meeting.start.value, meeting.end.value) == (date(2024, 2, 16), date(2024, 2, 19))
    assert meeting.geo == (-33.4475, 149.5556)


def test_own_vtimezone_comes_before_the_iana_name(tmp_path: Path) -> None:
    path = tmp_path / "odd.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTIMEZONE\nTZID:Europe/Paris\nBEGIN:STANDARD\n"
        "DTSTART:19700101T000000\nTZOFFSETFROM:+0500\nTZOFFSETTO:+0500\nEND:STANDARD\n"
        "END:VTIMEZONE\nBEGIN:VEVENT\nUID:x\nSUMMARY:Odd\n"
        "DTSTART;TZID=Europe/Paris:20240701T100000\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    (event,) = read_calendar(path).events
    assert instant(event) == utc(2024, 7, 1, 5, 0)


def test_unusable_vtimezone_falls_back_to_its_tzid() -> None:
    (event,) = read_calendar(ICS / "broken_vtimezone.ics").events
    assert instant(event) == utc(2024, 6, 23, 13, 0)  # 15:00 CEST in Madrid


def test_thunderbird_lf_file_with_all_day_meeting() -> None:
    events = by_summary(ICS / "thunderbird.ics")
    meeting = events["24h Nürburgring"]
    assert (meeting.start.value, meeting.end.value) == (date(2024, 5, 30), date(2024, 6, 3))
    race = events["24h Nürburgring - Race"]
    assert instant(race) == utc(2024, 6, 1, 14, 0)


def test_fixed_offset_zone_names() -> None:
    events = by_summary(ICS / "fixed_offset.ics")
    assert instant(events["Bahrain - Race"]) == utc(2024, 3, 2, 15, 0)  # UTC+03:00, unquoted
    assert instant(events["Okayama - Race"]) == utc(2024, 4, 14, 5, 0)  # GMT+9


@pytest.mark.parametrize(
    ("name", "iana", "offset_hours"),
    [
        ("Europe/Rome", "Europe/Rome", None),
        ("/mozilla.org/20050126_1/America/New_York", "America/New_York", None),
        ("W. Europe Standard Time", "Europe/Berlin", None),
        ("Tokyo Standard Time", "Asia/Tokyo", None),
        ("UTC-05:00", None, -5),
        ("GMT+5:30", None, 5.5),
        ("(UTC+08:00) Kuala Lumpur, Singapore", "Asia/Singapore", 8),
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York", -5),
        ("(GMT+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris", 1),
        ("(UTC+01:00) Madrid, Paris and elsewhere", "Europe/Madrid", 1),
        ("(UTC+03:00) Somewhere new", None, 3),
    ],
)
def test_zone_names_resolve_in_order(name: str, iana: str | None, offset_hours: float) -> None:
    found = zone_by_name(name)
    assert found.iana == iana
    if offset_hours is not None:
        when = datetime(2024, 1, 1, tzinfo=found.tzinfo)
        assert when.utcoffset() == timedelta(hours=offset_hours)


def test_unknown_zone_name_is_named() -> None:
    with pytest.raises(UnknownZoneError, match="Middle Earth Standard Time"):
        zone_by_name("Middle Earth Standard Time")


def test_floating_times_are_marked_for_the_import_to_place() -> None:
    events = by_summary(ICS / "floating.ics")
    race = events["Suzuka - Race"]
    assert race.start.floating
    assert race.start.value == utc(2024, 4, 7, 14, 0)  # wall clock, placed later


def test_quirks_lowercase_no_version_stray_spaces_no_dtend() -> None:
    calendar = read_calendar(ICS / "quirks.ics")
    assert calendar.name == "Quirky Cup"
    events = {e.summary: e for e in calendar.events}
    assert set(events) == {"Quirky Cup Round 1", "Quirky Cup Round 2"}
    timed = events["Quirky Cup Round 1"]
    assert timed.end.value == timed.start.value  # no DTEND: no time, as RFC 5545 says
    day = events["Quirky Cup Round 2"]
    assert (day.start.value, day.end.value) == (date(2024, 6, 1), date(2024, 6, 2))


def test_old_mac_line_ends_and_duration(tmp_path: Path) -> None:
    path = tmp_path / "cr.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\rBEGIN:VEVENT\rUID:a\rSUMMARY:Long\r race\r"
        b"DTSTART:20240601T100000Z\rDURATION:PT2H30M\rEND:VEVENT\rEND:VCALENDAR\r"
    )
    (event,) = read_calendar(path).events
    assert event.summary == "Longrace"
    assert event.end.value == utc(2024, 6, 1, 12, 30)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken_not_ical.ics", ["line 1", "not an iCalendar file"]),
        ("broken_truncated.ics", ["cut short", "END:VCALENDAR"]),
        ("broken_latin1.ics", ["line 15", "not UTF-8"]),
    ],
)
def test_unreadable_files_are_refused_naming_the_line(name: str, words: list[str]) -> None:
    with pytest.raises(CalendarRefusedError) as caught:
        read_calendar(ICS / name)
    for word in words:
        assert word in str(caught.value)
    assert name in str(caught.value)


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("broken_no_dtstart.ics", 13, ['"Mystery round"', "no start"]),
        ("broken_feb30.ics", 18, ["impossible date", "20240230"]),
        ("broken_unknown_zone.ics", 18, ['"Middle Earth Standard Time"']),
    ],
)
def test_bad_events_are_problems_naming_line_and_event(
    name: str, line: int, words: list[str]
) -> None:
    calendar = read_calendar(ICS / name)
    assert [e.summary for e in calendar.events] == ["Good round"]
    (problem,) = calendar.problems
    assert problem.line == line
    for word in words:
        assert word in str(problem)


def test_recurrence_with_exdate_and_recurrence_id() -> None:
    events, problems = expand_recurrences(read_calendar(ICS / "recurring.ics").events)
    assert problems == []
    weekly = sorted(instant(e) for e in events if e.summary == "Simulator session")
    assert weekly == [
        utc(2024, 3, 5, 10),
        utc(2024, 3, 12, 10),  # 19 Mar is an EXDATE
        utc(2024, 3, 27, 14),  # 26 Mar moved by its RECURRENCE-ID
        utc(2024, 4, 2, 9),  # British Summer Time from 31 Mar: 10:00 local
        utc(2024, 4, 9, 9),
    ]
    uids = [e.uid for e in events if e.summary == "Simulator session"]
    assert len(set(uids)) == 5


def test_endless_rule_stops_at_500_or_two_years(tmp_path: Path) -> None:
    events, _ = expand_recurrences(read_calendar(ICS / "recurring.ics").events)
    days = [e for e in events if e.summary == "Test day"]
    assert len(days) == MAX_OCCURRENCES
    path = tmp_path / "weekly.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:w\nSUMMARY:Gym\nDTSTART;VALUE=DATE:20240101\n"
        "RRULE:FREQ=WEEKLY\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    weekly, _ = expand_recurrences(read_calendar(path).events)
    starts = [e.start.value for e in weekly]
    assert starts[0] == date(2024, 1, 1) and starts[-1] == date(2025, 12, 29)
    assert len(starts) == 105


def test_location_names_compare_without_accents_case_and_filler_words() -> None:
    assert normalise("Autódromo Internacional do ALGARVE!") == normalise("algarve")
    assert location_parts("Sepang International Circuit, Kuala Lumpur - Malaysia") == [
        "Sepang International Circuit, Kuala Lumpur - Malaysia",
        "Sepang International Circuit",
        "Kuala Lumpur",
        "Malaysia",
    ]
    matcher = CircuitMatcher([KnownCircuit("Circuit de Spa-Francorchamps", 50.4372, 5.9714, "")])
    assert matcher.match("Spa Francorchamps", None) is not None
    assert matcher.match("Route du Circuit 55, Spa-Francorchamps, Belgium", None) is not None
    assert matcher.match("Stavelot", (50.44, 6.01)) is not None  # about 3 km away
    assert matcher.match("Stavelot", (50.44, 6.06)) is None  # about 6 km away


def test_rdate_adds_occurrences_and_a_date_exdate_removes_a_timed_one(tmp_path: Path) -> None:
    path = tmp_path / "rdate.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:r\nSUMMARY:Briefing\n"
        "DTSTART;TZID=Europe/Rome:20240601T090000\nDTEND;TZID=Europe/Rome:20240601T100000\n"
        "RDATE;TZID=Europe/Rome:20240608T090000,20240615T090000\n"
        "RDATE;VALUE=PERIOD:20240622T070000Z/PT1H\n"
        "EXDATE;VALUE=DATE:20240615\n"
        "END:VEVENT\nBEGIN:VEVENT\nUID:s\nSUMMARY:Stand-up\nDTSTART:20240603T080000Z\n"
        "RRULE:FREQ=DAILY;UNTIL=20240605;BYDAY=MO, TU, WE\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    events, problems = expand_recurrences(read_calendar(path).events)
    assert problems == []
    briefings = [instant(e) for e in events if e.summary == "Briefing"]
    assert briefings == [utc(2024, 6, 1, 7), utc(2024, 6, 8, 7), utc(2024, 6, 22, 7)]
    stand_ups = [instant(e) for e in events if e.summary == "Stand-up"]
    assert stand_ups == [utc(2024, 6, 3, 8), utc(2024, 6, 4, 8), utc(2024, 6, 5, 8)]


def test_calendars_one_after_another_and_an_event_left_open(tmp_path: Path) -> None:
    path = tmp_path / "joined.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:First\nDTSTART;VALUE=DATE:20240601\n"
        "END:VCALENDAR\n\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:b\nSUMMARY:Second\n"
        "DTSTART;VALUE=DATE:20240608\nEND:VEVENT\nEND:VCALENDAR\n",
        encoding="utf-8",
    )
    calendar = read_calendar(path)
    assert [e.summary for e in calendar.events] == ["First", "Second"]
    assert calendar.problems == []
