"""Demo data of the content app (being built)."""

from __future__ import annotations

from socialroadmap.accounts.models import User
from socialroadmap.organizations.models import Organization


def seed(organization: Organization, owner: User) -> None:
    """Add the demo data that is missing."""
