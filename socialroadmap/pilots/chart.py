"""The portfolio chart: the candidate pilots mapped on the model's criteria, as the
original text shows it. Server-rendered SVG (the CSP allows no scripts or inline styles;
colours are SVG attributes): x is immediate return, y is fit, the bubble's size its
learning value and its colour feasibility. The region where both fit and return meet
their thresholds is shaded; bubbles that meet the learning threshold as well are
outlined. Pilots with the same two scores are spread around their point, always in the
same way, so that none hides another."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from socialroadmap.pilots.choices import SCORE_MAX, SCORE_MIN
from socialroadmap.pilots.portfolio import Scored, Thresholds

WIDTH = 600
HEIGHT = 520
LEFT, RIGHT, TOP, BOTTOM = 70, 580, 40, 410
# Feasibility 1 (hard) to 5 (easy): a red-to-green scale that stays apart in print.
FEASIBILITY_COLOURS = ("#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850")
REGION_FILL = "#e3f1e8"
OUTLINE = "#1d2a33"
MIN_RADIUS = 8
RADIUS_STEP = 4
# How far pilots that share a point are moved away from it.
SPREAD = 24
SCORES = range(SCORE_MIN, SCORE_MAX + 1)


@dataclass(frozen=True)
class Bubble:
    pk: int
    name: str
    x: float
    y: float
    r: int
    fill: str
    outlined: bool
    in_region: bool
    url: str
    title: str


@dataclass(frozen=True)
class Tick:
    value: int
    position: float


@dataclass(frozen=True)
class LegendKey:
    x: int
    fill: str
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    region_x: float
    region_y: float
    region_width: float
    region_height: float
    region_label: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    bubbles: list[Bubble]
    legend: list[LegendKey]
    legend_y: int


def x_of(score: float) -> float:
    """The horizontal position of an immediate-return score."""
    return LEFT + (score - SCORE_MIN + 0.5) / len(SCORES) * (RIGHT - LEFT)


def y_of(score: float) -> float:
    """The vertical position of a fit score (higher fit, higher up)."""
    return BOTTOM - (score - SCORE_MIN + 0.5) / len(SCORES) * (BOTTOM - TOP)


def radius_of(learning: int) -> int:
    return MIN_RADIUS + RADIUS_STEP * (learning - SCORE_MIN)


def offsets(count: int) -> list[tuple[float, float]]:
    """Where ``count`` pilots sharing one point go: around it, evenly, first on top."""
    if count <= 1:
        return [(0.0, 0.0)] * count
    spread = SPREAD if count <= 4 else SPREAD + 3 * (count - 4)
    return [
        (
            round(spread * math.sin(2 * math.pi * i / count), 1),
            round(-spread * math.cos(2 * math.pi * i / count), 1),
        )
        for i in range(count)
    ]


def _title(pilot: Scored, status: str) -> str:
    return _(
        "%(name)s: fit %(fit)s, return %(ret)s, learning %(learning)s, "
        "feasibility %(feasibility)s (%(status)s)"
    ) % {
        "name": pilot.name,
        "fit": pilot.fit_score,
        "ret": pilot.return_score,
        "learning": pilot.learning_score,
        "feasibility": pilot.feasibility,
        "status": status,
    }


def build_chart(
    pilots: Iterable[Scored],
    thresholds: Thresholds,
    url_of: Callable[[Scored], str],
    status_of: Callable[[Scored], str] = lambda pilot: "",
) -> Chart:
    """The chart of ``pilots`` against ``thresholds``; ``url_of`` gives a bubble's link."""
    by_point: dict[tuple[int, int], list[Scored]] = defaultdict(list)
    for pilot in sorted(pilots, key=lambda p: (p.pk or 0, p.name)):
        by_point[(pilot.return_score, pilot.fit_score)].append(pilot)
    bubbles: list[Bubble] = []
    for (ret, fit), group in by_point.items():
        for pilot, (dx, dy) in zip(group, offsets(len(group)), strict=True):
            r = radius_of(pilot.learning_score)
            in_region = fit >= thresholds.fit and ret >= thresholds.ret
            bubbles.append(
                Bubble(
                    pk=pilot.pk or 0,
                    name=pilot.name,
                    x=min(max(x_of(ret) + dx, LEFT + r), RIGHT - r),
                    y=min(max(y_of(fit) + dy, TOP + r), BOTTOM - r),
                    r=r,
                    fill=FEASIBILITY_COLOURS[pilot.feasibility - SCORE_MIN],
                    outlined=in_region and pilot.learning_score >= thresholds.learning,
                    in_region=in_region,
                    url=url_of(pilot),
                    title=_title(pilot, status_of(pilot)),
                )
            )
    # The big bubbles first, so the small ones are drawn on top of them.
    bubbles.sort(key=lambda b: (-b.r, b.pk))
    region_x = x_of(thresholds.ret - 0.5)
    region_bottom = y_of(thresholds.fit - 0.5)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        region_x=region_x,
        region_y=TOP,
        region_width=RIGHT - region_x,
        region_height=region_bottom - TOP,
        region_label=_("Fit ≥ %(fit)s and return ≥ %(ret)s")
        % {"fit": thresholds.fit, "ret": thresholds.ret},
        x_ticks=[Tick(s, x_of(s)) for s in SCORES],
        y_ticks=[Tick(s, y_of(s)) for s in SCORES],
        bubbles=bubbles,
        legend=_legend(),
        legend_y=HEIGHT - 56,
    )


def _legend() -> list[LegendKey]:
    labels: Sequence[str] = (_("1 hard"), "2", "3", "4", _("5 easy"))
    # The first key's label is a word ("1 moeilijk" in Dutch): room after it; the
    # digits between need little.
    offsets = (0, 104, 150, 196, 242)
    return [
        LegendKey(x=LEFT + 90 + offset, fill=colour, label=label)
        for offset, colour, label in zip(offsets, FEASIBILITY_COLOURS, labels, strict=True)
    ]
