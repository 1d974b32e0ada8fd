"""What the roster's drops, context menu and Delete key do, as edits of the season."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from paddock_desk.domain.model import Car, Meeting
from paddock_desk.ui.document import SeasonDocument

if TYPE_CHECKING:  # the edits load with their first use, not before the window shows
    from paddock_desk.services.editing import Edit, SetLineup


def car_label(car: Car) -> str:
    return f"{car.team} #{car.number}"


def series_cars(document: SeasonDocument, series: str) -> list[Car]:
    """The cars of a series, by team then number."""
    cars = [c for c in document.season.cars.values() if c.series == series]
    return sorted(cars, key=lambda c: (c.team.casefold(), c.number.zfill(4)))


def enter_edit(
    document: SeasonDocument, driver_id: int, car: Car, meeting: Meeting
) -> SetLineup:
    """Enter a driver in ``car`` for the meeting's round."""
    from paddock_desk.services.editing import enter_driver

    edit = enter_driver(driver_id, car.id, [meeting.round])
    name = document.season.drivers[driver_id].name
    edit.text = f"Enter {name} in {car_label(car)} for {meeting.series} round {meeting.round}"
    return edit


def remove_edit(
    document: SeasonDocument, driver_id: int, cells: Iterable[tuple[Car, Meeting]]
) -> Edit:
    """Take a driver out of each (car, meeting) cell, as one undoable step."""
    from paddock_desk.services.editing import EditGroup, remove_driver

    rounds_by_car: dict[int, set[str]] = {}
    cars: dict[int, Car] = {}
    for car, meeting in cells:
        rounds_by_car.setdefault(car.id, set()).add(meeting.round)
        cars[car.id] = car
    edits: list[Edit] = [
        remove_driver(driver_id, car_id, rounds)
        for car_id, rounds in rounds_by_car.items()
    ]
    name = document.season.drivers[driver_id].name
    where = "; ".join(
        f"{car_label(cars[c])} round {', '.join(sorted(r))}" for c, r in rounds_by_car.items()
    )
    return EditGroup(edits, text=f"Remove {name} from {where}")


def remove_everywhere_edit(document: SeasonDocument, driver_id: int, car: Car) -> SetLineup:
    """Take a driver out of a car for every round."""
    from paddock_desk.services.editing import SetLineup

    name = document.season.drivers[driver_id].name
    return SetLineup(driver_id, car.id, "absent", text=f"Remove {name} from {car_label(car)}")
