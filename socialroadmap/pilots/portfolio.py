"""The recommendation: which pilots to choose, and why the others are not chosen.

A pure function of the scores and the thresholds, so that it can be tested (and
reasoned about) without a database: only pilots that meet all three of the model's
criteria are chosen, the strongest immediate return first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from socialroadmap.pilots.choices import DEFAULT_THRESHOLD, Criterion


class Scored(Protocol):
    """What the recommendation reads of a pilot."""

    @property
    def pk(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def fit_score(self) -> int: ...
    @property
    def return_score(self) -> int: ...
    @property
    def learning_score(self) -> int: ...
    @property
    def feasibility(self) -> int: ...


@dataclass(frozen=True)
class Thresholds:
    """The lowest score on each criterion that still counts as meeting it."""

    fit: int = DEFAULT_THRESHOLD
    ret: int = DEFAULT_THRESHOLD
    learning: int = DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Miss:
    """A criterion a pilot does not meet: its score against the threshold."""

    criterion: Criterion
    score: int
    threshold: int

    @property
    def label(self) -> str:
        return str(self.criterion.label)


@dataclass
class Recommendation:
    """The chosen pilots in order, and each other pilot with what it misses."""

    selected: list[Scored] = field(default_factory=list)
    rejected: list[tuple[Scored, list[Miss]]] = field(default_factory=list)


def misses(pilot: Scored, thresholds: Thresholds) -> list[Miss]:
    """The criteria ``pilot`` scores below the threshold of, in the model's order."""
    checks = (
        (Criterion.FIT, pilot.fit_score, thresholds.fit),
        (Criterion.RETURN, pilot.return_score, thresholds.ret),
        (Criterion.LEARNING, pilot.learning_score, thresholds.learning),
    )
    return [Miss(c, score, limit) for c, score, limit in checks if score < limit]


def meets_all(pilot: Scored, thresholds: Thresholds) -> bool:
    return not misses(pilot, thresholds)


def _rank(pilot: Scored) -> tuple[int, int, int, str, int]:
    """Return, then feasibility, then learning, all highest first; then by name."""
    return (
        -pilot.return_score,
        -pilot.feasibility,
        -pilot.learning_score,
        pilot.name.lower(),
        pilot.pk or 0,
    )


def recommend(pilots: Iterable[Scored], thresholds: Thresholds) -> Recommendation:
    """Choose the pilots that meet all three thresholds, ranked on return against
    feasibility (and learning when those tie); the rest with the criteria they miss."""
    result = Recommendation()
    for pilot in sorted(pilots, key=_rank):
        missing = misses(pilot, thresholds)
        if missing:
            result.rejected.append((pilot, missing))
        else:
            result.selected.append(pilot)
    return result
