"""Plans, objectives, indicators and contributors made directly, for the plans tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.plans import services
from socialroadmap.plans.models import DepartmentPlan, Objective
from tests.conftest import Persona, make_persona


def contributor(organization: Organization, department: str, email: str = "lead") -> Persona:
    """A contributor (department lead) of ``department`` ("" for none)."""
    persona = make_persona(f"{email}@{organization.slug}.test", organization, Role.CONTRIBUTOR)
    Membership.objects.filter(user=persona.user).update(department=department)
    return persona


def plan(
    organization: Organization, department: str = "marketing", **fields: Any
) -> DepartmentPlan:
    return services.create_plan(organization, department=department, actor=None, **fields)


def objective(row: DepartmentPlan, title: str = "Reach 40,000 a month", **fields: Any) -> Objective:
    return services.add_objective(row, title=title, actor=None, **fields)


def indicator(
    organization: Organization,
    name: str = "Reach",
    *,
    department: str = "marketing",
    target: str | None = "100",
    values: tuple[str, ...] = (),
    **fields: Any,
) -> Indicator:
    """An indicator (higher is better, 10% tolerance) with its ``values``, one a month."""
    row = Indicator.objects.create(
        organization=organization,
        department=department,
        name=name,
        metric=fields.pop("metric", "reach"),
        target=Decimal(target) if target is not None else None,
        **fields,
    )
    for month, value in enumerate(values, start=1):
        IndicatorValue.objects.create(
            organization=organization,
            indicator=row,
            period_start=date(2026, month, 1),
            value=Decimal(value),
        )
    return row
