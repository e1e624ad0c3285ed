"""The calendar's arithmetic, free of Django: weeks, days without content, the longest
gap per channel and the always-on share per week."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=offset) for offset in range(count)]


def empty_days(start: date, count: int, planned: Iterable[date]) -> list[date]:
    """The days of ``count`` days from ``start`` with nothing planned on them."""
    taken = set(planned)
    return [day for day in days(start, count) if day not in taken]


@dataclass(frozen=True)
class Gap:
    """A run of days without content: its first day and length in days."""

    start: date
    length: int

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.length - 1)


def longest_gap(start: date, count: int, planned: Iterable[date]) -> Gap | None:
    """The longest run of empty days in the window (the earliest among equals); None
    when every day has content."""
    best: Gap | None = None
    run_start: date | None = None
    taken = set(planned)
    for day in [*days(start, count), None]:
        if day is not None and day not in taken:
            run_start = run_start or day
            continue
        if run_start is not None:
            end = day if day is not None else start + timedelta(days=count)
            gap = Gap(run_start, (end - run_start).days)
            if best is None or gap.length > best.length:
                best = gap
            run_start = None
    return best


@dataclass(frozen=True)
class WeekShare:
    """A week's published items and how many of them were always-on."""

    start: date
    published: int
    always_on: int

    @property
    def share(self) -> float | None:
        return self.always_on / self.published if self.published else None


def weekly_shares(
    today: date, weeks: int, published: Iterable[tuple[date, bool]]
) -> list[WeekShare]:
    """Per week (the last ``weeks`` weeks, this one included, oldest first) the published
    items and the always-on ones; ``published`` is (day, is always-on) per item."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    counts: dict[date, list[int]] = {first + timedelta(weeks=n): [0, 0] for n in range(weeks)}
    for day, always_on in published:
        bucket = counts.get(week_start(day))
        if bucket is not None:
            bucket[0] += 1
            bucket[1] += int(always_on)
    return [WeekShare(start, total, on) for start, (total, on) in counts.items()]


def overall_share(shares: Iterable[WeekShare]) -> float | None:
    """The always-on share of all the items of the weeks together."""
    rows = list(shares)
    total = sum(row.published for row in rows)
    return sum(row.always_on for row in rows) / total if total else None


def per_channel_gaps(
    start: date, count: int, planned: Mapping[int, Iterable[date]], channels: Iterable[int]
) -> dict[int, Gap | None]:
    """The longest gap of each channel in the window."""
    return {channel: longest_gap(start, count, planned.get(channel, ())) for channel in channels}
