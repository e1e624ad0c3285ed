"""Objects of acme's indicators app for tests/test_every_route.py: an indicator with one
value, and a department for the department page."""

from __future__ import annotations

from tests.conftest import Persona

PK_KIND: dict[str, str] = {
    "indicators:indicator": "indicator",
    "indicators:value": "indicator_value",
    "indicators-indicator": "indicator",
    "indicators-value": "indicator_value",
}


def targets(owner: Persona) -> dict[str, object]:
    from socialroadmap.indicators import services

    row = services.create_indicator(
        owner.organization, name="Leads", department="sales", metric="leads", actor=owner.user
    )
    value, _outcome = services.record_value(
        row, period_start="2026-01-01", value="4", actor=owner.user
    )
    return {"indicator": row.pk, "indicator_value": value.pk, "indicator_department": "sales"}
