"""The fields of each kind of entry, as its edit dialog shows them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One column of a row as a form field.

    ``kind``: text, zone, float, int, date, instant (a session time, entered in the circuit's
    zone), bool, colour, category, rounds, or choice (``ref`` names the table chosen from).
    """

    key: str
    label: str
    kind: str = "text"
    ref: str | None = None
    hint: str = ""


SPECS: dict[str, tuple[Field, ...]] = {
    "circuits": (
        Field("name", "&Name"),
        Field("country", "&Country", hint="ISO 3166 code, e.g. MY"),
        Field("lat", "&Latitude", "float"),
        Field("lon", "L&ongitude", "float"),
        Field("tz", "&Time zone", "zone", hint="IANA zone, e.g. Asia/Kuala_Lumpur"),
    ),
    "series": (
        Field("name", "&Name"),
        Field("colour", "&Colour", "colour", hint="#rrggbb"),
        Field("arrival_days", "&Arrival days", "int", hint="days before each meeting"),
    ),
    "meetings": (
        Field("series_id", "&Series", "choice", "series"),
        Field("round", "&Round", hint='e.g. 1, Q, 24h, -'),
        Field("name", "&Name"),
        Field("circuit_id", "&Circuit", "choice", "circuits"),
        Field("start_date", "&First day", "date", hint="local to the circuit"),
        Field("end_date", "&Last day", "date"),
        Field("cancelled", "Ca&ncelled", "bool"),
    ),
    "sessions": (
        Field("meeting_id", "&Meeting", "choice", "meetings"),
        Field("name", "&Name"),
        Field("start", "&Start", "instant", hint="local time at the circuit"),
        Field("end", "&End", "instant"),
    ),
    "teams": (Field("name", "&Name"),),
    "cars": (
        Field("series_id", "&Series", "choice", "series"),
        Field("team_id", "&Team", "choice", "teams"),
        Field("number", "N&umber"),
        Field("car_class", "C&lass", hint="Pro, Pro-Am, Am... (optional)"),
    ),
    "drivers": (
        Field("name", "&Name"),
        Field("nationality", "Na&tionality", hint="ISO 3166 code"),
        Field("home_tz", "&Home time zone", "zone", hint="unavailable days are local to it"),
        Field("category", "FIA &category", "category"),
    ),
    "lineups": (
        Field("driver_id", "&Driver", "choice", "drivers"),
        Field("car_id", "&Car", "choice", "cars"),
        Field("rounds", "&Rounds", "rounds", hint="separated by ';', empty = every round"),
    ),
    "unavailability": (
        Field("driver_id", "&Driver", "choice", "drivers"),
        Field("start_date", "&First day", "date", hint="local to the driver's home zone"),
        Field("end_date", "&Last day", "date"),
        Field("reason", "&Reason"),
        Field("rrule", "Re&peats", hint="optional RRULE, e.g. FREQ=WEEKLY;BYDAY=TU"),
    ),
    "lineup_rules": (
        Field("series_id", "&Series", "choice", "series"),
        Field("car_class", "C&lass", hint="the cars' class, e.g. Pro-Am"),
        Field("categories", "C&ategories", "categories", hint="e.g. Gold;Platinum"),
        Field("min_count", "A&t least", "bound", hint="drivers; empty = no bound"),
        Field("max_count", "At &most", "bound", hint="drivers; empty = no bound"),
    ),
    "documents": (
        Field("driver_id", "&Driver", "choice", "drivers"),
        Field("document", "D&ocument", hint="licence, medical, visa..."),
        Field("expires", "&Expires", "date", hint="its last valid day"),
    ),
}

TITLES = {
    "circuits": ("Circuits", "circuit"),
    "series": ("Series", "series"),
    "meetings": ("Meetings", "meeting"),
    "sessions": ("Sessions", "session"),
    "teams": ("Teams", "team"),
    "cars": ("Cars", "car"),
    "drivers": ("Drivers", "driver"),
    "lineups": ("Line-ups", "line-up"),
    "unavailability": ("Unavailability", "unavailability"),
    "lineup_rules": ("Line-up rules", "line-up rule"),
    "documents": ("Driver documents", "document"),
}
"""(plural title, singular word) of each kind."""
