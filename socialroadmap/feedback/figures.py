"""The figures of the feedback loop for one organisation: time to acknowledge (hours)
and time to action (days, from received to done) per month and per department, against
the targets. Months are those in which the items came in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import formats, timezone

from socialroadmap.excellence.choices import Department
from socialroadmap.feedback.choices import DEFAULT_ACKNOWLEDGE_HOURS, State
from socialroadmap.feedback.models import FeedbackItem, acknowledge_limit, action_limit
from socialroadmap.feedback.services import targets_by_kind
from socialroadmap.feedback.statistics import (
    LineChart,
    Summary,
    days_between,
    hours_between,
    last_months,
    line_chart,
    median,
    month_of,
    summarize,
)
from socialroadmap.organizations.models import Organization


@dataclass(frozen=True)
class Row:
    """One month or department: the two summaries."""

    key: str
    label: str
    acknowledge: Summary
    action: Summary


@dataclass(frozen=True)
class Figures:
    months: list[Row]
    departments: list[Row]
    acknowledge_target_hours: float
    action_target_days: float
    chart: LineChart
    total: int


def _durations(item: FeedbackItem) -> tuple[float | None, float | None] | None:
    """(hours to acknowledge, days to action); None for a rejected item, which is in
    neither figure."""
    if item.state == State.REJECTED:
        return None
    acknowledged = item.acknowledged_at or item.action_decided_at or item.done_at
    return hours_between(item.received_at, acknowledged), days_between(
        item.received_at, item.done_at
    )


def item_targets(items: list[FeedbackItem], organization: Organization) -> tuple[float, float]:
    """The median of the items' own targets (hours to acknowledge, days to action), or the
    defaults for no items: one number to draw against, whatever the mix of kinds."""
    targets = targets_by_kind(organization)
    acknowledge = [acknowledge_limit(i, targets.get(i.kind)).total_seconds() / 3600 for i in items]
    action = [action_limit(targets.get(i.kind)).total_seconds() / 86400 for i in items]
    return (
        median(acknowledge) or float(DEFAULT_ACKNOWLEDGE_HOURS),
        median(action) or action_limit(None).days,
    )


def compute(organization: Organization, now: datetime | None = None) -> Figures:
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = last_months(today)
    start = timezone.make_aware(datetime.combine(months[0], datetime.min.time()))
    items = list(
        FeedbackItem.objects.for_org(organization)
        .filter(received_at__gte=start, received_at__lte=now)
        .order_by("received_at")
    )
    by_month: dict[date, list[tuple[float | None, float | None]]] = defaultdict(list)
    by_department: dict[str, list[tuple[float | None, float | None]]] = defaultdict(list)
    for item in items:
        durations = _durations(item)
        if durations is None:
            continue
        by_month[month_of(timezone.localtime(item.received_at).date())].append(durations)
        by_department[item.department].append(durations)
    month_rows = [
        _row(m.isoformat()[:7], formats.date_format(m, "M Y"), by_month.get(m, [])) for m in months
    ]
    labels = dict(Department.choices)
    department_rows = [
        _row(key, str(labels.get(key, "")) or "—", values)
        for key, values in sorted(by_department.items(), key=lambda kv: str(labels.get(kv[0], "~")))
    ]
    acknowledge_target, action_target = item_targets(items, organization)
    chart = line_chart([(row.label[:3], row.action.median) for row in month_rows], action_target)
    return Figures(
        month_rows, department_rows, acknowledge_target, action_target, chart, len(items)
    )


def _row(key: str, label: str, values: list[tuple[float | None, float | None]]) -> Row:
    return Row(
        key,
        label,
        summarize(v[0] for v in values),
        summarize(v[1] for v in values),
    )


def action_days_done_between(
    organization: Organization, start: datetime, end: datetime
) -> list[float]:
    """Days to action of the items received between ``start`` and ``end`` and done."""
    rows = FeedbackItem.objects.for_org(organization).filter(
        received_at__gte=start, received_at__lt=end, state=State.DONE
    )
    return [d for d in (days_between(i.received_at, i.done_at) for i in rows) if d is not None]


def window(now: datetime, days_back: int, days: int) -> tuple[datetime, datetime]:
    end = now - timedelta(days=days_back)
    return end - timedelta(days=days), end
