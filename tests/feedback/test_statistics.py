from __future__ import annotations

from datetime import date, datetime, timedelta

from socialroadmap.feedback.statistics import (
    days_between,
    last_months,
    line_chart,
    median,
    percentile,
    summarize,
)


def test_median_and_p90() -> None:
    assert median([]) is None
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([1.0, 2.0, 3.0, 10.0]) == 2.5
    assert percentile(list(map(float, range(1, 11))), 0.9) == 9.0
    assert percentile([5.0], 0.9) == 5.0


def test_open_items_are_counted_not_measured() -> None:
    summary = summarize([1.0, None, 3.0, None])
    assert (summary.count, summary.still_open, summary.median) == (2, 2, 2.0)
    assert summary.within(2.0) is True and summary.within(1.0) is False
    assert summarize([None]).median is None


def test_durations_and_months() -> None:
    start = datetime(2026, 1, 1, 12)
    assert days_between(start, start + timedelta(days=2, hours=12)) == 2.5
    assert days_between(start, None) is None
    months = last_months(date(2026, 2, 14))
    assert months[0] == date(2025, 3, 1) and months[-1] == date(2026, 2, 1) and len(months) == 12


def test_the_chart_scales_from_zero_with_the_target() -> None:
    chart = line_chart([("Jan", 30.0), ("Feb", None), ("Mar", 5.0)], 14.0)
    assert len(chart.points) == 2
    assert chart.points[0].y < chart.points[1].y  # 30 days higher up than 5
    assert chart.target_y is not None and chart.top <= chart.target_y <= chart.bottom
    assert chart.y_ticks[0][1] == 0
