"""The feed page (``/feeds/TOKEN.html``): a feed's season as a page to read on a phone.

Server-rendered with Jinja2 (autoescaped): every meeting with its local dates, its sessions in
the circuit's time and the driver's home time, every clash and line-up or document finding in
words (a team's or series' page: those of its drivers at its meetings), and links to subscribe
(webcal:// and https://). No scripts at all and no files from elsewhere: the one stylesheet is
inline and allowed by its hash in the Content-Security-Policy (:data:`CONTENT_SECURITY_POLICY`).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime

import jinja2

from paddock_desk.domain.model import zone
from paddock_desk.interop.ics_export import CalendarEvent
from paddock_desk.services.calendar_export import Note, meeting_summary, scope_notes
from paddock_desk.services.feeds import ServedFeed

STYLE = """
:root { color-scheme: light dark; --line: #8884; --clash: #c62828; --muted: #6b6b6b; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { padding: 16px; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.3rem; margin: 0 0 4px; }
.sub { color: var(--muted); margin: 0 0 12px; font-size: .95rem; }
.subscribe { display: flex; flex-wrap: wrap; gap: 8px; }
.subscribe a { flex: 1 1 140px; display: flex; align-items: center; justify-content: center;
  text-align: center; padding: 10px 12px; border-radius: 8px;
  background: #1565c0; color: #fff; text-decoration: none; font-weight: 600; }
.subscribe a.alt { background: transparent; color: inherit; border: 1px solid var(--line); }
main { padding: 8px 16px 32px; }
.clashes { border-left: 4px solid var(--clash); padding: 8px 12px; margin: 12px 0;
  background: #c628281a; border-radius: 0 8px 8px 0; }
.clashes h2 { font-size: 1rem; margin: 0 0 4px; color: var(--clash); }
.clashes ul, .notes { margin: 0; padding-left: 18px; }
article { border-bottom: 1px solid var(--line); padding: 12px 0; }
article.cancelled h3 { text-decoration: line-through; }
.when { font-weight: 700; font-size: .95rem; }
h3 { font-size: 1.05rem; margin: 2px 0; overflow-wrap: anywhere; }
.where { color: var(--muted); font-size: .9rem; margin: 0; }
.tag { display: inline-block; font-size: .75rem; padding: 1px 6px; border-radius: 4px;
  background: var(--clash); color: #fff; margin-left: 4px; vertical-align: middle; }
.notes { color: var(--clash); font-size: .9rem; margin: 6px 0; }
table { width: 100%; border-collapse: collapse; font-size: .9rem; margin-top: 6px; }
th, td { text-align: left; padding: 3px 6px 3px 0; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.t { white-space: nowrap; }
footer { color: var(--muted); font-size: .8rem; padding: 0 16px 24px; }
"""

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{ title }}</title>
<style>{{ style|safe }}</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p class="sub">{{ counts }}{% if home_tz %} · home time {{ home_tz }}{% endif %}</p>
<nav class="subscribe">
<a href="{{ webcal }}">Subscribe</a>
<a class="alt" href="{{ https }}">Subscribe by web address</a>
</nav>
</header>
<main>
{% if clashes or findings %}
<section class="clashes">
<h2>{{ heading }}</h2>
<ul>{% for c in clashes + findings %}<li>{{ c }}</li>{% endfor %}</ul>
</section>
{% endif %}
{% for m in meetings %}
<article{% if m.cancelled %} class="cancelled"{% endif %}>
<div class="when">{{ m.days }}{% if m.cancelled %}<span class="tag">cancelled</span>{% endif %}
{% if m.tag %}<span class="tag">{{ m.tag }}</span>{% endif %}</div>
<h3>{{ m.summary }}</h3>
<p class="where">{{ m.place }}</p>
{% if m.notes %}<ul class="notes">{% for n in m.notes %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}
{% if m.sessions %}
<table>
<tr><th>Session</th><th>Circuit time</th>{% if home_tz %}<th>Home time</th>{% endif %}</tr>
{% for s in m.sessions %}
<tr><td>{{ s.name }}</td><td class="t">{{ s.local }}</td>
{% if home_tz %}<td class="t">{{ s.home }}</td>{% endif %}</tr>
{% endfor %}
</table>
{% endif %}
</article>
{% else %}
<p>No meetings yet.</p>
{% endfor %}
</main>
<footer>Updated {{ modified }} · times in 24-hour clock</footer>
</body>
</html>
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_PAGE = _ENV.from_string(TEMPLATE)


@dataclass
class _SessionLine:
    name: str
    local: str
    home: str


@dataclass
class _MeetingCard:
    summary: str
    days: str
    place: str
    cancelled: bool
    noted: list[Note]
    sessions: list[_SessionLine] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        return [n.text for n in self.noted]

    @property
    def tag(self) -> str:
        """ "clash" when the meeting has one, else "finding" when it has one, else nothing."""
        if any(n.kind == "clash" for n in self.noted):
            return "clash"
        return "finding" if self.noted else ""


def _clock(instant: datetime, tz: str) -> str:
    local = instant.astimezone(zone(tz))
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _days(event: CalendarEvent) -> str:
    assert event.days is not None
    first, last = event.days
    if first == last:
        return f"{first:%a} {first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last:%b %Y}"
    return f"{first.day} {first:%b} - {last.day} {last:%b %Y}"


_Notes = dict[str, list[Note]]
"""The notes of each meeting on the page, by the meeting's summary."""


def _cards(events: list[CalendarEvent], notes: _Notes, home_tz: str | None) -> list[_MeetingCard]:
    cards: list[_MeetingCard] = []
    by_meeting: dict[str, _MeetingCard] = {}
    for e in events:
        if e.days is not None:
            card = _MeetingCard(e.summary, _days(e), e.place.name, e.cancelled,
                                notes.get(e.summary, []))
            cards.append(card)
            by_meeting[e.summary] = card
        elif e.times is not None:
            meeting, _sep, session = e.summary.rpartition(" - ")
            card = by_meeting.get(meeting) or _orphan(cards, by_meeting, e, meeting, notes)
            home = _clock(e.times[0], home_tz) if home_tz else ""
            card.sessions.append(_SessionLine(session, _clock(e.times[0], e.place.tz), home))
    return cards


def _orphan(
    cards: list[_MeetingCard], by_meeting: dict[str, _MeetingCard], e: CalendarEvent, name: str,
    notes: _Notes,
) -> _MeetingCard:
    """A card for sessions whose meeting is not in the feed (``--only sessions`` calendars)."""
    assert e.times is not None
    day = e.times[0].astimezone(zone(e.place.tz)).date()
    card = _MeetingCard(name, f"{day:%a} {day.day} {day:%b %Y}", e.place.name, e.cancelled,
                        notes.get(name, []))
    cards.append(card)
    by_meeting[name] = card
    return card


def feed_page(served: ServedFeed, feed_url: str) -> bytes:
    """The page of ``served``; ``feed_url`` is the https:// address of its .ics feed."""
    home_tz: str | None = None
    if served.feed.kind == "driver":
        driver = served.season.driver_named(served.feed.name)
        home_tz = driver.home_tz if driver is not None else None
    season = served.season
    notes = {meeting_summary(season.meetings[i]): found
             for i, found in scope_notes(season, served.feed.target()).items()}
    cards = _cards(list(served.spec.events), notes, home_tz)
    noted = [n for c in cards for n in c.noted]
    clashes = list(dict.fromkeys(n.text for n in noted if n.kind == "clash"))
    findings = list(dict.fromkeys(n.text for n in noted if n.kind != "clash"))
    meetings = sum(1 for e in served.spec.events if e.days is not None)
    sessions = sum(1 for e in served.spec.events if e.times is not None)
    counts = f"{meetings} meeting{'s' * (meetings != 1)}, {sessions} session{'s' * (sessions != 1)}"
    html = _PAGE.render(
        title=served.spec.name, style=STYLE, counts=counts, home_tz=home_tz,
        webcal="webcal://" + feed_url.split("://", 1)[-1], https=feed_url,
        clashes=clashes, findings=findings, heading=_heading(len(clashes), len(findings)),
        meetings=cards,
        modified=served.modified.strftime("%d %b %Y %H:%M UTC"),
    )
    return html.encode("utf-8")


def _heading(clashes: int, findings: int) -> str:
    """ "2 clashes", "1 clash, 2 findings", "1 finding"."""
    parts = [f"{clashes} clash{'es' * (clashes != 1)}"] if clashes else []
    if findings:
        parts.append(f"{findings} finding{'s' * (findings != 1)}")
    return ", ".join(parts)
