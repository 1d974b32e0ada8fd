"""Clashes in words: one plain sentence per clash, with local dates and the numbers behind it.

For example: "Alexandre Imperatori: Super GT round 2 (Fuji GT 500km, Fuji Speedway, 3-4 May 2018)
then European Le Mans Series round 2 (4 Hours of Monza, Autodromo Nazionale Monza, 5-6 May 2018):
needs 16.6 h to travel 9,730 km from Fuji Speedway to Autodromo Nazionale Monza, has 7.0 h."
Warnings word their numbers the same way: "...: 10,068 km, needs 16.6 h to travel, has 30.0 h:
less than a day to recover." and "Alexandre Imperatori races 4 weekends in a row, from ... to ...".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from paddock_desk.domain.commitments import Block, Commitment

if TYPE_CHECKING:
    from paddock_desk.domain.clash_rules import Clash

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(first: date, last: date) -> str:
    """Local dates as people write them: "14-15 Apr 2018", "30 Jun-1 Jul 2018", "24 Mar 2018"."""
    if last <= first:
        return day_text(first)
    if first.year != last.year:
        return f"{day_text(first)}-{day_text(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]}-{day_text(last)}"
    return f"{first.day}-{day_text(last)}"


def round_label(series: str, round_text: str) -> str:
    """ "Super GT round 2"; a series' only meeting labelled "-" or "" is just the series."""
    if round_text.strip() in ("", "-"):
        return series
    return f"{series} round {round_text}"


def describe(commitment: Commitment) -> str:
    """A meeting as the sentence names it: series, round, event, circuit and local dates."""
    meeting = commitment.meeting
    dates = date_range(meeting.start_date, meeting.end_date)
    arrival = commitment.slot.arrival_days
    if arrival:
        dates += f", arriving {arrival} day{'s' if arrival != 1 else ''} before"
    event = f"{meeting.name}, " if meeting.name else ""
    return f"{round_label(meeting.series, meeting.round)} ({event}{meeting.circuit.name}, {dates})"


def describe_block(block: Block) -> str:
    reason = block.unavailability.reason.strip() or "unavailable"
    return f"{reason} ({date_range(block.first_day, block.last_day)})"


def _km(value: float) -> str:
    return f"{value:,.0f} km"


def _h(value: float) -> str:
    return f"{value:.1f} h"


def sentence(clash: Clash, name: Callable[[Commitment], str] = describe) -> str:
    """The clash's one-sentence explanation, starting with the driver's name.

    ``name`` words a commitment (:func:`describe`; a caching one for long lists).
    """
    who = clash.driver.name
    first = name(clash.first)
    second = clash.second
    if isinstance(second, Block):
        return (
            f"{who}: {first} falls on days marked unavailable: {describe_block(second)}, "
            f"{_h(clash.hours)} in common."
        )
    other = name(second)
    if clash.kind == "tight_turnaround":
        return (
            f"{who}: {first} then {other}: {_km(clash.distance_km)}, needs {_h(clash.needed)} "
            f"to travel, has {_h(clash.hours)}: less than a day to recover."
        )
    if clash.kind == "weekends_in_a_row":
        if second is clash.first:
            return f"{who} races {clash.weekends} weekends in a row, all at {first}."
        return f"{who} races {clash.weekends} weekends in a row, from {first} to {other}."
    if clash.kind == "travel":
        here, there = clash.first.meeting.circuit.name, second.meeting.circuit.name
        return (
            f"{who}: {first} then {other}: needs {_h(clash.needed)} to travel "
            f"{_km(clash.distance_km)} from {here} to {there}, has {_h(clash.hours)}."
        )
    if clash.kind == "double_duty":
        return (
            f"{who}: {first} and {other} share the circuit on the same days "
            f"(double duty, {_h(clash.hours)} in common): possible only if the timetables allow."
        )
    return f"{who}: {first} overlaps {other} by {_h(clash.hours)}."
