"""Channels and items made through the services, for the content tests."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from socialroadmap.content import services
from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.models import Channel, ContentItem
from socialroadmap.organizations.models import Organization


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def channel(organization: Organization, name: str = "Blog", **fields: Any) -> Channel:
    return services.create_channel(
        organization, name=name, actor=None, **{"kind": "website", **fields}
    )


def item(
    organization: Organization,
    title: str = "Brewing tip",
    *,
    status: str = ItemStatus.IDEA,
    on: Channel | None = None,
    day: date | None = None,
    published: date | None = None,
    **fields: Any,
) -> ContentItem:
    """An item moved to ``status`` through the services (approved and published ones
    need ``on`` and ``day``; ``published`` is the day it went out)."""
    row = services.create_item(
        organization,
        title=title,
        actor=None,
        status=ItemStatus.DRAFT if status not in (ItemStatus.IDEA,) else ItemStatus.IDEA,
        channel=on,
        planned_at=at(day) if day else None,
        **fields,
    )
    if status in (ItemStatus.APPROVED, ItemStatus.PUBLISHED):
        row = services.transition_item(row, ItemStatus.APPROVED, actor=None)
    if status == ItemStatus.PUBLISHED:
        row = services.transition_item(
            row,
            ItemStatus.PUBLISHED,
            actor=None,
            published_at=at(published or day or timezone.localdate()),
        )
    return row
