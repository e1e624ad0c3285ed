"""The demo's registry: accounts, tools and devices, with health warnings to show."""

from __future__ import annotations

from socialroadmap.registry import demo
from socialroadmap.registry.choices import HealthKind
from socialroadmap.registry.health import registry_health
from socialroadmap.registry.models import Hardware, SocialAccount, Tool
from tests.conftest import Persona


def test_the_demo_registry_is_seeded_once_and_has_points_to_fix(owner: Persona) -> None:
    demo.seed(owner.organization, owner.user)
    demo.seed(owner.organization, owner.user)

    assert SocialAccount.objects.for_org(owner.organization).count() == len(demo.ACCOUNTS)
    assert Tool.objects.for_org(owner.organization).count() == len(demo.TOOLS)
    assert Hardware.objects.for_org(owner.organization).count() == len(demo.HARDWARE)
    kinds = {warning.kind for warning in registry_health(owner.organization)}
    assert {HealthKind.NO_BACKUP_OWNER, HealthKind.NO_TWO_FACTOR, HealthKind.DORMANT} <= kinds
