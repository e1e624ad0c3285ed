"""The demo's policy: version 1 published and partly acknowledged, version 2 in review."""

from __future__ import annotations

from socialroadmap.internalscan import demo as roster
from socialroadmap.policy import demo
from socialroadmap.policy.choices import VersionStatus
from socialroadmap.policy.document import diff_versions
from socialroadmap.policy.models import Acknowledgement, PolicyVersion
from socialroadmap.policy.shares import acknowledgement_shares
from tests.conftest import Persona


def test_the_demo_policy_is_seeded_once(owner: Persona) -> None:
    roster.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)

    first, second = PolicyVersion.objects.for_org(owner.organization).order_by("number")
    assert (first.status, second.status) == (VersionStatus.PUBLISHED, VersionStatus.IN_REVIEW)
    assert first.published_at is not None and first.published_at.year <= second.created_at.year
    assert (second.created_at - first.published_at).days >= 100
    assert [change.name for change in diff_versions(first, second, "en")] == [
        "Social media during working time"
    ]
    assert Acknowledgement.objects.filter(version=first).count() == len(demo.ACKNOWLEDGED)
    shares = acknowledgement_shares(owner.organization)
    assert 0 < shares.share < 1
    assert {row.name for row in shares.departments if row.acknowledged == row.people} >= {
        "Communicatie"
    }
