"""Applying the people kinds of CSV file: drivers, roster (teams, cars, line-ups), unavailability.

A roster row replaces the rounds of that driver in that car; rows of one import naming the same
driver and car add up. Empty rounds mean every round of the series, now and later (stored NULL).
"""

from __future__ import annotations

from typing import Any

from paddock_desk.domain.rounds import format_rounds, parse_rounds
from paddock_desk.interop import csv_values as v
from paddock_desk.interop.csv_calendar import series_row
from paddock_desk.interop.csv_reading import CsvRow, CsvTable
from paddock_desk.interop.csv_state import CarKey, ImportState
from paddock_desk.store.schema import CarRow, DriverRow, LineupRow, TeamRow, UnavailabilityRow


def apply_drivers(state: ImportState, table: CsvTable) -> None:
    for row in table.rows:
        name = row.text("driver")
        values: dict[str, Any] = {
            "nationality": row.text("nationality", required=False, limit=8),
            "home_tz": row.field("home_tz", v.parse_optional_zone, None, required=False),
        }
        if row.has("category"):
            values["category"] = row.field("category", v.parse_category, None, required=False)
        if not row.ok:
            state.reject(row)
            continue
        if not state.first_naming("driver", name, row, values):
            continue
        driver = state.rows.drivers.get(name)
        if driver is None:
            driver_row(state, name, **values)
        else:
            state.update("driver", f"'{name}'", driver, values)


def driver_row(state: ImportState, name: str, **values: Any) -> DriverRow:
    """The driver called ``name``, created (warning when it looks like a typo) when new."""
    driver = state.rows.drivers.get(name)
    if driver is None:
        state.check_new_name("driver", name, state.rows.drivers)
        values.setdefault("nationality", "")
        driver = state.create("driver", DriverRow(name=name, **values))
        state.rows.drivers[name] = driver
    return driver


def _team_row(state: ImportState, name: str) -> TeamRow:
    team = state.rows.teams.get(name)
    if team is None:
        state.check_new_name("team", name, state.rows.teams)
        team = state.create("team", TeamRow(name=name))
        state.rows.teams[name] = team
    return team


def _rounds(state: ImportState, row: CsvRow, series_name: str) -> set[str] | None:
    known = state.rows.rounds.get(series_name)
    if not known:
        if series_name in state.rows.series:
            row.problem("series", f"series '{series_name}' has no meetings (import its events)")
        elif series_name:
            suggestion = state.suggest(series_name, state.rows.rounds)
            hint = f"; did you mean '{suggestion}'?" if suggestion else " (import its events first)"
            row.problem("series", f"unknown series '{series_name}'{hint}")
        return None
    labels = parse_rounds(row.text("rounds", required=False, limit=4000))
    if labels is None:
        return None
    for label in sorted(labels - set(known)):
        listed = ", ".join(known[:30]) + (", ..." if len(known) > 30 else "")
        row.problem("rounds", f"series '{series_name}' has no round '{label}' (rounds: {listed})")
    return set(labels)


Seats = dict[tuple[str, CarKey], set[str] | None]


def apply_roster(state: ImportState, tables: list[CsvTable]) -> None:
    """Every roster file of the import, so that rows naming one seat add up across files."""
    seats: Seats = {}
    classes: dict[CarKey, str | None] = {}
    for table in tables:
        for row in table.rows:
            driver = row.text("driver")
            car = (row.text("series"), row.text("team"), row.text("car", limit=20))
            rounds = _rounds(state, row, car[0])
            car_class = row.text("class", required=False, limit=40) or None
            if not row.ok:
                state.reject(row)
                continue
            if car_class:
                state.first_naming("car", car, row, {"class": car_class})
                if not row.ok:  # the car named with another class: set aside
                    continue
            _add_seat(seats, (driver, car), rounds)
            classes[car] = car_class or classes.get(car)
    for car, car_class in classes.items():
        _car_row(state, car, car_class)
    for (driver, car), rounds in seats.items():
        _put_lineup(state, driver, car, rounds)


def _add_seat(seats: Seats, key: tuple[str, CarKey], rounds: set[str] | None) -> None:
    """The first row of a seat gives its rounds; further rows add theirs (empty: every round)."""
    if key not in seats:
        seats[key] = rounds
        return
    known = seats[key]
    seats[key] = None if known is None or rounds is None else known | rounds


def _car_row(state: ImportState, key: CarKey, car_class: str | None) -> CarRow:
    car = state.rows.cars.get(key)
    if car is None:
        series_name, team_name, number = key
        car = CarRow(
            series=series_row(state, series_name),
            team=_team_row(state, team_name),
            number=number,
            car_class=car_class,
        )
        state.rows.cars[key] = state.create("car", car)
    elif car_class is not None:
        state.update("car", f"{key[0]} {key[1]} #{key[2]}", car, {"car_class": car_class})
    return car


def _put_lineup(state: ImportState, driver_name: str, key: CarKey, rounds: set[str] | None) -> None:
    driver = driver_row(state, driver_name)
    car = state.rows.cars[key]
    stored = format_rounds(rounds)
    lineup = state.rows.lineups.get((driver_name, key))
    if lineup is None:
        state.create_later("line-up", LineupRow, {"driver": driver, "car": car, "rounds": stored})
        return
    label = f"{driver_name} in {key[0]} {key[1]} #{key[2]}"
    state.update("line-up", label, lineup, {"rounds": stored})


def apply_unavailability(state: ImportState, table: CsvTable) -> None:
    for row in table.rows:
        name = row.text("driver")
        driver = state.rows.drivers.get(name)
        if driver is None and name:
            suggestion = state.suggest(name, state.rows.drivers)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            row.problem("driver", f"unknown driver '{name}'{hint}")
        start = row.field("start_date", v.parse_date, None)
        end = row.field("end_date", v.parse_date, None)
        if start and end and end < start:
            row.problem("end_date", f"'{end}' is before the start date {start}")
        values: dict[str, Any] = {"reason": row.text("reason", required=False, limit=300)}
        if row.has("rrule"):
            values["rrule"] = row.field("rrule", v.parse_rrule, None, required=False)
        if not row.ok or driver is None or start is None or end is None:
            state.reject(row)
            continue
        if not state.first_naming("unavailability block", (name, start, end), row, values):
            continue
        block = state.rows.unavailability.get((name, start, end))
        if block is None:
            new_block = {"driver": driver, "start_date": start, "end_date": end, **values}
            state.create_later("unavailability block", UnavailabilityRow, new_block)
        else:
            state.update("unavailability block", f"of {name} {start} to {end}", block, values)
