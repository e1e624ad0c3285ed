"""The demo organisation, seeded once per test, and the figures compared around an
export, a deletion and a restore."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from socialroadmap.organizations.models import Organization


@pytest.fixture
def demo(db: None, settings, tmp_path) -> Organization:
    settings.DATA_DIR = str(tmp_path / "data")
    from socialroadmap.demo import seed_demo

    seed_demo()
    return Organization.objects.get(slug="demo")


@pytest.fixture
def small(owner) -> Organization:
    """A small organisation (Acme, with its owner): enough where the rows do not matter."""
    from socialroadmap.audit.services import record
    from socialroadmap.listening.models import ListeningQuery

    query = ListeningQuery.objects.create(
        organization=owner.organization, name="Brand", query="acme"
    )
    record(owner.organization, owner.user, "create", query)
    return owner.organization


def figures(organization: Organization) -> dict[str, Any]:
    """Results computed from an organisation's data: they must survive a round trip."""
    from socialroadmap.engine.serialize import result_to_dict
    from socialroadmap.listening import insights
    from socialroadmap.roadmap.evidence import collect_evidence
    from socialroadmap.roadmap.models import Assessment
    from socialroadmap.roadmap.services import compute_result, latest_submitted, model_for

    now = timezone.now()
    filters = insights.Filters(since=now - timedelta(days=400), until=now + timedelta(days=1))
    latest = latest_submitted(organization)
    assert latest is not None
    return {
        "assessments": [
            (a.pk, a.status, a.stage, result_to_dict(model_for(a), compute_result(a)))
            for a in Assessment.objects.for_org(organization).order_by("pk")
        ],
        "latest": (latest.pk, latest.stage, latest.result),
        "evidence": sorted(repr(e) for e in collect_evidence(organization)),
        "share_of_voice": insights.share_of_voice(organization, filters),
        "by_source": insights.breakdown(organization, "source", filters),
        "series": insights.series(organization, "day", filters),
        "top_posts": [p.pk for p in insights.top_posts(organization, filters)],
    }
