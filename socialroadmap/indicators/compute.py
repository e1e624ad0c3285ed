"""Values the product computes from its own data, per period of the indicator:

- listening (the indicator's query, or all posts without one): conversation volume (the
  posts in the period), average sentiment (the mean sentiment score), net sentiment
  ((positive - negative) / (positive + negative)) and share of voice (the query's posts
  as a percentage of the posts of all the organisation's active queries);
- feedback: response time (median hours from received to acknowledged) and time to
  action (median days from received to done) of the items received in the period;
- content: reach and engagement (likes + shares + comments) of the items published in
  the period, as last measured.

Feedback and content count the indicator's department's items when any item carries
that department, else all of them. A value entered by hand, imported or sent through the
API is never overwritten: it wins over the computed one for its period."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Avg, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.content.models import ContentItem, ItemMetrics
from socialroadmap.feedback.choices import State
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.feedback.statistics import median
from socialroadmap.indicators import periods as spans
from socialroadmap.indicators.choices import COMPUTED_FROM, Metric, Origin
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.indicators.services import PLACES
from socialroadmap.listening.choices import Sentiment
from socialroadmap.listening.models import ListeningQuery, Post, PostMatch, Rollup
from socialroadmap.organizations.models import Organization

DEFAULT_PERIODS = 12

Window = tuple[datetime, datetime]


def is_computed(indicator: Indicator) -> bool:
    return indicator.metric in COMPUTED_FROM


# --- listening -------------------------------------------------------------------------


def _rollups(indicator: Indicator, window: Window) -> QuerySet[Rollup]:
    rows = Rollup.objects.for_org(indicator.organization).filter(
        period__gte=window[0], period__lt=window[1]
    )
    if indicator.query_id is None:
        return rows.filter(query__isnull=True)
    return rows.filter(query_id=indicator.query_id)


def _first_rollup(indicator: Indicator) -> datetime | None:
    rows = Rollup.objects.for_org(indicator.organization)
    rows = (
        rows.filter(query__isnull=True)
        if indicator.query_id is None
        else rows.filter(query_id=indicator.query_id)
    )
    first: datetime | None = rows.aggregate(first=Min("period"))["first"]
    return first


def conversation_volume(indicator: Indicator, window: Window) -> Decimal | None:
    """The posts of the period; none before the listening data start."""
    first = _first_rollup(indicator)
    if first is None or first >= window[1]:
        return None
    posts = _rollups(indicator, window).aggregate(n=Sum("posts"))["n"] or 0
    return Decimal(posts)


def net_sentiment(indicator: Indicator, window: Window) -> Decimal | None:
    counts = _rollups(indicator, window).aggregate(
        positive=Sum("posts", filter=Q(sentiment=Sentiment.POSITIVE)),
        negative=Sum("posts", filter=Q(sentiment=Sentiment.NEGATIVE)),
    )
    positive, negative = counts["positive"] or 0, counts["negative"] or 0
    if not positive + negative:
        return None
    return Decimal(positive - negative) / Decimal(positive + negative)


def average_sentiment(indicator: Indicator, window: Window) -> Decimal | None:
    """The mean sentiment score of the period's posts (raw posts: rollups hold counts)."""
    organization = indicator.organization
    if indicator.query_id is None:
        rows: QuerySet[Any] = Post.objects.for_org(organization).annotate(
            moment=Coalesce("created_at", "stored_at")
        )
        field = "sentiment_score"
    else:
        rows = (
            PostMatch.objects.for_org(organization)
            .filter(query_id=indicator.query_id)
            .annotate(moment=Coalesce("post__created_at", "post__stored_at"))
        )
        field = "post__sentiment_score"
    mean = rows.filter(moment__gte=window[0], moment__lt=window[1]).aggregate(m=Avg(field))["m"]
    return None if mean is None else Decimal(str(mean))


def share_of_voice(indicator: Indicator, window: Window) -> Decimal | None:
    """The query's posts as a percentage of the posts of every active query (and its own)."""
    if indicator.query_id is None:
        return None
    active = ListeningQuery.objects.for_org(indicator.organization).filter(
        Q(is_active=True) | Q(pk=indicator.query_id)
    )
    rows = Rollup.objects.for_org(indicator.organization).filter(
        period__gte=window[0], period__lt=window[1], query__in=active
    )
    counts = rows.aggregate(
        total=Sum("posts"), own=Sum("posts", filter=Q(query_id=indicator.query_id))
    )
    if not counts["total"]:
        return None
    return Decimal(100 * (counts["own"] or 0)) / Decimal(counts["total"])


# --- feedback --------------------------------------------------------------------------


def _department_rows(rows: QuerySet[Any], department: str) -> QuerySet[Any]:
    """The department's rows when any row carries the department, else all."""
    own = rows.filter(department=department)
    return own if own.exists() else rows


def _feedback(indicator: Indicator, window: Window) -> list[FeedbackItem]:
    rows: QuerySet[Any] = FeedbackItem.objects.for_org(indicator.organization).exclude(
        state=State.REJECTED
    )
    rows = _department_rows(rows, indicator.department)
    return list(rows.filter(received_at__gte=window[0], received_at__lt=window[1]))


def response_time(indicator: Indicator, window: Window) -> Decimal | None:
    """Median hours from received to acknowledged (or a later step, when one was skipped)."""
    hours = []
    for item in _feedback(indicator, window):
        moment = item.acknowledged_at or item.action_decided_at or item.done_at
        if moment is not None:
            hours.append(max((moment - item.received_at).total_seconds(), 0.0) / 3600)
    middle = median(hours)
    return None if middle is None else Decimal(str(middle))


def time_to_action(indicator: Indicator, window: Window) -> Decimal | None:
    """Median days from received to done."""
    days = [
        max((item.done_at - item.received_at).total_seconds(), 0.0) / 86400
        for item in _feedback(indicator, window)
        if item.state == State.DONE and item.done_at is not None
    ]
    middle = median(days)
    return None if middle is None else Decimal(str(middle))


# --- content ---------------------------------------------------------------------------


def _metrics(indicator: Indicator, window: Window) -> QuerySet[ItemMetrics]:
    items: QuerySet[Any] = ContentItem.objects.for_org(indicator.organization).filter(
        published_at__isnull=False
    )
    items = _department_rows(items, indicator.department)
    return ItemMetrics.objects.for_org(indicator.organization).filter(
        item__in=items.filter(published_at__gte=window[0], published_at__lt=window[1])
    )


def reach(indicator: Indicator, window: Window) -> Decimal | None:
    total = _metrics(indicator, window).aggregate(n=Sum("reach"))["n"]
    return None if total is None else Decimal(total)


def engagement(indicator: Indicator, window: Window) -> Decimal | None:
    sums = _metrics(indicator, window).aggregate(
        likes=Sum("likes"), shares=Sum("shares"), comments=Sum("comments")
    )
    if all(v is None for v in sums.values()):
        return None
    return Decimal(sum(v or 0 for v in sums.values()))


COMPUTERS: dict[str, Callable[[Indicator, Window], Decimal | None]] = {
    Metric.CONVERSATION_VOLUME: conversation_volume,
    Metric.SENTIMENT: average_sentiment,
    Metric.NET_SENTIMENT: net_sentiment,
    Metric.SHARE_OF_VOICE: share_of_voice,
    Metric.RESPONSE_TIME: response_time,
    Metric.TIME_TO_ACTION: time_to_action,
    Metric.REACH: reach,
    Metric.ENGAGEMENT: engagement,
}


def value_for(indicator: Indicator, start: date) -> Decimal | None:
    """The computed value of the period starting on ``start``; None without data."""
    computer = COMPUTERS.get(indicator.metric)
    if computer is None:
        return None
    value = computer(indicator, spans.bounds(start, indicator.period))
    return None if value is None else value.quantize(PLACES)


# --- storing ---------------------------------------------------------------------------


@transaction.atomic
def _store(
    indicator: Indicator, computed: dict[date, Decimal | None], actor: User | None
) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "removed": 0, "kept": 0}
    existing = {
        row.period_start: row
        for row in IndicatorValue.objects.select_for_update().filter(
            indicator=indicator, period_start__in=list(computed)
        )
    }
    changed: dict[str, Any] = {}
    for start, value in computed.items():
        row = existing.get(start)
        if row is not None and row.origin != Origin.COMPUTED:
            counts["kept"] += 1  # entered by hand, imported or sent: it wins
            continue
        if value is None:
            if row is not None:  # the data behind it are gone
                row.delete()
                counts["removed"] += 1
                changed[start.isoformat()] = [str(row.value), None]
            continue
        if row is None:
            row = IndicatorValue(
                organization=indicator.organization,
                indicator=indicator,
                period_start=start,
                value=value,
                origin=Origin.COMPUTED,
            )
            counts["created"] += 1
            changed[start.isoformat()] = [None, str(value)]
        elif row.value != value:
            changed[start.isoformat()] = [str(row.value), str(value)]
            row.value = value
            counts["updated"] += 1
        else:
            continue
        row.stamp(actor)
        row.save()
    if changed:
        audit.record(
            indicator.organization,
            actor,
            Action.OTHER,
            indicator,
            {"computed": changed},
            label=f"{indicator.name}: values computed",
        )
    return counts


def compute_values(
    organization: Organization,
    indicator: Indicator | None = None,
    *,
    periods: int = DEFAULT_PERIODS,
    indicators: Iterable[Indicator] | None = None,
    actor: User | None = None,
    today: date | None = None,
) -> dict[str, int]:
    """(Re)compute the last ``periods`` completed periods (the one under way is left
    out: its sums would look off track) of the organisation's active computed indicators, or of
    ``indicator`` / ``indicators`` only. Returns the counts of values created, updated,
    removed (their data are gone) and kept (entered otherwise: never overwritten)."""
    today = today or timezone.localdate()
    if indicator is not None:
        rows = [indicator]
    elif indicators is not None:
        rows = list(indicators)
    else:
        rows = list(Indicator.objects.for_org(organization).filter(is_active=True))
    totals = {"indicators": 0, "created": 0, "updated": 0, "removed": 0, "kept": 0}
    for row in rows:
        if row.organization_id != organization.pk or not is_computed(row):
            continue
        # Completed periods only: a period under way would look off track by its sums.
        last = spans.previous_start(spans.start_of(today, row.period), row.period)
        starts = spans.last_periods(last, row.period, periods)
        computed = {start: value_for(row, start) for start in starts}
        counts = _store(row, computed, actor)
        totals["indicators"] += 1
        for key, count in counts.items():
            totals[key] += count
    return totals
