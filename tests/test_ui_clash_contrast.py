"""Clash marks no series colour can hide, measured from the pixels of the rendered month grid.

Every series colour of the demo and the real 2024 calendars (F1's #e10600 and Blancpain's
#d7263d among them) carries a clashing bar; the test reads each bar's fill and its clash
outline back from a screenshot, in a light and a dark palette, with normal sight and with
deuteranopia simulated on the screenshot, and wants WCAG contrast of at least 3:1.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from paddock_desk.domain.model import Circuit, Meeting, Season, Series
from paddock_desk.ui.calendar_month import MonthCalendar, grid_start
from paddock_desk.ui.calendar_paint import contrast, luminance, text_colour_on
from paddock_desk.ui.clash_marks import MeetingMarks

PROJECT = Path(__file__).resolve().parents[1]
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968),
                (0.280085, 0.672501, 0.047413),
                (-0.011820, 0.042940, 0.968881))
"""Machado, Oliveira and Fernandes (2009), severity 1, on linear RGB."""


def series_colours() -> dict[str, str]:
    colours = {}
    for folder in (PROJECT / "resources" / "demo", PROJECT / "tests" / "data" / "real2024"):
        with open(folder / "series.csv", encoding="utf-8") as f:
            colours.update({row["series"]: row["colour"] for row in csv.DictReader(f)})
    assert colours["Formula 1"] == "#e10600"
    assert colours["Blancpain GT Series Asia"] == "#d7263d"
    return colours


def clashing_season(colours: dict[str, str]) -> tuple[Season, MeetingMarks]:
    """One two-day meeting per series over April 2018, every one marked as a clash."""
    circuit = Circuit("Somewhere", "XX", 0.0, 0.0, "UTC")
    season = Season(circuits={circuit.name: circuit})
    marks = MeetingMarks()
    first = grid_start(date(2018, 4, 1))
    for i, (name, colour) in enumerate(colours.items()):
        season.series[name] = Series(name, colour)
        start = first + timedelta(days=(i // 3) * 7 + (i % 3) * 2)
        meeting = Meeting(i + 1, name, "-", "", circuit, start, start + timedelta(days=1))
        season.meetings[meeting.id] = meeting
        marks.clash[meeting.id] = []
    return season, marks


def dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Base, "#1e1f22"),
                         (QPalette.ColorRole.AlternateBase, "#2a2c30"),
                         (QPalette.ColorRole.Window, "#1e1f22"),
                         (QPalette.ColorRole.Text, "#f0f0f0"),
                         (QPalette.ColorRole.WindowText, "#f0f0f0"),
                         (QPalette.ColorRole.Button, "#2f3136"),
                         (QPalette.ColorRole.ButtonText, "#f0f0f0"),
                         (QPalette.ColorRole.Mid, "#55575c")):
        pal.setColor(role, QColor(colour))
    return pal


def linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def deuteranope(colour: QColor) -> QColor:
    rgb = [linear(colour.redF()), linear(colour.greenF()), linear(colour.blueF())]
    out = [gamma(sum(m * v for m, v in zip(row, rgb, strict=True))) for row in DEUTERANOPIA]
    return QColor.fromRgbF(*out)


def simulate(image: QImage) -> QImage:
    seen: dict[int, int] = {}
    out = image.convertToFormat(QImage.Format.Format_RGB32)
    for y in range(out.height()):
        for x in range(out.width()):
            pixel = out.pixel(x, y)
            if pixel not in seen:
                seen[pixel] = deuteranope(QColor(pixel)).rgb()
            out.setPixel(x, y, seen[pixel])
    return out


def sample(image: QImage, view: MonthCalendar) -> dict[int, tuple[QColor, QColor]]:
    """Per bar: its fill (the commonest colour inside) and its outline (top edge, middle)."""
    found = {}
    for rect, mid in view.bar_rects():
        inside = Counter(image.pixel(x, y)
                         for x in range(int(rect.left()) + 24, int(rect.right()) - 6)
                         for y in range(int(rect.top()) + 5, int(rect.bottom()) - 6))
        fill = QColor(inside.most_common(1)[0][0])
        outline = QColor(image.pixel(int(rect.center().x()), int(rect.top() + 1.5)))
        found[mid] = (fill, outline)
    return found


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_clash_outline_stands_out_from_every_series_colour(qtbot, palette, tmp_path):
    colours = series_colours()
    season, marks = clashing_season(colours)
    view = MonthCalendar()
    qtbot.addWidget(view)
    if palette == "dark":
        view.setPalette(dark_palette())
    view.resize(1100, 720)
    view.set_data(season, sorted(season.meetings.values(), key=lambda m: m.start_date), marks)
    view.set_month(date(2018, 4, 1))
    image = view.grab().toImage()
    image.save(str(tmp_path / f"clash-marks-{palette}.png"))
    seen = sample(image, view)
    assert len(seen) == len(colours)
    blind = simulate(image)
    blind.save(str(tmp_path / f"clash-marks-{palette}-deuteranopia.png"))
    seen_blind = sample(blind, view)
    for mid, (fill, outline) in seen.items():
        name = season.meetings[mid].series
        assert contrast(fill, outline) >= 3.0, (name, fill.name(), outline.name())
        assert contrast(fill, text_colour_on(fill)) >= 3.0, (name, fill.name())
        fill_b, outline_b = seen_blind[mid]
        assert contrast(fill_b, outline_b) >= 3.0, ("deuteranopia", name, fill_b.name())
    base = view.palette().color(QPalette.ColorRole.Base)
    outline_colour = next(iter(seen.values()))[1]
    assert contrast(outline_colour, base) >= 3.0  # the mark stands out from the page too


def test_a_colour_too_close_to_the_mark_is_adjusted_and_others_are_kept(qtbot):
    from paddock_desk.ui.calendar_paint import readable_fill

    dark_navy, mark = QColor("#2e294e"), QColor("#000000")
    assert contrast(dark_navy, mark) < 3.0
    adjusted, lum = readable_fill(dark_navy, mark)
    assert contrast(adjusted, mark) >= 3.0
    assert abs(adjusted.hslHueF() - dark_navy.hslHueF()) < 0.02  # the same hue, lighter
    assert lum == pytest.approx(luminance(adjusted))
    f1 = QColor("#e10600")
    assert readable_fill(f1, mark)[0].name() == f1.name()
