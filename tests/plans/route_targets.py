"""Objects of acme's plans app for tests/test_every_route.py: a plan and an objective."""

from __future__ import annotations

from tests.conftest import Persona

PK_KIND: dict[str, str] = {
    "plans:objective_add": "plans_plan",
    "plans:objective": "plans_objective",
    "plans:plan": "plans_plan",
    "plans-objective": "plans_objective",
    "plans-plan": "plans_plan",
}


def targets(owner: Persona) -> dict[str, object]:
    from socialroadmap.plans import services

    plan = services.create_plan(owner.organization, department="marketing", actor=owner.user)
    objective = services.add_objective(plan, title="Reach 40,000 a month", actor=owner.user)
    return {"plans_plan": plan.pk, "plans_objective": objective.pk}
