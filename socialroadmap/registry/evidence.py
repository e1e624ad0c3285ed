"""Evidence the registry gives the assessment, for project 3 (social media
infrastructure): the accounts are known, each has an owner and a backup owner and
two-factor login, and the tools and hardware are registered."""

from __future__ import annotations

from django.db.models import Count, Q

from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.organizations.models import Organization
from socialroadmap.registry.choices import TwoFactor
from socialroadmap.registry.models import Hardware, SocialAccount, Tool
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 3


@register_evidence_provider
def account_registry(organization: Organization) -> list[Evidence]:
    """Project 3: accounts registered, the share with owner and backup, with two-factor."""
    counts = SocialAccount.objects.for_org(organization).aggregate(
        total=Count("id"),
        owned=Count("id", filter=~Q(owner="") & ~Q(backup_owner="")),
        secured=Count("id", filter=Q(two_factor=TwoFactor.YES)),
    )
    total, owned, secured = counts["total"], counts["owned"], counts["secured"]
    if not total:
        return []
    return [
        Evidence(
            project=PROJECT,
            key="registry.accounts",
            score=1.0,
            weight=1,
            label=Text(
                f"{total} social media account(s) in the registry",
                f"{total} socialemedia-account(s) in het register",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="registry.owners",
            score=owned / total,
            weight=1,
            label=Text(
                f"{owned} of {total} accounts have an owner and a backup owner",
                f"{owned} van {total} accounts hebben een eigenaar en een reserve-eigenaar",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="registry.two_factor",
            score=secured / total,
            weight=1,
            label=Text(
                f"{secured} of {total} accounts use two-factor login",
                f"{secured} van {total} accounts gebruiken tweestapsverificatie",
            ),
        ),
    ]


@register_evidence_provider
def tool_registry(organization: Organization) -> list[Evidence]:
    """Project 3: the software and hardware for social media are registered."""
    tools = Tool.objects.for_org(organization).count()
    devices = Hardware.objects.for_org(organization).count()
    if not tools and not devices:
        return []
    return [
        Evidence(
            project=PROJECT,
            key="registry.tools",
            score=1.0,
            weight=1,
            label=Text(
                f"{tools} tool(s) and {devices} device(s) in the registry",
                f"{tools} tool(s) en {devices} toestel(len) in het register",
            ),
        )
    ]
