"""Evidence the leverage app gives the assessment, for project 12 (the leverage
effect): communications are registered with their outcomes, some linked to the social
platforms, and the lift of linking them has been measured on enough of them."""

from __future__ import annotations

from django.db.models import Count, Q

from socialroadmap.engine.lift import A_LIFT, LOWER, NO_LIFT
from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.leverage.choices import OUTCOMES
from socialroadmap.leverage.measure import lift_for
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 12
# The evidence measures on reach with fewer resamples: the verdict, not the decimals.
EVIDENCE_RESAMPLES = 1000


@register_evidence_provider
def leverage_effect(organization: Organization) -> list[Evidence]:
    """Project 12: communications with outcomes, the share linked, and the lift measured
    (score 1 with enough data whatever it shows, 0.5 with too few)."""
    has_outcome = Q()
    for name in OUTCOMES:
        has_outcome |= Q(**{f"{name}__isnull": False})
    counts = Communication.objects.for_org(organization).aggregate(
        total=Count("id"),
        measured=Count("id", filter=has_outcome),
        linked=Count("id", filter=has_outcome & Q(linked=True)),
    )
    total, measured, linked = counts["total"], counts["measured"], counts["linked"]
    if not total:
        return []
    evidence = [
        Evidence(
            project=PROJECT,
            key="leverage.communications",
            score=(measured / total) if linked else 0.5 * measured / total,
            weight=1,
            label=Text(
                f"{measured} of {total} communication(s) registered with outcomes, "
                f"{linked} linked to the social platforms",
                f"{measured} van {total} communicatie(s) geregistreerd met resultaten, "
                f"{linked} gekoppeld aan de sociale platformen",
            ),
        )
    ]
    if not measured:
        return evidence
    result = lift_for(organization, resamples=EVIDENCE_RESAMPLES)
    enough = result.verdict in (A_LIFT, NO_LIFT, LOWER)
    if enough and result.lift is not None:
        label = Text(
            f"The lift of linking has been measured: {round(result.lift * 100)}% on reach "
            f"({result.verdict})",
            f"Het hefboomeffect is gemeten: {round(result.lift * 100)}% op bereik",
        )
    else:
        label = Text(
            "Too few communications to measure the lift of linking yet",
            "Nog te weinig communicatie om het hefboomeffect te meten",
        )
    evidence.append(
        Evidence(
            project=PROJECT,
            key="leverage.lift",
            score=1.0 if enough else 0.5,
            weight=1,
            label=label,
        )
    )
    return evidence
