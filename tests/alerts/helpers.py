"""Rollup rows and rules made directly, for the alert tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from socialroadmap.alerts.models import AlertRule
from socialroadmap.alerts.services import create_rule
from socialroadmap.listening.models import ListeningQuery, Rollup
from socialroadmap.organizations.models import Organization

# A fixed "now": 14:20 UTC, so the window of one hour is 14:00 to 15:00.
NOW = datetime(2026, 11, 20, 14, 20, tzinfo=UTC)
HOUR = NOW.replace(minute=0)


def rollup(
    organization: Organization,
    hour: datetime,
    posts: int,
    *,
    sentiment: str = "neutral",
    query: ListeningQuery | None = None,
    source: str = "x",
) -> Rollup:
    return Rollup.objects.create(
        organization=organization,
        period=hour,
        query=query,
        source=source,
        lang="nl",
        sentiment=sentiment,
        posts=posts,
    )


def steady_week(
    organization: Organization,
    per_hour: int = 1,
    *,
    sentiment: str = "neutral",
    query: ListeningQuery | None = None,
) -> None:
    """``per_hour`` posts in every hour of the 7 days before the window."""
    for hours_back in range(1, 7 * 24 + 1):
        rollup(
            organization,
            HOUR - timedelta(hours=hours_back),
            per_hour,
            sentiment=sentiment,
            query=query,
        )


def volume_rule(organization: Organization, **options: Any) -> AlertRule:
    return create_rule(organization, name="Volume", kind="volume", actor=None, **options)


def negative_rule(organization: Organization, **options: Any) -> AlertRule:
    return create_rule(organization, name="Negative", kind="negative_share", actor=None, **options)
