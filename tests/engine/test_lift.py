import random

import pytest

from socialroadmap.engine import lift
from socialroadmap.engine.lift import (
    A_LIFT,
    LOWER,
    NO_LIFT,
    PAIRED,
    TOO_FEW,
    TWO_GROUPS,
    measure_lift,
    paired_lift,
    per_unit,
    two_group_lift,
)


def simulate(
    effect: float, n: int, seed: int, noise: float = 0.15
) -> tuple[list[float], list[float]]:
    """Reach of ``n`` linked and ``n`` unlinked communications around 1000."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    unlinked = [max(1.0, rng.gauss(1000, 1000 * noise)) for _ in range(n)]
    linked = [max(1.0, rng.gauss(1000 * (1 + effect), 1000 * noise)) for _ in range(n)]
    return linked, unlinked


def test_a_simulated_lift_of_twelve_percent_is_found() -> None:
    linked, unlinked = simulate(0.12, 150, seed=3)
    result = two_group_lift(linked, unlinked)
    assert result.verdict == A_LIFT
    assert result.ci_low is not None and result.ci_high is not None
    assert 0 < result.ci_low < 0.12 < result.ci_high
    assert result.method == TWO_GROUPS
    assert (result.n_linked, result.n_unlinked) == (150, 150)


def test_without_an_effect_the_interval_covers_zero_in_most_simulations() -> None:
    covered = 0
    for seed in range(100):
        linked, unlinked = simulate(0.0, 40, seed=seed)
        result = two_group_lift(linked, unlinked, resamples=400, seed=seed)
        assert result.ci_low is not None and result.ci_high is not None
        covered += result.ci_low <= 0 <= result.ci_high
    assert covered >= 90


def test_no_effect_says_no_lift_shown() -> None:
    linked, unlinked = simulate(0.0, 60, seed=8)
    result = two_group_lift(linked, unlinked)
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low < 0 < result.ci_high
    assert result.verdict == NO_LIFT


def test_a_clear_drop_is_lower() -> None:
    linked, unlinked = simulate(-0.2, 60, seed=4)
    assert two_group_lift(linked, unlinked).verdict == LOWER


def test_too_few_communications_say_so() -> None:
    result = two_group_lift([1200, 1300, 1250, 1100], [1000, 900, 1050, 980, 1010, 990])
    assert result.verdict == TOO_FEW
    assert result.lift is not None  # the point estimate is still shown
    assert result.ci_low is None and result.ci_high is None
    assert not result.enough


def test_an_interval_from_below_zero_to_above_thirty_percent_is_too_few() -> None:
    linked, unlinked = simulate(0.05, 5, seed=1, noise=0.6)
    result = two_group_lift(linked, unlinked)
    assert result.ci_low is not None and result.ci_high is not None
    assert result.ci_low < 0 and result.ci_high > 0.3
    assert result.verdict == TOO_FEW


def test_no_baseline_means_no_lift() -> None:
    result = two_group_lift([5, 6, 7, 8, 9], [0, 0, 0, 0, 0])
    assert result.lift is None
    assert result.verdict == TOO_FEW


def test_the_same_data_and_seed_give_the_same_result() -> None:
    linked, unlinked = simulate(0.1, 20, seed=5)
    assert two_group_lift(linked, unlinked) == two_group_lift(linked, unlinked)
    other = two_group_lift(linked, unlinked, seed=99)
    assert other.lift == two_group_lift(linked, unlinked).lift


def test_paired_lift_is_the_mean_of_the_ratios() -> None:
    pairs = [(110, 100), (220, 200), (330, 300), (440, 400), (550, 500), (120, 100)]
    result = paired_lift(pairs)
    assert result.method == PAIRED
    assert result.lift == pytest.approx((0.1 * 5 + 0.2) / 6)
    assert result.n_linked == result.n_unlinked == 6
    assert result.verdict == A_LIFT


def test_paired_lift_leaves_out_controls_of_zero_and_needs_enough_pairs() -> None:
    result = paired_lift([(110, 100), (5, 0), (120, 100)])
    assert result.n_linked == 2
    assert result.verdict == TOO_FEW


def test_measure_uses_pairs_only_when_there_are_enough() -> None:
    linked, unlinked = simulate(0.12, 30, seed=2)
    few = measure_lift(linked, unlinked, [(110, 100), (120, 100)])
    assert few.method == TWO_GROUPS
    many = measure_lift(linked, unlinked, [(110 + i, 100) for i in range(6)])
    assert many.method == PAIRED


def test_per_unit() -> None:
    assert per_unit(100, per="", cost=None, days=None) == 100.0
    assert per_unit(100, per="cost", cost=50, days=None) == 2.0
    assert per_unit(100, per="cost", cost=0, days=None) is None
    assert per_unit(100, per="day", cost=None, days=4) == 25.0
    assert per_unit(None, per="day", cost=None, days=4) is None
    with pytest.raises(ValueError, match="unknown normalisation"):
        per_unit(1, per="week", cost=None, days=None)


def test_result_as_dict_names_everything() -> None:
    data = two_group_lift([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], resamples=100).as_dict()
    assert set(data) >= {"method", "n_linked", "n_unlinked", "lift", "ci_low", "ci_high", "verdict"}
    assert data["verdict"] in lift.VERDICTS
