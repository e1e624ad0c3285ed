"""Personas shared by every test: an owner and a member of one organisation, and an
outsider who owns another organisation and must be refused everywhere."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from rest_framework.test import APIClient

from socialroadmap.accounts.models import User
from socialroadmap.accounts.services import create_api_token
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Organization
from socialroadmap.organizations.services import add_member, create_organization

PASSWORD = "a-Long-test-passw0rd"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """PBKDF2's deliberate slowness would dominate the suite.

    The production hasher has a test of its own.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def api_rates_out_of_the_way(settings) -> None:
    """Tests send many requests a minute as one person; tests/test_throttling.py sets
    the rates it checks. The counts start at zero in every test."""
    from django.core.cache import caches

    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/min"},
    }
    caches["shared"].clear()


@pytest.fixture(autouse=True)
def fresh_figures_cache(settings) -> None:
    """Each test starts without cached dashboard figures, in its own process's memory:
    the files of the embedded default would be shared by the parallel test processes,
    and one's clearing would empty the other's cache mid-test."""
    from socialroadmap.listening.figures import clear

    settings.CACHES = {
        **settings.CACHES,
        "figures": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "figures-tests",
        },
    }
    clear()


@dataclass
class Persona:
    user: User
    organization: Organization
    role: Role
    token: str

    def client(self) -> Client:
        client = Client()
        client.force_login(self.user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    def api(self) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {self.token}")
        return client


def make_persona(email: str, organization: Organization, role: Role) -> Persona:
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].title())
    add_member(organization, user, role)
    _token, raw = create_api_token(user, "test")
    return Persona(user=user, organization=organization, role=role, token=raw)


@pytest.fixture
def org(db: None) -> Organization:
    return create_organization("acme", "Acme Benelux")


@pytest.fixture
def other_org(db: None) -> Organization:
    return create_organization("globex", "Globex Nederland")


@pytest.fixture
def owner(org: Organization) -> Persona:
    return make_persona("owner@acme.test", org, Role.OWNER)


@pytest.fixture
def manager(org: Organization) -> Persona:
    return make_persona("manager@acme.test", org, Role.MANAGER)


@pytest.fixture
def member(org: Organization) -> Persona:
    """A viewer: may read everything of the organisation, change nothing."""
    return make_persona("member@acme.test", org, Role.VIEWER)


@pytest.fixture
def outsider(other_org: Organization) -> Persona:
    """The owner of another organisation."""
    return make_persona("outsider@globex.test", other_org, Role.OWNER)
