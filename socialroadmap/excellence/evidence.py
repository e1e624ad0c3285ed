"""Evidence the centre of excellence gives the assessment (project 6).

``roadmap.evidence`` already counts conversation managers among the product's users
(``members.conversation_manager``); these keys are about the team itself: a
conversation manager named in it, spokes in the departments of the model, and an
escalation matrix that covers every kind of conversation.
"""

from __future__ import annotations

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.excellence.checks import (
    departments_with_spoke,
    has_conversation_manager,
    kinds_with_rule,
)
from socialroadmap.excellence.choices import MODEL_DEPARTMENTS, ConversationKind
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 6


@register_evidence_provider
def centre_of_excellence(organization: Organization) -> list[Evidence]:
    """Project 6: the team's conversation manager, its spokes and its escalation matrix."""
    evidence = []
    if has_conversation_manager(organization):
        evidence.append(
            Evidence(
                project=PROJECT,
                key="excellence.conversation_manager",
                score=1.0,
                weight=1,
                label=Text(
                    "A conversation manager named in the centre of excellence",
                    "Een conversation manager aangewezen in het expertisecentrum",
                ),
            )
        )
    spokes = len(departments_with_spoke(organization) & set(MODEL_DEPARTMENTS))
    if spokes:
        evidence.append(
            Evidence(
                project=PROJECT,
                key="excellence.spokes",
                score=spokes / len(MODEL_DEPARTMENTS),
                weight=1,
                label=Text(
                    f"Spokes in {spokes} of {len(MODEL_DEPARTMENTS)} departments",
                    f"Aanspreekpunten in {spokes} van {len(MODEL_DEPARTMENTS)} afdelingen",
                ),
            )
        )
    kinds = len(kinds_with_rule(organization))
    if kinds:
        total = len(ConversationKind)
        evidence.append(
            Evidence(
                project=PROJECT,
                key="excellence.escalation_matrix",
                score=kinds / total,
                weight=1,
                label=Text(
                    f"Escalation matrix covers {kinds} of {total} kinds of conversation",
                    f"Escalatiematrix dekt {kinds} van {total} soorten gesprekken",
                ),
            )
        )
    return evidence
