"""Server-rendered SVG charts of indicators: a small sparkline for the overview and a
line chart with the target line for the department page. Values may be negative
(sentiment): the scale spans the values and the target."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats

from socialroadmap.indicators.choices import Period


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[Point]
    target_y: float | None
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def period_label(start: date, period: str) -> str:
    """A short name of the period: "W12 2026", "Mar 2026", "Q1 2026", "2026"."""
    if period == Period.WEEK:
        return f"W{start.isocalendar().week} {start.isocalendar().year}"
    if period == Period.QUARTER:
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if period == Period.YEAR:
        return str(start.year)
    return formats.date_format(start, "M Y")


def _nice(rough: float) -> float:
    if rough <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if rough <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _tick_text(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return f"{value:.{decimals}f}"


def chart(
    history: Sequence[tuple[date, Decimal]],
    target: Decimal | None,
    period: str,
    *,
    width: int = 640,
    height: int = 220,
    left: int = 56,
    bottom_margin: int = 28,
    ticks: int = 4,
) -> Chart:
    """A line through ``history`` (period start, value; oldest first) with the target."""
    small = height < 100
    right, top, bottom = width - (2 if small else 36), 3 if small else 10, height - bottom_margin
    numbers = [float(v) for _, v in history] + ([float(target)] if target is not None else [])
    low = min([*numbers, 0.0]) if numbers else 0.0
    high = max(numbers) if numbers else 1.0
    if high <= low:
        high = low + 1.0
    step = _nice((high - low) / ticks)
    floor_, ceiling = step * math.floor(low / step), step * math.ceil(high / step)
    if ceiling <= floor_:
        ceiling = floor_ + step

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - floor_) / (ceiling - floor_)

    count = max(len(history) - 1, 1)

    def x_of(index: int) -> float:
        return left + (right - left) * index / count if len(history) > 1 else (left + right) / 2

    labels = [period_label(start, period) for start, _ in history]
    points = [Point(x_of(i), y_of(float(v)), labels[i], v) for i, (_start, v) in enumerate(history)]
    tick_rows = []
    n = 0
    while floor_ + step * n <= ceiling + step / 1000:
        value = floor_ + step * n
        tick_rows.append((y_of(value), _tick_text(value, step)))
        n += 1
    every = max(1, math.ceil(len(history) / 6))
    x_labels = [(x_of(i), labels[i]) for i in range(len(history)) if i % every == 0]
    return Chart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        points,
        None if target is None else y_of(float(target)),
        tick_rows,
        x_labels,
    )


def sparkline(
    history: Sequence[tuple[date, Decimal]], target: Decimal | None, period: str
) -> Chart:
    """A small chart without axes for the overview's rows."""
    return chart(history, target, period, width=120, height=32, left=2, bottom_margin=3, ticks=1)
