"""The season as a person reads it on paper: what `print` and the app's File > Print lay out.

Plain data, no Qt: :func:`build_printout` picks the meetings of one driver, team or series (or
all), words each one on one line (local dates, series, round, event, circuit), lists its
sessions in the circuit's time and in the reader's home time, and puts every clash's and line-up
or document finding's sentence under its meeting (the notes a calendar's DESCRIPTION opens with,
:func:`~paddock_desk.services.calendar_export.scope_notes`: for a team or a series, those of its
drivers at its meetings). :meth:`Printout.html` gives the text as the simple HTML a
printing module turns into pages; :func:`paper_for_locale` picks A4 or Letter.

Choices where the design is silent: a driver's printout gives the second time in the driver's
home zone (UTC when none is set); a team's, a series' or the whole season's gives it in the
zone of the computer that prints ("your time"). A clash is printed once, under its first
meeting in the printout; findings follow clashes, and warnings (of either) follow findings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING, Literal

from paddock_desk.domain.clashes import Clash, ClashEngine
from paddock_desk.domain.errors import PaddockError
from paddock_desk.domain.explain import date_range, round_label
from paddock_desk.domain.model import Meeting, Season, Session, zone
from paddock_desk.domain.substitutes import named
from paddock_desk.store.database import Database
from paddock_desk.store.season_loader import load_season

if TYPE_CHECKING:
    from paddock_desk.services.calendar_export import Kind, Note

Paper = Literal["A4", "Letter"]
LETTER_TERRITORIES = frozenset({"US", "CA"})
"""Where paper is Letter (everywhere else: A4)."""


def paper_for_locale(environ: Mapping[str, str] | None = None) -> Paper | None:
    """Letter in the US and Canada, else A4, from LC_ALL, LC_PAPER or LANG (as POSIX reads them).

    None when none of them names a territory (the caller may ask the system's locale).
    """
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(key, "")
        if value:
            territory = territory_of(value)
            if territory is None:
                return None if value in ("C", "POSIX") else "A4"
            return "Letter" if territory in LETTER_TERRITORIES else "A4"
    return None


def territory_of(locale_name: str) -> str | None:
    """"en_US.UTF-8" -> "US"; "C" or "fr" -> None."""
    base = locale_name.split(".", 1)[0].split("@", 1)[0]
    if "_" not in base:
        return None
    return base.split("_", 1)[1].upper() or None


@dataclass(frozen=True, slots=True)
class PrintSession:
    name: str
    local: str
    """E.g. "Sat 14 Apr 16:00-17:00 +08" (the circuit's time)."""
    home: str
    """The same in the reader's home zone."""


@dataclass(frozen=True, slots=True)
class PrintMeeting:
    dates: str
    series: str
    round: str
    event: str
    circuit: str
    cancelled: bool = False
    cars: tuple[str, ...] = ()
    sessions: tuple[PrintSession, ...] = ()
    clashes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    """Line-up breaches and expired documents (expiring ones are warnings)."""


@dataclass(frozen=True, slots=True)
class Printout:
    title: str
    """Whose season: "Alexandre Imperatori", "KCMG (team)", a series name or "All series"."""
    home_label: str
    """What the second time column is: "home (Europe/Zurich)" or "your time"."""
    meetings: tuple[PrintMeeting, ...]
    clash_count: int = 0
    warning_count: int = 0
    printed_on: date = field(default_factory=lambda: local_today())
    finding_count: int = 0

    def summary(self) -> str:
        n = len(self.meetings)
        findings = f"{_count(self.finding_count, 'finding', 's')}, " if self.finding_count else ""
        return (f"{n} meeting{'s' if n != 1 else ''}, {_count(self.clash_count, 'clash', 'es')}, "
                f"{findings}{_count(self.warning_count, 'warning', 's')}")

    def html(self) -> str:
        """The printout as simple HTML (what Qt's rich text reads), one paragraph per line."""
        parts = [
            f"<h2>{escape(self.title)}</h2>",
            f"<p>{escape(self.summary())}. Session times: at the circuit, then "
            f"{escape(self.home_label)}.</p>",
        ]
        if not self.meetings:
            parts.append("<p><i>No meetings.</i></p>")
        for meeting in self.meetings:
            parts.append(_meeting_html(meeting, self.home_label))
        return "\n".join(parts)


def _count(n: int, word: str, plural: str) -> str:
    return f"{n} {word}{plural if n != 1 else ''}"


def _meeting_html(m: PrintMeeting, home_label: str) -> str:
    style = "margin-top:8px; margin-bottom:1px;"
    rows = [f"<p style='{style}'><b>{escape(m.dates)}</b>&nbsp;&nbsp;"
            f"{escape(round_label(m.series, m.round))}: <b>{escape(m.event)}</b>, "
            f"{escape(m.circuit)}"
            f"{' <i>(cancelled)</i>' if m.cancelled else ''}</p>"]
    indent = "margin-left:18px; margin-top:0px; margin-bottom:0px;"
    for car in m.cars:
        rows.append(f"<p style='{indent}'>{escape(car)}</p>")
    for s in m.sessions:
        rows.append(f"<p style='{indent}'>{escape(s.name)}: {escape(s.local)}"
                    f"&nbsp;&nbsp;&middot;&nbsp;&nbsp;{escape(home_label)}: {escape(s.home)}</p>")
    for text in m.clashes:
        rows.append(f"<p style='{indent} color:#b00000;'><b>&#9888; Clash:</b> "
                    f"{escape(text)}</p>")
    for text in m.findings:
        rows.append(f"<p style='{indent} color:#b00000;'><b>&#9888; Finding:</b> "
                    f"{escape(text)}</p>")
    for text in m.warnings:
        rows.append(f"<p style='{indent}'><b>Warning:</b> {escape(text)}</p>")
    return "\n".join(rows)


# ---- building ---------------------------------------------------------------------------------


def session_times(session: Session, tz: tzinfo) -> str:
    """"Sat 14 Apr 16:00-17:00 +08": start and end in ``tz``, the end's day when it differs."""
    start, end = session.start.astimezone(tz), session.end.astimezone(tz)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%a %d %b %H:%M}"
    return f"{start:%a %d %b %H:%M}-{end_text} {start.tzname() or ''}".rstrip()


def viewer_tz() -> tzinfo:
    """The printing computer's zone, with its summer time rules."""
    from dateutil.tz import tzlocal

    return tzlocal()


@dataclass(frozen=True, slots=True)
class _Choice:
    title: str
    meetings: list[Meeting]
    whom: tuple[Kind, str | None]
    """The same choice as a calendar's (an ExportTarget's kind and name), for its notes."""
    home: tzinfo
    home_label: str
    cars: Callable[[Meeting], tuple[str, ...]]


def _by_date(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.start_date, m.series, m.round, m.id))


def _choose_driver(engine: ClashEngine, name: str) -> _Choice:
    season = engine.season
    name = named(name, [d.name for d in season.drivers.values()], "driver")
    driver = season.driver_named(name)
    assert driver is not None
    commitments = {c.meeting.id: c for c in engine.commitments(driver.id)}

    def cars(meeting: Meeting) -> tuple[str, ...]:
        found = commitments[meeting.id].cars
        return tuple(f"In {c.team} #{c.number}" + (f" ({c.car_class})" if c.car_class else "")
                     for c in found)

    tz_name = driver.home_tz or "UTC"
    label = f"home ({tz_name})" if driver.home_tz else "home (UTC: no home zone set)"
    return _Choice(name, _by_date(c.meeting for c in commitments.values()),
                   ("driver", name), zone(tz_name), label, cars)


def _team_meetings(season: Season, team: str) -> set[int]:
    """Ids of the meetings where a car of ``team`` runs."""
    cars = {c.id: c for c in season.cars.values() if c.team == team}
    crewed: dict[int, list[tuple[int, frozenset[str] | None]]] = {}
    for a in season.assignments.values():
        if a.car_id in cars:
            crewed.setdefault(a.car_id, []).append((a.driver_id, a.rounds))
    meetings: set[int] = set()
    for m in season.meetings.values():
        for car in cars.values():
            if car.series != m.series:
                continue
            entered = [d for d, rounds in crewed.get(car.id, []) if rounds is None
                       or m.round in rounds]
            if entered or car.id not in crewed:
                meetings.add(m.id)
    return meetings


def _choose(engine: ClashEngine, driver: str | None, team: str | None, series: str | None,
            everything: bool) -> _Choice:
    asked = [x for x in (driver, team, series) if x is not None] + ([True] if everything else [])
    if len(asked) != 1:
        raise PaddockError("Name exactly one of: a driver, a team, a series, or all.")
    if driver is not None:
        return _choose_driver(engine, driver)
    season = engine.season
    none: Callable[[Meeting], tuple[str, ...]] = lambda _m: ()  # noqa: E731
    if team is not None:
        team = named(team, [t.name for t in season.teams.values()], "team")
        chosen = [season.meetings[i] for i in _team_meetings(season, team)]
        return _Choice(f"{team} (team)", _by_date(chosen), ("team", team),
                       viewer_tz(), "your time", none)
    if series is not None:
        series = named(series, season.series, "series")
        ids = {m.id for m in season.meetings.values() if m.series == series}
        return _Choice(series, _by_date(season.meetings[i] for i in ids),
                       ("series", series), viewer_tz(), "your time", none)
    return _Choice("All series", _by_date(season.meetings.values()), ("all", None),
                   viewer_tz(), "your time", none)


def _placed_notes(
    notes: Mapping[int, list[Note]], meetings: list[Meeting]
) -> dict[int, list[Note]]:
    """The notes of each meeting, a sentence printed under an earlier meeting left out."""
    printed: set[str] = set()
    placed: dict[int, list[Note]] = {}
    for m in meetings:
        fresh = [n for n in notes.get(m.id, []) if n.text not in printed]
        printed.update(n.text for n in fresh)
        placed[m.id] = fresh
    return placed


def printout_of(engine: ClashEngine, *, driver: str | None = None, team: str | None = None,
                series: str | None = None, everything: bool = False,
                today: date | None = None) -> Printout:
    """The printable season of one driver, team or series, or of everything."""
    from paddock_desk.services.calendar_export import (  # iCalendar: loaded late
        ExportTarget,
        scope_notes,
        session_title,
    )

    season = engine.season
    chosen = _choose(engine, driver, team, series, everything)
    sessions: dict[int, list[Session]] = {}
    for s in season.sessions.values():
        sessions.setdefault(s.meeting_id, []).append(s)
    placed = _placed_notes(scope_notes(season, ExportTarget(*chosen.whom)), chosen.meetings)
    lines = []
    for m in chosen.meetings:
        found = placed[m.id]
        here = zone(m.circuit.tz)
        lines.append(PrintMeeting(
            dates=date_range(m.start_date, m.end_date), series=m.series, round=m.round,
            event=m.name, circuit=m.circuit.name, cancelled=m.cancelled, cars=chosen.cars(m),
            sessions=tuple(
                PrintSession(session_title(s.name) + (" (cancelled)" if s.cancelled else ""),
                             session_times(s, here),
                             session_times(s, chosen.home))
                for s in sorted(sessions.get(m.id, []), key=lambda s: (s.start, s.name))),
            clashes=_texts(found, "clash", clash=True),
            findings=_texts(found, "finding", clash=True),
            warnings=_texts(found, "clash", clash=False) + _texts(found, "finding", clash=False),
        ))
    return Printout(chosen.title, chosen.home_label, tuple(lines),
                    sum(len(m.clashes) for m in lines), sum(len(m.warnings) for m in lines),
                    today or local_today(), sum(len(m.findings) for m in lines))


def _texts(notes: list[Note], kind: str, *, clash: bool) -> tuple[str, ...]:
    """The sentences of the clashes (``kind`` "clash") or findings, of severity clash or not."""
    return tuple(n.text for n in notes
                 if (n.kind == "clash") == (kind == "clash") and (n.severity == "clash") == clash)


def build_printout(db: Database, *, driver: str | None = None, team: str | None = None,
                   series: str | None = None, everything: bool = False) -> Printout:
    """:func:`printout_of` the season in ``db``."""
    with db.engine.connect() as conn:
        season = load_season(conn)
    return printout_of(ClashEngine(season), driver=driver, team=team, series=series,
                       everything=everything)


def local_today() -> date:
    """Today where the printing computer is."""
    return datetime.now(UTC).astimezone().date()


def printed_stamp(day: date) -> str:
    """"Printed 1 Dec 2026" for a page's header."""
    return f"Printed {day.day} {day:%b %Y}"


def clash_list_html(clashes: Iterable[Clash], title: str) -> str:
    """The clash list on paper: by driver, each clash's kind, severity and sentence."""
    items = list(clashes)
    clash_n = sum(1 for c in items if c.severity == "clash")
    parts = [f"<h2>{escape(title)}</h2>",
             f"<p>{_count(clash_n, 'clash', 'es')}, "
             f"{_count(len(items) - clash_n, 'warning', 's')}.</p>"]
    driver = None
    for clash in items:
        if clash.driver.name != driver:
            driver = clash.driver.name
            parts.append(f"<h3 style='margin-top:10px; margin-bottom:2px;'>{escape(driver)}</h3>")
        word = "&#9888; Clash" if clash.severity == "clash" else "Warning"
        colour = " color:#b00000;" if clash.severity == "clash" else ""
        kind = clash.kind.replace("_", " ")
        parts.append(f"<p style='margin-left:12px; margin-top:2px; margin-bottom:2px;{colour}'>"
                     f"<b>{word} ({escape(kind)}):</b> {escape(clash.message)}</p>")
    if not items:
        parts.append("<p><i>No clashes: every driver can keep every commitment.</i></p>")
    return "\n".join(parts)
