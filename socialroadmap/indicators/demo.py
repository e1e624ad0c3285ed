"""Demo data of the indicators app (being built)."""

from __future__ import annotations

from typing import Any

from socialroadmap.organizations.models import Organization


def seed(organization: Organization, owner: Any) -> None:
    """Nothing yet."""
