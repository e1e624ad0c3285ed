"""Targets of the pilots' routes for tests/test_every_route.py: a pilot and its KPI."""

from __future__ import annotations

from tests.conftest import Persona

# Route-name prefix → target; the more specific prefixes come first.
PK_KIND = {
    "pilots:kpi": "pilot_kpi",
    "pilots:": "pilot",
    "pilot-kpi": "pilot_kpi",
    "pilot-": "pilot",
}


def targets(owner: Persona) -> dict[str, object]:
    from socialroadmap.pilots import services

    pilot = services.create_pilot(owner.organization, name="Instagram stories", actor=owner.user)
    kpi = services.create_kpi(
        pilot, kind="learning", name="Formats tested", target=5, actor=owner.user
    )
    return {"pilot": pilot.pk, "pilot_kpi": kpi.pk}
