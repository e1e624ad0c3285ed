"""The scans give evidence for projects 4 (scan) and 7 (listening culture)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.listening.choices import QueryKind
from socialroadmap.listening.models import ListeningQuery, Rollup
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import collect_evidence


def evidence_of(organization: Organization) -> dict[str, float]:
    return {e.key: e.score for e in collect_evidence(organization) if e.project in (4, 7)}


def add_query(organization: Organization, name: str, kind: str, active: bool = True) -> None:
    ListeningQuery.objects.create(
        organization=organization, name=name, query=name, kind=kind, is_active=active
    )


def add_posts(organization: Organization, weeks_ago: int, posts: int) -> None:
    Rollup.objects.create(
        organization=organization,
        period=timezone.now() - timedelta(weeks=weeks_ago, hours=1),
        source="x",
        lang="nl",
        sentiment="neutral",
        posts=posts,
    )


def test_no_listening_gives_no_evidence(org: Organization) -> None:
    assert evidence_of(org) == {}


def test_queries_for_brand_competitors_and_sector_complete_the_scan(org: Organization) -> None:
    add_query(org, "mertens", QueryKind.BRAND)
    assert evidence_of(org)["listening.scan_queries"] == 1 / 3
    add_query(org, "lavazza", QueryKind.COMPETITOR)
    add_query(org, "koffie", QueryKind.SECTOR)
    add_query(org, "oud", QueryKind.OTHER, active=False)
    assert evidence_of(org)["listening.scan_queries"] == 1.0


def test_inactive_queries_count_for_nothing(org: Organization) -> None:
    add_query(org, "mertens", QueryKind.BRAND, active=False)
    assert evidence_of(org) == {}


def test_scanned_posts_count_up_to_the_scan_size(org: Organization) -> None:
    add_query(org, "mertens", QueryKind.BRAND)
    add_posts(org, weeks_ago=1, posts=50)
    assert evidence_of(org)["listening.scan_posts"] == 50 / 200
    add_posts(org, weeks_ago=2, posts=500)
    assert evidence_of(org)["listening.scan_posts"] == 1.0


def test_listening_every_week_is_a_habit(org: Organization) -> None:
    for week in range(3):
        add_posts(org, weeks_ago=week, posts=10)
    add_posts(org, weeks_ago=20, posts=10)  # too long ago
    assert 2 / 8 <= evidence_of(org)["listening.weekly"] <= 4 / 8
    for week in range(8):
        add_posts(org, weeks_ago=week, posts=10)
    assert evidence_of(org)["listening.weekly"] == 1.0


def test_another_organisations_listening_gives_nothing(
    org: Organization, other_org: Organization
) -> None:
    add_query(other_org, "globex", QueryKind.BRAND)
    add_posts(other_org, weeks_ago=0, posts=1000)
    assert evidence_of(org) == {}
