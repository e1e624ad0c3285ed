"""Periods of an indicator: a week starts on Monday, a month on its first day, a quarter
on 1 January, April, July or October, a year on 1 January. A value belongs to the
period's first day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialroadmap.indicators.choices import Period


def start_of(day: date, period: str) -> date:
    """The first day of the ``period`` that holds ``day``."""
    if period == Period.WEEK:
        return day - timedelta(days=day.weekday())
    if period == Period.MONTH:
        return day.replace(day=1)
    if period == Period.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == Period.YEAR:
        return date(day.year, 1, 1)
    raise ValueError(f"unknown period {period!r}")


def is_start(day: date, period: str) -> bool:
    return start_of(day, period) == day


def next_start(start: date, period: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    if period == Period.WEEK:
        return start + timedelta(days=7)
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[Period(period)]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def previous_start(start: date, period: str) -> date:
    return start_of(start - timedelta(days=1), period)


def last_periods(today: date, period: str, count: int) -> list[date]:
    """The first days of the ``count`` periods up to the one holding ``today``, oldest
    first."""
    starts = [start_of(today, period)]
    while len(starts) < count:
        starts.append(previous_start(starts[-1], period))
    return starts[::-1]


def bounds(start: date, period: str) -> tuple[datetime, datetime]:
    """The period as aware moments (local time): from its first day, up to the next."""
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(next_start(start, period), time.min)),
    )


def must_start(day: date, period: str) -> str | None:
    """Why ``day`` is not the first day of a ``period``, or None when it is."""
    if is_start(day, period):
        return None
    expected = start_of(day, period)
    what = {
        Period.WEEK: "a Monday",
        Period.MONTH: "the first day of a month",
        Period.QUARTER: "the first day of a quarter (1 January, April, July or October)",
        Period.YEAR: "1 January",
    }[Period(period)]
    return f"period_start: {day.isoformat()} is not {what}; give {expected.isoformat()}"
