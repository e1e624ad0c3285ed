"""An indicator's status against its target, and its trend (project 11).

A value on the good side of the target is on track; on the wrong side but within the
tolerance (a share of the target) it is at risk; further away it is off track. "Good
side" depends on the direction: more leads is better, a longer response time worse.
The trend compares the latest value with the mean of the ones before it.

Pure Python: the engine never imports Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

HIGHER = "higher"
LOWER = "lower"

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_TARGET = "no_target"
NO_DATA = "no_data"

UP = "up"
DOWN = "down"
FLAT = "flat"

# A change of less than this share of the earlier mean is no trend.
FLAT_WITHIN = 0.02
# How many earlier values the trend compares the latest with.
TREND_WINDOW = 3


def status(
    value: float | None, target: float | None, direction: str, tolerance_percent: float
) -> str:
    """``on_track``, ``at_risk``, ``off_track``, ``no_target`` or ``no_data``."""
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be {HIGHER!r} or {LOWER!r}, not {direction!r}")
    if value is None:
        return NO_DATA
    if target is None:
        return NO_TARGET
    shortfall = (target - value) if direction == HIGHER else (value - target)
    if shortfall <= 0:
        return ON_TRACK
    # The tolerance is a share of the target's size; a target of 0 leaves none.
    allowed = abs(target) * tolerance_percent / 100
    return AT_RISK if shortfall <= allowed else OFF_TRACK


@dataclass(frozen=True)
class Trend:
    direction: str  # "up", "down" or "flat" (the value's movement, not good or bad)
    change: float | None  # latest minus the mean of the earlier values
    improving: bool | None  # whether it moves the right way; None when flat or unknown


def trend(values: Sequence[float], direction: str = HIGHER) -> Trend:
    """The movement of the latest of ``values`` (oldest first) against the mean of the
    ``TREND_WINDOW`` values before it."""
    if len(values) < 2:
        return Trend(FLAT, None, None)
    earlier = list(values[-1 - TREND_WINDOW : -1])
    mean = sum(earlier) / len(earlier)
    change = values[-1] - mean
    scale = abs(mean) if mean else max(abs(v) for v in values) or 1.0
    if abs(change) < FLAT_WITHIN * scale:
        return Trend(FLAT, change, None)
    moved = UP if change > 0 else DOWN
    return Trend(moved, change, (moved == UP) == (direction == HIGHER))
