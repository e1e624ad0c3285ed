import pytest

from socialroadmap.engine.targets import (
    AT_RISK,
    DOWN,
    FLAT,
    HIGHER,
    LOWER,
    NO_DATA,
    NO_TARGET,
    OFF_TRACK,
    ON_TRACK,
    UP,
    status,
    trend,
)


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (120, 100, HIGHER, ON_TRACK),
        (100, 100, HIGHER, ON_TRACK),
        (95, 100, HIGHER, AT_RISK),
        (90, 100, HIGHER, AT_RISK),
        (89, 100, HIGHER, OFF_TRACK),
        (20, 24, LOWER, ON_TRACK),
        (26, 24, LOWER, AT_RISK),
        (30, 24, LOWER, OFF_TRACK),
        (-0.1, 0.3, HIGHER, OFF_TRACK),
        (-0.1, 0, HIGHER, OFF_TRACK),
        (None, 100, HIGHER, NO_DATA),
        (5, None, HIGHER, NO_TARGET),
    ],
)
def test_status_against_the_target(value, target, direction, expected) -> None:
    assert status(value, target, direction, 10) == expected


def test_a_wider_tolerance_turns_off_track_into_at_risk() -> None:
    assert status(80, 100, HIGHER, 10) == OFF_TRACK
    assert status(80, 100, HIGHER, 25) == AT_RISK


def test_an_unknown_direction_is_refused() -> None:
    with pytest.raises(ValueError, match="direction"):
        status(1, 2, "sideways", 10)


def test_trend_compares_the_latest_with_the_mean_before_it() -> None:
    rising = trend([10, 11, 12, 20])
    assert rising.direction == UP and rising.change == pytest.approx(9)
    assert rising.improving is True
    assert trend([10, 11, 12, 20], LOWER).improving is False
    assert trend([30, 30, 20]).direction == DOWN
    assert trend([100, 100, 101]).direction == FLAT
    assert trend([5]).change is None
