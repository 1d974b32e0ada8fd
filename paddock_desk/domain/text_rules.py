"""Text that names things, and text shown on a terminal: one rule for every source.

A name (of a circuit, series, driver, team, meeting, session; also a reason or a round label)
is one line of printable text. From a CSV file, an .ics calendar or an edit alike, a value that
holds NUL, a line break or another control character (ESC, BEL, DEL, the C1 controls, the
Unicode controls that reverse the direction of text) is refused with :func:`text_problem`.

Whatever reaches a terminal goes through :func:`terminal_safe`, which writes such characters as
visible escapes (``\\x1b``), so a name stored before this rule cannot move the cursor, recolour
the screen or ring the bell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_OTHER_CONTROLS = "\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069"
"""After NUL..tab and the line feed: the rest of C0, DEL, C1, the Unicode line and paragraph
separators and the bidirectional controls (Unicode Cc plus the Bidi_Control marks)."""

_UNSAFE = re.compile(f"[\x00-\x0a{_OTHER_CONTROLS}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09{_OTHER_CONTROLS}]")

_NAMED = {"\x00": "NUL", "\t": "tab", "\x1b": "ESC", "\x07": "BEL", "\x7f": "DEL"}


def _shown(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}"


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be a name (words that follow "the value"), or None when it can.

    ``multiline`` allows line feeds (an address, whose first line names a place).
    """
    found = (_UNSAFE_BUT_NEWLINE if multiline else _UNSAFE).search(text)
    if found is None:
        return None
    char = found.group()
    if "\x00" in text:
        return "holds a NUL character (text cannot hold one)"
    if char in _LINE_BREAKS or (not multiline and "\n" in text):
        return "has a line break (a name is one line)"
    name = _NAMED.get(char, f"U+{ord(char):04X}")
    return f"holds the control character {name} (a name is printable text)"


def field_problems(values: Mapping[str, object]) -> dict[str, str]:
    """A sentence per text value of ``values`` that breaks the rule, keyed as ``values``."""
    found = {}
    for key, value in values.items():
        problem = text_problem(value) if isinstance(value, str) else None
        if problem is not None:
            found[key] = f"The text {problem}."
    return found


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as a visible escape.

    ``keep_newlines`` keeps line feeds (a message of several lines); tabs never survive.
    """
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: _shown(m.group()), text)
