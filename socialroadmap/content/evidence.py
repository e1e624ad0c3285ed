"""Evidence the content calendar gives the assessment, for project 10 (from campaign
thinking to content thinking): owned channels are registered, something is published
every week, and most of it is always-on content rather than campaigns."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.content import planning
from socialroadmap.content.choices import ItemStatus, ItemType
from socialroadmap.content.models import Channel, ContentItem
from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 10
RECENT_WEEKS = 4
SHARE_WEEKS = 8
ALWAYS_ON_TARGET = 0.5


@register_evidence_provider
def content_calendar(organization: Organization) -> list[Evidence]:
    """Project 10: channels registered, weeks with published content, always-on share."""
    channels = Channel.objects.for_org(organization).filter(is_active=True).count()
    if not channels:
        return []
    today = timezone.localdate()
    since = timezone.now() - timedelta(weeks=SHARE_WEEKS)
    published = [
        (timezone.localdate(moment), kind == ItemType.ALWAYS_ON)
        for moment, kind in ContentItem.objects.for_org(organization)
        .filter(status=ItemStatus.PUBLISHED, published_at__gte=since)
        .values_list("published_at", "item_type")
    ]
    # Rolling weeks ending today: the last 7 days are the most recent week.
    weeks_with_content = sum(
        1
        for n in range(RECENT_WEEKS)
        if any(
            today - timedelta(days=7 * (n + 1)) < day <= today - timedelta(days=7 * n)
            for day, _always_on in published
        )
    )
    share = planning.overall_share(planning.weekly_shares(today, SHARE_WEEKS, published))
    evidence = [
        Evidence(
            project=PROJECT,
            key="content.channels",
            score=1.0,
            weight=1,
            label=Text(
                f"{channels} owned media channel(s) registered",
                f"{channels} eigen mediakana(a)l(en) geregistreerd",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="content.weeks",
            score=weeks_with_content / RECENT_WEEKS,
            weight=1,
            label=Text(
                f"Content published in {weeks_with_content} of the last {RECENT_WEEKS} weeks",
                f"Content gepubliceerd in {weeks_with_content} van de laatste {RECENT_WEEKS} weken",
            ),
        ),
    ]
    percent = round((share or 0) * 100)
    evidence.append(
        Evidence(
            project=PROJECT,
            key="content.always_on",
            score=min(1.0, (share or 0) / ALWAYS_ON_TARGET),
            weight=1,
            label=Text(
                f"{percent}% of the content of the last {SHARE_WEEKS} weeks was always-on "
                f"(goal: {round(ALWAYS_ON_TARGET * 100)}% or more)",
                f"{percent}% van de content van de laatste {SHARE_WEEKS} weken was always-on "
                f"(doel: {round(ALWAYS_ON_TARGET * 100)}% of meer)",
            ),
        )
    )
    return evidence
