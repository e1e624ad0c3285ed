"""Reads of the content calendar: the warnings about days without content, the
always-on share per week and the figures per channel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from socialroadmap.content import planning
from socialroadmap.content.choices import ItemStatus, ItemType
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from socialroadmap.content.services import METRIC_FIELDS, gap_days
from socialroadmap.organizations.models import Organization

SHARE_WEEKS = 12


def local_day(item: ContentItem) -> date | None:
    moment = item.published_at or item.planned_at
    return timezone.localdate(moment) if moment else None


@dataclass(frozen=True)
class ChannelGap:
    channel: Channel
    gap: planning.Gap | None


@dataclass(frozen=True)
class Gaps:
    """The coming ``days`` from ``start``: the days with nothing planned on any active
    channel, and each active channel's longest run of empty days."""

    start: date
    days: int
    empty: list[date]
    channels: list[ChannelGap]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)


def content_gaps(
    organization: Organization, *, today: date | None = None, days: int | None = None
) -> Gaps:
    """Days in the coming window without approved or published content on the active
    channels (only approved or published items count as planned)."""
    start = today or timezone.localdate()
    count = days or gap_days(organization)
    channels = list(Channel.objects.for_org(organization).filter(is_active=True))
    rows = _planned(organization, start, count).filter(channel__in=channels)
    by_channel: dict[int, set[date]] = defaultdict(set)
    every: set[date] = set()
    for item in rows:
        day = local_day(item)
        if day is not None and item.channel_id is not None:
            by_channel[item.channel_id].add(day)
            every.add(day)
    empty = planning.empty_days(start, count, every) if channels else []
    return Gaps(
        start,
        count,
        empty,
        [
            ChannelGap(channel, planning.longest_gap(start, count, by_channel[channel.pk]))
            for channel in channels
        ],
    )


def _planned(organization: Organization, start: date, count: int) -> QuerySet[ContentItem]:
    begin = _midnight(start)
    end = _midnight(start + timedelta(days=count))
    return ContentItem.objects.for_org(organization).filter(
        Q(status=ItemStatus.APPROVED, planned_at__gte=begin, planned_at__lt=end)
        | Q(status=ItemStatus.PUBLISHED, published_at__gte=begin, published_at__lt=end)
    )


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def weekly_shares(
    organization: Organization, *, today: date | None = None, weeks: int = SHARE_WEEKS
) -> list[planning.WeekShare]:
    """The published items per week, and how many were always-on (oldest week first)."""
    today = today or timezone.localdate()
    first = planning.week_start(today) - timedelta(weeks=weeks - 1)
    published = ContentItem.objects.for_org(organization).filter(
        status=ItemStatus.PUBLISHED, published_at__gte=_midnight(first)
    )
    return planning.weekly_shares(
        today,
        weeks,
        (
            (timezone.localdate(item.published_at), item.item_type == ItemType.ALWAYS_ON)
            for item in published.only("published_at", "item_type")
            if item.published_at is not None
        ),
    )


@dataclass(frozen=True)
class ChannelFigures:
    channel: Channel
    published: int
    totals: dict[str, int]


def channel_figures(organization: Organization) -> list[ChannelFigures]:
    """Per channel: the published items and the sum of each figure over their metrics."""
    sums = {name: Sum(f"items__metrics__{name}") for name in METRIC_FIELDS if name != "measured_at"}
    rows = Channel.objects.for_org(organization).annotate(
        published=Count("items", filter=Q(items__status=ItemStatus.PUBLISHED), distinct=True),
        **sums,
    )
    return [
        ChannelFigures(
            row,
            row.published,
            {name: getattr(row, name) or 0 for name in sums},
        )
        for row in rows
    ]


def metrics_of(organization: Organization) -> dict[int, ItemMetrics]:
    return {m.item_id: m for m in ItemMetrics.objects.for_org(organization)}
