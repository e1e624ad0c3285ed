from datetime import date
from decimal import Decimal

from socialroadmap.indicators import charts


def test_the_chart_spans_negative_values_and_the_target() -> None:
    history = [(date(2026, m, 1), Decimal(v)) for m, v in ((1, "-0.4"), (2, "0.1"), (3, "0.3"))]
    chart = charts.chart(history, Decimal("0.5"), "month")
    assert len(chart.points) == 3 and chart.target_y is not None
    ys = [p.y for p in chart.points]
    assert ys[0] > ys[1] > ys[2] > chart.target_y  # higher values are drawn higher
    assert chart.top <= min(ys) and max(ys) <= chart.bottom
    assert chart.y_ticks[0][1] == "-0.4" or chart.y_ticks[0][1].startswith("-")
    spark = charts.sparkline(history[:1], None, "month")
    assert len(spark.points) == 1 and spark.target_y is None


def test_period_labels() -> None:
    assert charts.period_label(date(2026, 3, 2), "week") == "W10 2026"
    assert charts.period_label(date(2026, 4, 1), "quarter") == "Q2 2026"
    assert charts.period_label(date(2026, 1, 1), "year") == "2026"
