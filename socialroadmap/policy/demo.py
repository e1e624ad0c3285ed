"""Demo data of the policy: Koffiebranderij Mertens published version 1 of its social
media policy months ago, half of the roster acknowledged it, and version 2 (staff may
now use social media for work, not only in breaks) waits for the owner's approval."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.internalscan.models import Employee
from socialroadmap.organizations.models import Organization
from socialroadmap.policy import services
from socialroadmap.policy.models import Acknowledgement, PolicyVersion

DECISIONS: dict[str, dict[str, Any]] = {
    "working_time": {
        "choice": "breaks",
        "addition": {
            "en": "The webcare team follows the brand's accounts during its shifts.",
            "nl": "Het webcareteam volgt de accounts van het merk tijdens zijn shiften.",
        },
    },
    "evaluation": {
        "choice": "roles",
        "addition": {
            "en": "Communication, marketing and customer service.",
            "nl": "Communicatie, marketing en klantendienst.",
        },
    },
    "recruitment": {"choice": "customer_facing"},
    "spokespeople": {"choice": "trained"},
    "confidentiality": {
        "choice": ["customer_data", "financial_results", "product_plans", "colleague_data"]
    },
    "complaints": {"choice": "escalation_matrix"},
    "disclosure": {"choice": "required"},
}
INTRO = {
    "intro_en": "At Mertens we roast coffee and talk about it with our customers every day. "
    "This guide says how we do that on social media.",
    "intro_nl": "Bij Mertens branden we koffie en praten we er elke dag over met onze "
    "klanten. Deze gids zegt hoe we dat op sociale media doen.",
    "closing_en": "Questions? Ask Jeroen De Smet, our conversation manager.",
    "closing_nl": "Vragen? Vraag het aan Jeroen De Smet, onze conversation manager.",
}
# Roster people who acknowledged version 1, with how many days ago.
ACKNOWLEDGED = (
    ("Jeroen De Smet", 118),
    ("Ellen Maes", 117),
    ("Sara El Amrani", 115),
    ("Hanne Jacobs", 118),
    ("Pieter-Jan Wuyts", 110),
    ("Wim Goossens", 96),
)
PUBLISHED_DAYS_AGO = 120


def _ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def seed(organization: Organization, owner: User) -> None:
    """Only for an organisation without a policy version: later edits are kept."""
    if PolicyVersion.objects.for_org(organization).exists():
        return
    first = services.create_draft(organization, actor=owner, decisions=DECISIONS, **INTRO)
    services.submit_version(first, actor=owner)
    services.approve_version(first, actor=owner)
    services.publish_version(first, actor=owner)
    PolicyVersion.objects.filter(pk=first.pk).update(
        created_at=_ago(PUBLISHED_DAYS_AGO + 10),
        submitted_at=_ago(PUBLISHED_DAYS_AGO + 7),
        approved_at=_ago(PUBLISHED_DAYS_AGO + 2),
        published_at=_ago(PUBLISHED_DAYS_AGO),
    )
    people = {e.full_name: e for e in Employee.objects.for_org(organization)}
    chosen = [people[name] for name, _days in ACKNOWLEDGED if name in people]
    services.record_acknowledgements(organization, chosen, actor=owner)
    for name, days in ACKNOWLEDGED:
        if name in people:
            Acknowledgement.objects.filter(version=first, employee=people[name]).update(
                acknowledged_at=_ago(days)
            )
    changed = dict(DECISIONS, working_time={**DECISIONS["working_time"], "choice": "work_related"})
    second = services.create_draft(organization, actor=owner, decisions=changed)
    services.submit_version(second, actor=owner)
