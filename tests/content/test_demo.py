"""The demo's content calendar: believable, with a gap to warn about, and idempotent."""

from __future__ import annotations

from socialroadmap.content import demo, insights
from socialroadmap.content.choices import ItemStatus, ItemType
from socialroadmap.content.evidence import content_calendar
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from tests.conftest import Persona


def test_the_demo_fills_the_calendar_once_and_keeps_edits(owner: Persona) -> None:
    org = owner.organization
    demo.seed(org, owner.user)
    counts = (Channel.objects.count(), ContentItem.objects.count(), ItemMetrics.objects.count())
    ContentItem.objects.filter(title=demo.IDEAS[0]).update(body="edited")

    demo.seed(org, owner.user)

    assert counts == (
        Channel.objects.count(),
        ContentItem.objects.count(),
        ItemMetrics.objects.count(),
    )
    assert 38 <= counts[1] <= 50
    assert counts[0] == 5
    assert counts[2] > 10
    assert ContentItem.objects.get(title=demo.IDEAS[0]).body == "edited"
    published = ContentItem.objects.filter(status=ItemStatus.PUBLISHED)
    assert published.filter(item_type=ItemType.CAMPAIGN, campaign=demo.CAMPAIGN).count() == 3
    assert published.filter(item_type=ItemType.ALWAYS_ON).count() > 20
    gaps = insights.content_gaps(org)
    assert len(gaps.empty) == 3
    evidence = {row.key: row.score for row in content_calendar(org)}
    assert evidence["content.always_on"] == 1.0
    assert evidence["content.weeks"] >= 0.75
