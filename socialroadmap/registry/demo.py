"""Demo data for the registry of Koffiebranderij Mertens: its social accounts, tools and
devices, with the gaps a real registry has (an account without a backup owner, one
without two-factor login, a dormant one), so the health checks have work to show."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.organizations.models import Organization
from socialroadmap.registry import services
from socialroadmap.registry.models import SocialAccount

# (network, handle, purpose, audience, owner, backup owner, two-factor, shared, days idle)
ACCOUNTS = (
    (
        "instagram",
        "koffie.mertens",
        "Brand, behind the scenes",
        "Consumers",
        "Sara El Amrani",
        "Tom Vermeulen",
        "yes",
        False,
        1,
    ),
    (
        "x",
        "mertenskoffie",
        "Customer service and news",
        "Consumers, press",
        "Pieter-Jan Wuyts",
        "Ellen Maes",
        "yes",
        False,
        0,
    ),
    (
        "linkedin",
        "koffiebranderij-mertens",
        "Employer brand, B2B",
        "Horeca, candidates",
        "Jeroen De Smet",
        "",
        "yes",
        False,
        3,
    ),
    (
        "facebook",
        "koffiebranderijmertens",
        "Community, events",
        "Consumers",
        "Ellen Maes",
        "Sara El Amrani",
        "unknown",
        True,
        12,
    ),
    (
        "youtube",
        "mertenskoffie",
        "Brewing guides",
        "Consumers",
        "Tom Vermeulen",
        "",
        "no",
        False,
        240,
    ),
)
TOOLS = (
    ("Hootsuite", "Hootsuite Inc.", "Publishing and inbox", 3, 120, "Jeroen De Smet"),
    ("Canva", "Canva", "Visuals", 5, 45, "Sara El Amrani"),
    ("socialroadmap", "open source", "Roadmap, listening and registry", 0, None, "Jeroen De Smet"),
)
HARDWARE = (
    ("iPhone of the webcare desk", "phone", "Pieter-Jan Wuyts"),
    ("Camera for the brewing guides", "camera", "Tom Vermeulen"),
)


def seed(organization: Organization, owner: User) -> None:
    """Only on a demo organisation without a registry: what people add later is kept."""
    if SocialAccount.objects.for_org(organization).exists():
        return
    today = timezone.localdate()
    for network, handle, purpose, audience, main, backup, two_factor, shared, idle in ACCOUNTS:
        services.create_account(
            organization,
            network=network,
            handle=handle,
            url=f"https://{network}.com/{handle}",
            purpose=purpose,
            audience=audience,
            owner=main,
            backup_owner=backup,
            two_factor=two_factor,
            shared_credentials=shared,
            last_activity=today - timedelta(days=idle),
            actor=owner,
        )
    for name, vendor, purpose, licences, renewal_days, tool_owner in TOOLS:
        services.create_tool(
            organization,
            name=name,
            vendor=vendor,
            purpose=purpose,
            licences=licences,
            renewal_date=today + timedelta(days=renewal_days) if renewal_days else None,
            owner=tool_owner,
            actor=owner,
        )
    for name, kind, assigned_to in HARDWARE:
        services.create_hardware(
            organization, name=name, kind=kind, assigned_to=assigned_to, actor=owner
        )
