"""Calendars Paddock Desk exported, coming back: their round labels and stored session names.

Our UIDs are uuid5 values over series, year, round and the stored session name
(:func:`paddock_desk.interop.ics_export.event_uid`), while summaries show a session for people
("fp1" as "FP1"). A candidate round or name is taken only when it gives the event's own UID, so
an exported calendar imports back with the same meetings, session names and so UIDs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paddock_desk.interop.ics_export import event_uid

if TYPE_CHECKING:
    from paddock_desk.interop.ics_grouping import MeetingDraft, SessionDraft
    from paddock_desk.store.schema import MeetingRow


def exported_round(series: str, draft: MeetingDraft) -> str | None:
    """The round label of a meeting our export wrote ("Formula 1 R3: ..." with our UID)."""
    match = re.match(rf"{re.escape(series)}(?: (\S+))?: ", draft.name)
    if not draft.uid or match is None:
        return None
    tag = match[1]
    candidates = [tag[1:], tag] if tag and re.fullmatch(r"R\d+", tag) else [tag or "-", ""]
    year = draft.start_date.year
    return next((c for c in candidates if event_uid(series, year, c) == draft.uid), None)


def exported_session_name(meeting: MeetingRow, draft: SessionDraft) -> str | None:
    """The stored name of a session our export wrote for people ("FP1" of "fp1")."""
    if not draft.uid:
        return None
    series, year = meeting.series.name, meeting.start_date.year
    for candidate in _raw_names(draft.name):
        if event_uid(series, year, meeting.round, candidate) == draft.uid:
            return candidate
    return None


def _raw_names(title: str) -> list[str]:
    """Names our export may have written as ``title``: itself, lower case, camelCase."""
    words = re.findall(r"[A-Za-z]+|\d+", title)
    camel = "".join([w.lower() if i == 0 else w.capitalize() for i, w in enumerate(words)])
    return [title, title.lower(), camel, "".join(words).lower()]
