"""Evidence the policy gives the assessment, for project 2 (HR strategy): a policy is
approved and published, the staff acknowledged the published version, and the model's
three HR decisions (working time, evaluation, recruitment) are taken."""

from __future__ import annotations

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Organization
from socialroadmap.policy.choices import FROZEN, VersionStatus
from socialroadmap.policy.decisions import HR_DECISIONS, is_taken
from socialroadmap.policy.models import PolicyVersion
from socialroadmap.policy.shares import acknowledgement_shares
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 2


@register_evidence_provider
def policy_status(organization: Organization) -> list[Evidence]:
    """Project 2: an approved policy, and one published for the staff."""
    versions = PolicyVersion.objects.for_org(organization)
    if not versions.exists():
        return []
    approved = versions.filter(status__in=FROZEN).exists()
    published = versions.filter(status=VersionStatus.PUBLISHED).exists()
    return [
        Evidence(
            project=PROJECT,
            key="policy.approved",
            score=1.0 if approved else 0.0,
            weight=1,
            label=Text(
                "The social media policy is approved", "Het socialemediabeleid is goedgekeurd"
            )
            if approved
            else Text(
                "The social media policy is not approved yet",
                "Het socialemediabeleid is nog niet goedgekeurd",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="policy.published",
            score=1.0 if published else 0.0,
            weight=1,
            label=Text(
                "The social media policy is published to the staff",
                "Het socialemediabeleid is bekendgemaakt aan de medewerkers",
            )
            if published
            else Text(
                "The social media policy is not published yet",
                "Het socialemediabeleid is nog niet bekendgemaakt",
            ),
        ),
    ]


@register_evidence_provider
def policy_acknowledged(organization: Organization) -> list[Evidence]:
    """Project 2: the share of the roster that acknowledged the published version."""
    shares = acknowledgement_shares(organization)
    if shares.version is None or not shares.people:
        return []
    return [
        Evidence(
            project=PROJECT,
            key="policy.acknowledged",
            score=min(1.0, shares.share),
            weight=1,
            label=Text(
                f"{shares.acknowledged} of {shares.people} staff acknowledged the published policy",
                f"{shares.acknowledged} van {shares.people} medewerkers bevestigden het "
                "gepubliceerde beleid",
            ),
        )
    ]


@register_evidence_provider
def hr_decisions(organization: Organization) -> list[Evidence]:
    """Project 2: the model's HR questions (working time, evaluation, recruitment) are
    answered in the latest approved version, or else in the draft being written (for
    half the score: a decision is taken when it is approved)."""
    versions = PolicyVersion.objects.for_org(organization).order_by("-number")
    settled = versions.filter(status__in=FROZEN).first()
    version = settled or versions.first()
    if version is None:
        return []
    taken = sum(is_taken(version.decisions, key) for key in HR_DECISIONS)
    score = taken / len(HR_DECISIONS) * (1.0 if settled else 0.5)
    return [
        Evidence(
            project=PROJECT,
            key="policy.hr_decisions",
            score=score,
            weight=1,
            label=Text(
                f"{taken} of 3 HR decisions taken (working time, evaluation, recruitment)",
                f"{taken} van 3 HR-beslissingen genomen (werktijd, evaluatie, aanwerving)",
            ),
        )
    ]
