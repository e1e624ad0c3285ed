"""Evidence the social media scan and regular listening give the assessment.

Project 4 (internal and external scan): listening queries set up for the company, its
competitors and its sector, and posts brought in to scan. Project 7 (listening culture):
listening done week after week, not once. Both read the hourly rollups, never raw posts.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.listening.choices import QueryKind
from socialroadmap.listening.models import ListeningQuery, Rollup
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

# What a complete external scan listens for.
SCAN_KINDS = (QueryKind.BRAND, QueryKind.COMPETITOR, QueryKind.SECTOR)
# Posts over the last quarter from which a scan says something.
SCAN_POSTS = 200
SCAN_DAYS = 90
# Listening is a habit when posts came in during most of the last eight weeks.
LISTENING_WEEKS = 8


@register_evidence_provider
def external_scan(organization: Organization) -> list[Evidence]:
    """Project 4: queries for the brand, competitors and sector, and posts scanned."""
    kinds = set(
        ListeningQuery.objects.for_org(organization)
        .filter(is_active=True)
        .values_list("kind", flat=True)
    )
    covered = [kind for kind in SCAN_KINDS if kind in kinds]
    if not covered:
        return []
    since = timezone.now() - timedelta(days=SCAN_DAYS)
    posts = (
        Rollup.objects.for_org(organization)
        .filter(query__isnull=True, period__gte=since)
        .aggregate(total=Sum("posts"))["total"]
        or 0
    )
    evidence = [
        Evidence(
            project=4,
            key="listening.scan_queries",
            score=len(covered) / len(SCAN_KINDS),
            weight=1,
            label=Text(
                f"Listening queries for {len(covered)} of 3: brand, competitors, sector",
                f"Luisteropdrachten voor {len(covered)} van 3: merk, concurrenten, sector",
            ),
        )
    ]
    if posts:
        evidence.append(
            Evidence(
                project=4,
                key="listening.scan_posts",
                score=min(1.0, posts / SCAN_POSTS),
                weight=1,
                label=Text(
                    f"{posts} posts scanned in the last {SCAN_DAYS} days",
                    f"{posts} berichten gescand in de laatste {SCAN_DAYS} dagen",
                ),
            )
        )
    return evidence


@register_evidence_provider
def listening_habit(organization: Organization) -> list[Evidence]:
    """Project 7: in how many of the last eight weeks posts were listened to."""
    since = timezone.now() - timedelta(weeks=LISTENING_WEEKS)
    weeks = (
        Rollup.objects.for_org(organization)
        .filter(query__isnull=True, period__gte=since)
        .annotate(week=TruncWeek("period"))
        .values("week")
        .distinct()
        .count()
    )
    if not weeks:
        return []
    weeks = min(weeks, LISTENING_WEEKS)
    return [
        Evidence(
            project=7,
            key="listening.weekly",
            score=weeks / LISTENING_WEEKS,
            weight=2,
            label=Text(
                f"Listened in {weeks} of the last {LISTENING_WEEKS} weeks",
                f"Geluisterd in {weeks} van de laatste {LISTENING_WEEKS} weken",
            ),
        )
    ]
