"""The lift and its interval as a server-rendered SVG (the CSP allows no scripts or
inline styles): a point with an error bar on an axis of relative lift, with the
10-15% band of the original research shaded so the two can be compared."""

from __future__ import annotations

import math
from dataclasses import dataclass

from socialroadmap.engine.lift import LiftResult
from socialroadmap.leverage.choices import REPORTED_HIGH, REPORTED_LOW

WIDTH, HEIGHT = 600, 150
LEFT, RIGHT = 40, 570
AXIS_Y = 110
POINT_Y = 70
AXIS_MIN, AXIS_MAX = -0.20, 0.40
# The axis never stretches beyond these, so a wild interval does not flatten the chart.
FLOOR, CEILING = -1.0, 2.0


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class LiftChart:
    width: int
    height: int
    left: int
    right: int
    axis_y: int
    point_y: int
    zero_x: float
    band_x: float
    band_width: float
    band_middle: float
    point_x: float | None
    low_x: float | None
    high_x: float | None
    ticks: list[Tick]


def _step(span: float) -> float:
    for step in (0.1, 0.2, 0.5, 1.0):
        if span / step <= 8:
            return step
    return 1.0


def _label(share: float) -> str:
    percent = round(share * 100)
    return f"{percent:+d}%" if percent else "0%"


def lift_chart(result: LiftResult) -> LiftChart:
    """The geometry of the chart; without an interval it shows the point alone."""
    values = [v for v in (result.lift, result.ci_low, result.ci_high) if v is not None]
    low = max(FLOOR, min([AXIS_MIN, *values]))
    high = min(CEILING, max([AXIS_MAX, *values]))
    step = _step(high - low)
    low = math.floor(round(low / step, 6)) * step
    high = math.ceil(round(high / step, 6)) * step

    def x(value: float) -> float:
        value = min(max(value, low), high)
        return round(LEFT + (value - low) / (high - low) * (RIGHT - LEFT), 1)

    count = round((high - low) / step)
    ticks = [
        Tick(f"{round((low + i * step) * 100):+d}%", x(low + i * step)) for i in range(count + 1)
    ]
    return LiftChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        axis_y=AXIS_Y,
        point_y=POINT_Y,
        zero_x=x(0),
        band_x=x(REPORTED_LOW),
        band_width=round(x(REPORTED_HIGH) - x(REPORTED_LOW), 1),
        band_middle=round((x(REPORTED_HIGH) + x(REPORTED_LOW)) / 2, 1),
        point_x=x(result.lift) if result.lift is not None else None,
        low_x=x(result.ci_low) if result.ci_low is not None else None,
        high_x=x(result.ci_high) if result.ci_high is not None else None,
        ticks=ticks,
    )
