"""Evidence for the assessment from what the organisation does in the product.

An area registers a provider: a function that takes an organisation and returns
``Evidence`` for the projects it knows about. The scorer folds evidence into each
project's progress and the result shows where every score came from.
"""

from __future__ import annotations

from collections.abc import Callable

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Membership, Organization

EvidenceProvider = Callable[[Organization], list[Evidence]]
PROVIDERS: list[EvidenceProvider] = []


def register_evidence_provider(provider: EvidenceProvider) -> EvidenceProvider:
    """Decorator: add ``provider`` to the evidence every assessment takes into account."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def collect_evidence(organization: Organization) -> list[Evidence]:
    return [item for provider in PROVIDERS for item in provider(organization)]


@register_evidence_provider
def conversation_manager_appointed(organization: Organization) -> list[Evidence]:
    """Project 6: someone holds the conversation manager role in the product."""
    managers = Membership.objects.for_org(organization).filter(role=Role.MANAGER).count()
    if not managers:
        return []
    return [
        Evidence(
            project=6,
            key="members.conversation_manager",
            score=1.0,
            weight=1,
            label=Text(
                f"{managers} conversation manager(s) appointed in socialroadmap",
                f"{managers} conversation manager(s) aangesteld in socialroadmap",
            ),
        )
    ]


@register_evidence_provider
def action_points_done(organization: Organization) -> list[Evidence]:
    """Every project: the share of its action points ticked off on the roadmap board."""
    from django.db.models import Count, Q

    from socialroadmap.roadmap.models import ActionPoint

    rows = (
        ActionPoint.objects.for_org(organization)
        .values("item__project")
        .annotate(total=Count("id"), done=Count("id", filter=Q(done=True)))
    )
    return [
        Evidence(
            project=row["item__project"],
            key="board.action_points",
            score=row["done"] / row["total"],
            weight=1,
            label=Text(
                f"{row['done']} of {row['total']} action points done on the roadmap board",
                f"{row['done']} van {row['total']} actiepunten afgerond op het roadmapbord",
            ),
        )
        for row in rows
        if row["total"] and row["done"]
    ]
