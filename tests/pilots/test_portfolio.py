"""The recommendation as a pure function: thresholds, ordering, reasons, edge values;
and the KPI status."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from socialroadmap.pilots.choices import Criterion
from socialroadmap.pilots.models import kpi_status
from socialroadmap.pilots.portfolio import Miss, Thresholds, meets_all, misses, recommend


@dataclass(frozen=True)
class P:
    name: str
    fit_score: int
    return_score: int
    learning_score: int
    feasibility: int
    pk: int | None = None


def names(pilots: list[object]) -> list[str]:
    return [p.name for p in pilots]  # type: ignore[attr-defined]


def test_only_pilots_meeting_all_three_thresholds_are_chosen() -> None:
    pilots = [
        P("all", 4, 4, 4, 3),
        P("no return", 5, 3, 5, 5),
        P("no learning", 5, 5, 3, 5),
        P("no fit", 3, 5, 5, 5),
    ]

    result = recommend(pilots, Thresholds())

    assert names(result.selected) == ["all"]
    reasons = {p.name: [m.criterion for m in missing] for p, missing in result.rejected}
    assert reasons == {
        "no return": [Criterion.RETURN],
        "no learning": [Criterion.LEARNING],
        "no fit": [Criterion.FIT],
    }


def test_the_chosen_are_ranked_on_return_then_feasibility_then_learning() -> None:
    pilots = [
        P("b", 5, 4, 5, 5),
        P("a", 5, 5, 4, 2),
        P("d", 5, 4, 4, 3),
        P("c", 5, 4, 4, 5),
        P("e", 5, 4, 4, 3),
    ]

    result = recommend(pilots, Thresholds())

    # return 5 first; among return 4: feasibility 5 (learning 5 before 4), then 3 by name
    assert names(result.selected) == ["a", "b", "c", "d", "e"]


def test_a_score_equal_to_the_threshold_meets_it() -> None:
    edge = P("edge", 4, 4, 4, 1)
    assert meets_all(edge, Thresholds(4, 4, 4))
    assert misses(edge, Thresholds(5, 4, 4)) == [Miss(Criterion.FIT, 4, 5)]
    assert meets_all(P("lowest", 1, 1, 1, 1), Thresholds(1, 1, 1))
    assert meets_all(P("highest", 5, 5, 5, 5), Thresholds(5, 5, 5))


def test_every_missed_criterion_is_named_with_score_and_threshold() -> None:
    [(pilot, missing)] = recommend([P("weak", 1, 2, 3, 5)], Thresholds(4, 4, 4)).rejected

    assert pilot.name == "weak"
    assert missing == [
        Miss(Criterion.FIT, 1, 4),
        Miss(Criterion.RETURN, 2, 4),
        Miss(Criterion.LEARNING, 3, 4),
    ]
    assert missing[1].label == "Immediate return"


def test_lowering_a_threshold_changes_the_choice() -> None:
    pilots = [P("strong", 4, 4, 4, 4), P("cheap", 4, 3, 4, 5)]

    assert names(recommend(pilots, Thresholds()).selected) == ["strong"]
    assert names(recommend(pilots, Thresholds(ret=3)).selected) == ["strong", "cheap"]


def test_no_pilots_no_recommendation() -> None:
    result = recommend([], Thresholds())
    assert result.selected == [] and result.rejected == []


@pytest.mark.parametrize(
    ("target", "measured", "direction", "status"),
    [
        ("10", None, "higher", "not_measured"),
        ("10", "10", "higher", "met"),
        ("10", "9.99", "higher", "not_met"),
        ("30", "22", "lower", "met"),
        ("30", "30", "lower", "met"),
        ("30", "31", "lower", "not_met"),
        ("0", "0", "higher", "met"),
    ],
)
def test_kpi_status(target: str, measured: str | None, direction: str, status: str) -> None:
    value = None if measured is None else Decimal(measured)
    assert kpi_status(Decimal(target), value, direction) == status
