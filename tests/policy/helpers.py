"""Versions of the policy made through the services, for the policy tests."""

from __future__ import annotations

from typing import Any

from socialroadmap.policy import services
from socialroadmap.policy.models import PolicyVersion
from tests.conftest import Persona

ANSWERS: dict[str, Any] = {
    "working_time": {
        "choice": "breaks",
        "addition": {"en": "Not at the counter.", "nl": "Niet aan de toog."},
    },
    "evaluation": {"choice": "no"},
    "recruitment": {"choice": "customer_facing"},
    "confidentiality": {"choice": ["product_plans", "customer_data"]},
}


def published(owner: Persona, decisions: dict[str, Any] | None = None) -> PolicyVersion:
    """A version taken through review and approval to publication."""
    version = services.create_draft(
        owner.organization, actor=owner.user, decisions=ANSWERS if decisions is None else decisions
    )
    services.submit_version(version, actor=owner.user)
    services.approve_version(version, actor=owner.user)
    return services.publish_version(version, actor=owner.user)
