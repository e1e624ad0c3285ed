"""Evidence the feedback loop gives the assessment, for project 13 (a fast and flexible
organisation): feedback goes through the escalation matrix to an owner, it leads to
action within the target, and the time to action falls."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.feedback.figures import action_days_done_between, item_targets, window
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.feedback.statistics import median
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 13
QUARTER_DAYS = 90


@register_evidence_provider
def feedback_loop(organization: Organization) -> list[Evidence]:
    """Project 13: routed through the matrix, within the target, and getting faster."""
    counts = FeedbackItem.objects.for_org(organization).aggregate(
        total=Count("id"), owned=Count("id", filter=Q(owner__isnull=False))
    )
    total, owned = counts["total"], counts["owned"]
    if not total:
        return []
    found = [
        Evidence(
            project=PROJECT,
            key="feedback.routed",
            score=owned / total,
            weight=1,
            label=Text(
                f"{owned} of {total} feedback items have an owner through the escalation matrix",
                f"{owned} van {total} feedbackpunten hebben een eigenaar via de escalatiematrix",
            ),
        )
    ]
    now = timezone.now()
    start, end = window(now, 0, QUARTER_DAYS)
    recent = action_days_done_between(organization, start, end)
    middle = median(recent)
    if middle is not None:
        items = list(FeedbackItem.objects.for_org(organization).filter(received_at__gte=start))
        _, target = item_targets(items, organization)
        score = 1.0 if middle <= target else max(0.0, min(1.0, target / middle))
        found.append(
            Evidence(
                project=PROJECT,
                key="feedback.time_to_action",
                score=score,
                weight=1,
                label=Text(
                    f"Median time to action over the last 90 days: {middle:.1f} days "
                    f"(target {target:.0f})",
                    f"Mediane tijd tot actie over de laatste 90 dagen: {middle:.1f} dagen "
                    f"(doel {target:.0f})",
                ),
            )
        )
    before = median(
        action_days_done_between(organization, *window(now, QUARTER_DAYS, QUARTER_DAYS))
    )
    if middle is not None and before is not None:
        falls = middle < before
        found.append(
            Evidence(
                project=PROJECT,
                key="feedback.trend",
                score=1.0 if falls else 0.0,
                weight=1,
                label=Text(
                    f"Time to action {'falls' if falls else 'does not fall'}: "
                    f"{middle:.1f} days in the last 3 months, {before:.1f} in the 3 before",
                    f"De tijd tot actie {'daalt' if falls else 'daalt niet'}: "
                    f"{middle:.1f} dagen de laatste 3 maanden, {before:.1f} de 3 ervoor",
                ),
            )
        )
    return found
