"""The demo organisations and people, seeded idempotently.

A second run creates only what is missing: what people changed (passwords, roles,
names, data) is kept. Each area of the product adds its demo data through
``DEMO_SEEDERS``: dotted paths of functions taking the demo organisation and its owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.module_loading import import_string

from socialroadmap.accounts.choices import Language
from socialroadmap.accounts.models import User
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Membership, Organization

DEMO_PASSWORD = "roadmap-demo"  # noqa: S105 - the published demo login, on 127.0.0.1 only
DEMO_DOMAIN = "demo.socialroadmap.test"


@dataclass(frozen=True)
class DemoOrganization:
    slug: str
    name: str


@dataclass(frozen=True)
class DemoPerson:
    local_part: str
    full_name: str
    language: str
    roles: dict[str, Role]
    department: str = ""  # the department a contributor leads

    @property
    def email(self) -> str:
        return f"{self.local_part}@{DEMO_DOMAIN}"


ORGANIZATIONS = (
    DemoOrganization("demo", "Koffiebranderij Mertens"),
    DemoOrganization("vandijk-fietsen", "Van Dijk Fietsen"),
)

PEOPLE = (
    DemoPerson("owner", "Anouk Mertens", Language.DUTCH, {"demo": Role.OWNER}),
    DemoPerson("manager", "Jeroen De Smet", Language.DUTCH, {"demo": Role.MANAGER}),
    DemoPerson(
        "marketing",
        "Sara El Amrani",
        Language.ENGLISH,
        {"demo": Role.CONTRIBUTOR},
        department="marketing",
    ),
    DemoPerson("viewer", "Luc Peeters", Language.DUTCH, {"demo": Role.VIEWER}),
    DemoPerson(
        "consultant",
        "Eva Janssens",
        Language.ENGLISH,
        {"demo": Role.MANAGER, "vandijk-fietsen": Role.OWNER},
    ),
)

Seeder = Callable[[Organization, User], None]
# Each area's demo data, in order: functions taking the demo organisation and its owner.
DEMO_SEEDERS: list[str] = [
    "socialroadmap.roadmap.demo.seed",
    "socialroadmap.listening.demo.seed",
    "socialroadmap.internalscan.demo.seed",
    "socialroadmap.registry.demo.seed",
    "socialroadmap.excellence.demo.seed",
    "socialroadmap.knowledge.demo.seed",
    "socialroadmap.policy.demo.seed",
    "socialroadmap.pilots.demo.seed",
    "socialroadmap.panel.demo.seed",
    "socialroadmap.content.demo.seed",
    "socialroadmap.leverage.demo.seed",
    "socialroadmap.feedback.demo.seed",
    "socialroadmap.indicators.demo.seed",
    "socialroadmap.plans.demo.seed",
]


@transaction.atomic
def seed_demo() -> str:
    """Create the demo organisations, people and data that are missing; return a summary."""
    created: list[str] = []
    organizations = {}
    for spec in ORGANIZATIONS:
        organization, made = Organization.objects.get_or_create(
            slug=spec.slug, defaults={"name": spec.name}
        )
        organizations[spec.slug] = organization
        if made:
            created.append(f"organisation {spec.slug}")
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                person.email, DEMO_PASSWORD, full_name=person.full_name, language=person.language
            )
            created.append(f"user {person.email}")
        for slug, role in person.roles.items():
            _membership, made = Membership.objects.get_or_create(
                organization=organizations[slug],
                user=user,
                defaults={"role": role, "department": person.department},
            )
            if made:
                created.append(f"{person.local_part} as {role.value} of {slug}")
    demo = organizations["demo"]
    owner = User.objects.get(email=PEOPLE[0].email)
    for path in DEMO_SEEDERS:
        seeder: Seeder = import_string(path)
        seeder(demo, owner)
    return "Demo data: " + (", ".join(created) if created else "already in place, nothing changed")
