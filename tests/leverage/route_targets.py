"""Objects of acme's leverage app for tests/test_every_route.py."""

from __future__ import annotations

from datetime import date

from tests.conftest import Persona

PK_KIND = {
    "leverage:communication": "leverage_communication",
    "leverage-communication": "leverage_communication",
}


def targets(owner: Persona) -> dict[str, object]:
    """A linked communication of acme."""
    from socialroadmap.leverage import services

    row = services.create_communication(
        owner.organization,
        name="Newsletter",
        starts_on=date(2026, 3, 1),
        linked=True,
        links=["hashtag"],
        reach=1000,
        actor=owner.user,
    )
    return {"leverage_communication": row.pk}
