"""The figures of the feedback loop as pure functions: durations in, medians out.

An item still open has no duration yet: it is counted as "still open" and left out of
the median, which would otherwise look better the more items wait."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value with ``share`` of the values at
    or below it (``share`` 0.9 for p90)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    """Durations of a group of items: how many finished, how many are still open."""

    count: int
    still_open: int
    median: float | None
    p90: float | None

    def within(self, target: float) -> bool | None:
        """Whether the median meets ``target``; None without a median."""
        return None if self.median is None else self.median <= target


def summarize(durations: Iterable[float | None]) -> Summary:
    """``None`` is an item still open."""
    finished: list[float] = []
    still_open = 0
    for value in durations:
        if value is None:
            still_open += 1
        else:
            finished.append(value)
    return Summary(len(finished), still_open, median(finished), percentile(finished, 0.9))


def hours_between(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else max((end - start).total_seconds(), 0.0) / 3600


def days_between(start: datetime, end: datetime | None) -> float | None:
    hours = hours_between(start, end)
    return None if hours is None else hours / 24


def last_months(today: date, count: int = 12) -> list[date]:
    """The first days of the ``count`` months up to ``today``'s, oldest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def month_of(moment: date) -> date:
    return date(moment.year, moment.month, 1)


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str
    value: float


@dataclass(frozen=True)
class LineChart:
    """An SVG line chart: the points of the line, the target's height, the ticks."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[ChartPoint]
    target_y: float | None
    y_ticks: list[tuple[float, int]]
    x_labels: list[tuple[float, str]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def line_chart(
    values: Sequence[tuple[str, float | None]],
    target: float | None,
    *,
    width: int = 640,
    height: int = 240,
) -> LineChart:
    """Positions of a line through ``values`` (label, value; None leaves a gap in the
    points) with a horizontal target line; the scale starts at 0."""
    left, right, top, bottom = 48, width - 16, 16, height - 32
    highest = max([v for _, v in values if v is not None] + [target or 0, 1.0])
    step = _nice_step(highest / 4)
    ceiling = step * math.ceil(highest / step)

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / ceiling

    count = max(len(values) - 1, 1)

    def x_of(index: int) -> float:
        return left + (right - left) * index / count

    points = [
        ChartPoint(x_of(i), y_of(v), label, v)
        for i, (label, v) in enumerate(values)
        if v is not None
    ]
    ticks = [(y_of(step * n), int(step * n)) for n in range(int(ceiling / step) + 1)]
    labels = [(x_of(i), label) for i, (label, _) in enumerate(values)]
    return LineChart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        points,
        None if target is None else y_of(target),
        ticks,
        labels,
    )


def _nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least 1."""
    if rough <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 5, 10):
        if rough <= factor * power:
            return float(factor * power)
    return float(10 * power)
