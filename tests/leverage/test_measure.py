from socialroadmap.engine.lift import LOWER, NO_LIFT, PAIRED, TOO_FEW, LiftResult
from socialroadmap.leverage.chart import lift_chart
from socialroadmap.leverage.measure import lift_for, sentence
from tests.leverage.helpers import communication, many


def result(**fields) -> LiftResult:
    values = {
        "method": "two groups",
        "n_linked": 14,
        "n_unlinked": 12,
        "mean_linked": 1120.0,
        "mean_unlinked": 1000.0,
        "lift": 0.12,
        "ci_low": 0.04,
        "ci_high": 0.21,
        "verdict": "a lift",
        "min_per_group": 5,
        "resamples": 5000,
        "seed": 12,
    }
    values.update(fields)
    return LiftResult(**values)


def test_the_sentences() -> None:
    assert sentence(result(), "reach") == (
        "Linked communications reached 12% more (95% interval 4% to 21%), "
        "based on 14 linked and 12 unlinked."
    )
    lower = sentence(result(lift=-0.1, ci_low=-0.2, ci_high=-0.02, verdict=LOWER), "visits")
    assert lower.startswith("Linked communications brought 10% fewer visits (95% interval -20%")
    none = sentence(result(lift=0.03, ci_low=-0.05, ci_high=0.11, verdict=NO_LIFT), "sales", "cost")
    assert none.startswith("No lift shown: Linked communications brought 3% more sales per euro")
    paired = sentence(result(method=PAIRED, n_linked=6, n_unlinked=6), "leads")
    assert "than their controls" in paired and "based on 6 pairs" in paired
    few = sentence(result(n_linked=3, verdict=TOO_FEW, ci_low=None, ci_high=None), "reach")
    assert few.startswith("Too few communications to tell: add at least 5 of each")
    wide = sentence(result(ci_low=-0.1, ci_high=0.45, verdict=TOO_FEW), "reach")
    assert "interval runs from -10% to 45%" in wide
    no_base = sentence(result(lift=None, verdict=TOO_FEW, ci_low=None, ci_high=None), "revenue")
    assert "no revenue to compare with" in no_base


def test_the_chart_places_the_point_the_interval_and_the_band() -> None:
    chart = lift_chart(result())
    assert chart.left < chart.zero_x < chart.band_x < chart.point_x < chart.right
    assert chart.low_x < chart.point_x < chart.high_x
    assert chart.band_width > 0
    assert chart.ticks[0].label == "-20%" and chart.ticks[-1].label == "+40%"


def test_the_axis_stretches_for_a_wide_interval_within_limits() -> None:
    chart = lift_chart(result(lift=0.5, ci_low=-0.4, ci_high=9.0))
    assert chart.ticks[0].label == "-50%" or chart.ticks[0].label == "-40%"
    assert chart.ticks[-1].label == "+200%"
    assert chart.high_x == chart.right  # clamped
    empty = lift_chart(result(lift=None, ci_low=None, ci_high=None))
    assert empty.point_x is None and empty.low_x is None


def test_lift_for_leaves_out_missing_outcomes_and_pairs_controls(org) -> None:
    many(org, 6, 6)
    communication(org, "No reach recorded", linked=True)
    assert lift_for(org).n_linked == 6
    linked = communication(org, "Big", linked=True, reach=2000)
    communication(org, "Big plain", is_control=True, control_for=linked, reach=1800)
    measured = lift_for(org, "reach", "cost")
    assert measured.n_unlinked == 6  # the control without a cost has no reach per euro
    assert lift_for(org).n_unlinked == 7
