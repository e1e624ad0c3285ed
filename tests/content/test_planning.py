"""The calendar's arithmetic, tested without a database."""

from __future__ import annotations

from datetime import date, timedelta

from socialroadmap.content import planning

MONDAY = date(2026, 11, 30)


def test_a_week_starts_on_monday() -> None:
    assert planning.week_start(date(2026, 12, 6)) == MONDAY
    assert planning.week_start(MONDAY) == MONDAY


def test_empty_days_are_those_without_anything_planned() -> None:
    planned = [MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=9)]

    assert planning.empty_days(MONDAY, 4, planned) == [
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=3),
    ]


def test_the_longest_gap_is_the_longest_run_of_empty_days() -> None:
    planned = [MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=6)]

    gap = planning.longest_gap(MONDAY, 7, planned)

    assert gap == planning.Gap(MONDAY + timedelta(days=3), 3)
    assert gap.end == MONDAY + timedelta(days=5)


def test_a_gap_may_run_to_the_end_of_the_window_and_none_when_full() -> None:
    assert planning.longest_gap(MONDAY, 5, [MONDAY]) == planning.Gap(MONDAY + timedelta(days=1), 4)
    assert planning.longest_gap(MONDAY, 3, planning.days(MONDAY, 3)) is None
    assert planning.longest_gap(MONDAY, 3, []) == planning.Gap(MONDAY, 3)


def test_equal_gaps_keep_the_earliest() -> None:
    planned = [MONDAY + timedelta(days=2)]

    assert planning.longest_gap(MONDAY, 5, planned) == planning.Gap(MONDAY, 2)


def test_per_channel_gaps() -> None:
    gaps = planning.per_channel_gaps(MONDAY, 3, {1: [MONDAY]}, [1, 2])

    assert gaps[1] == planning.Gap(MONDAY + timedelta(days=1), 2)
    assert gaps[2] == planning.Gap(MONDAY, 3)


def test_weekly_shares_count_the_always_on_items_per_week() -> None:
    today = MONDAY + timedelta(days=3)
    published = [
        (MONDAY, True),
        (MONDAY + timedelta(days=1), False),
        (MONDAY - timedelta(days=7), True),
        (MONDAY - timedelta(weeks=5), True),  # before the window
    ]

    shares = planning.weekly_shares(today, 3, published)

    assert [row.start for row in shares] == [
        MONDAY - timedelta(weeks=2),
        MONDAY - timedelta(weeks=1),
        MONDAY,
    ]
    assert [row.share for row in shares] == [None, 1.0, 0.5]
    assert planning.overall_share(shares) == 2 / 3
    assert planning.overall_share([]) is None
