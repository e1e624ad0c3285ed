"""Each indicator's latest value, its status against the target and its trend: what the
dashboards, the department plans' integration map and the evidence read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from socialroadmap.engine import targets
from socialroadmap.indicators.models import Indicator, IndicatorValue

# How many of the latest periods a state carries (for sparklines and the trend).
HISTORY = 12


@dataclass
class IndicatorState:
    indicator: Indicator
    status: str  # a value of choices.Status
    latest: Decimal | None = None
    latest_period: date | None = None
    trend: targets.Trend = field(default_factory=lambda: targets.Trend(targets.FLAT, None, None))
    history: list[tuple[date, Decimal]] = field(default_factory=list)


def states(indicators: Iterable[Indicator]) -> dict[int, IndicatorState]:
    """Indicator id → its state, with two queries whatever the number of indicators."""
    rows = list(indicators)
    history: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    values = IndicatorValue.objects.filter(indicator__in=[row.pk for row in rows]).order_by(
        "indicator_id", "period_start"
    )
    for indicator_id, period_start, value in values.values_list(
        "indicator_id", "period_start", "value"
    ):
        history[indicator_id].append((period_start, value))
    result = {}
    for row in rows:
        kept = history[row.pk][-HISTORY:]
        latest = kept[-1][1] if kept else None
        result[row.pk] = IndicatorState(
            indicator=row,
            status=targets.status(
                float(latest) if latest is not None else None,
                float(row.target) if row.target is not None else None,
                row.direction,
                row.tolerance_percent,
            ),
            latest=latest,
            latest_period=kept[-1][0] if kept else None,
            trend=targets.trend([float(v) for _, v in kept], row.direction),
            history=kept,
        )
    return result
