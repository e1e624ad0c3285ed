"""Evidence for project 10 from the content calendar."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.evidence import content_calendar
from tests.conftest import Persona
from tests.content.helpers import channel, item


def test_no_channels_no_evidence(owner: Persona) -> None:
    assert content_calendar(owner.organization) == []


def test_weeks_with_content_and_the_always_on_share(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog = channel(org)
    for weeks_ago, kind in ((0, "always_on"), (1, "always_on"), (3, "campaign")):
        day = today - timedelta(days=7 * weeks_ago)
        item(
            org,
            f"Week {weeks_ago}",
            status=ItemStatus.PUBLISHED,
            on=blog,
            day=day,
            item_type=kind,
            campaign="Sale" if kind == "campaign" else "",
        )

    evidence = {row.key: row for row in content_calendar(org)}

    assert set(evidence) == {"content.channels", "content.weeks", "content.always_on"}
    assert all(row.project == 10 for row in evidence.values())
    assert evidence["content.channels"].score == 1.0
    assert evidence["content.weeks"].score == 0.75
    assert "3 of the last 4 weeks" in evidence["content.weeks"].label.en
    assert evidence["content.always_on"].score == 1.0
    assert "67%" in evidence["content.always_on"].label.en


def test_mostly_campaigns_score_low(owner: Persona) -> None:
    org = owner.organization
    blog = channel(org)
    today = timezone.localdate()
    for n in range(3):
        item(
            org,
            f"Sale {n}",
            status=ItemStatus.PUBLISHED,
            on=blog,
            day=today,
            item_type="campaign",
            campaign="Sale",
        )
    item(org, "Tip", status=ItemStatus.PUBLISHED, on=blog, day=today)

    evidence = {row.key: row for row in content_calendar(org)}

    assert evidence["content.always_on"].score == 0.5
    assert evidence["content.weeks"].score == 0.25
