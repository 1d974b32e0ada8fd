"""Content lines: escaping and folding, checked against icalendar's own unfolding and unescaping."""

from __future__ import annotations

import icalendar
from hypothesis import given
from hypothesis import strategies as st

from paddock_desk.interop.ics_text import escape_text, fold, format_offset, param_value


def test_escape_text() -> None:
    assert escape_text("a\\b;c,d\r\ne\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert escape_text("tab\tkept, bell\x07 dropped") == "tab\tkept\\, bell dropped"
    assert escape_text("Nürburgring 鈴鹿") == "Nürburgring 鈴鹿"


def test_param_value_is_quoted_when_needed() -> None:
    assert param_value("Europe/Paris") == "Europe/Paris"
    assert param_value('Odd: "zone"; here') == '"Odd: zone; here"'


def test_fold_cuts_before_a_multibyte_character() -> None:
    line = "SUMMARY:" + "a" * 66 + "鈴鹿"  # 74 octets of ASCII, then 3-octet characters
    folded = fold(line).encode("utf-8")
    first, rest = folded.split(b"\r\n", 1)
    assert len(first) == 74 and first.decode("utf-8").endswith("a")
    assert rest == " 鈴鹿\r\n".encode()


def test_offsets() -> None:
    from datetime import timedelta

    assert format_offset(timedelta(hours=5, minutes=30)) == "+0530"
    assert format_offset(timedelta(hours=-3)) == "-0300"
    assert format_offset(timedelta(0)) == "+0000"
    assert format_offset(timedelta(minutes=-17, seconds=-30)) == "-001730"


@given(st.text(min_size=0, max_size=400))
def test_any_text_folds_and_reads_back(value: str) -> None:
    line = "DESCRIPTION:" + escape_text(value)
    folded = fold(line)
    physical = folded.encode("utf-8").split(b"\r\n")
    assert physical[-1] == b""
    for part in physical[:-1]:
        assert len(part) <= 75
        part.decode("utf-8")
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{folded}END:VEVENT\r\n")
    expected = value.replace("\r\n", "\n").replace("\r", "\n")
    expected = "".join(c for c in expected if c in "\t\n" or (ord(c) >= 32 and ord(c) != 127))
    assert str(event["DESCRIPTION"]) == expected
