"""Evidence the plans app gives the assessment, for project 8 (social media in every
plan): the share of the seven departments the model names whose plan with social
objectives is agreed or further, and the share of objectives that success indicators
measure."""

from __future__ import annotations

from django.db.models import Count, Q

from socialroadmap.core.departments import MODEL_DEPARTMENTS
from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Organization
from socialroadmap.plans.choices import PlanStage
from socialroadmap.plans.models import DepartmentPlan, Objective
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 8
AGREED_OR_FURTHER = (PlanStage.AGREED, PlanStage.IN_EXECUTION, PlanStage.EVALUATED)


@register_evidence_provider
def plans_evidence(organization: Organization) -> list[Evidence]:
    """Nothing until a plan exists; then the departments' share, and once there are
    objectives, the share linked to an indicator."""
    plans = DepartmentPlan.objects.for_org(organization)
    if not plans.exists():
        return []
    of = len(MODEL_DEPARTMENTS)
    agreed = (
        plans.filter(department__in=MODEL_DEPARTMENTS, stage__in=AGREED_OR_FURTHER)
        .values("department")
        .distinct()
        .count()
    )
    evidence = [
        Evidence(
            project=PROJECT,
            key="plans.departments",
            score=agreed / of,
            weight=2,
            label=Text(
                f"Social media is in {agreed} of {of} departments' plans (agreed or further)",
                f"Sociale media staan in {agreed} van {of} afdelingsplannen "
                "(afgesproken of verder)",
            ),
        )
    ]
    counts = Objective.objects.for_org(organization).aggregate(
        total=Count("id", distinct=True),
        linked=Count("id", filter=Q(indicators__isnull=False), distinct=True),
    )
    total, linked = counts["total"], counts["linked"]
    if total:
        evidence.append(
            Evidence(
                project=PROJECT,
                key="plans.objectives_measured",
                score=linked / total,
                weight=1,
                label=Text(
                    f"{linked} of {total} social objective(s) linked to a success indicator",
                    f"{linked} van {total} sociale doelstelling(en) gekoppeld aan een "
                    "succesindicator",
                ),
            )
        )
    return evidence
