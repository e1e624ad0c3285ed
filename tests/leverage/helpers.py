"""Communications made directly, for the leverage tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from socialroadmap.leverage import services
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.models import Organization

START = date(2026, 1, 5)


def communication(
    organization: Organization, name: str = "Newsletter", **fields: Any
) -> Communication:
    values: dict[str, Any] = {"starts_on": START, "channel": "newsletter"}
    values.update(fields)
    return services.create_communication(organization, name=name, actor=None, **values)


def many(organization: Organization, linked: int, unlinked: int, lift: float = 0.12) -> None:
    """``linked`` and ``unlinked`` newsletters whose reach differs by about ``lift``."""
    for i in range(unlinked):
        communication(
            organization,
            f"Plain {i}",
            starts_on=START + timedelta(days=7 * i),
            reach=1000 + (i % 3) * 20,
            cost=100,
        )
    for i in range(linked):
        communication(
            organization,
            f"Linked {i}",
            starts_on=START + timedelta(days=7 * i),
            linked=True,
            links=["hashtag"],
            reach=round((1000 + (i % 3) * 20) * (1 + lift)),
            cost=100,
        )
