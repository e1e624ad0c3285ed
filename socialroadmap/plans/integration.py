"""The integration map: for each department, how far social media is in its plan, its
objectives done and overdue, and how its linked indicators fare against their targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from socialroadmap.core.departments import MODEL_DEPARTMENTS, Department
from socialroadmap.indicators.models import Indicator
from socialroadmap.indicators.status import states
from socialroadmap.organizations.models import Organization
from socialroadmap.plans.choices import STAGE_STEP, ObjectiveStatus, PlanStage
from socialroadmap.plans.models import DepartmentPlan, Objective

# A plan counts as "social media in the plan" from this stage on.
COUNTS_FROM = STAGE_STEP[PlanStage.AGREED]
CLOSED = (ObjectiveStatus.DONE, ObjectiveStatus.DROPPED)
STEPS = [(step, stage.label) for step, stage in enumerate(PlanStage)]
# The indicator statuses the map counts; "no data" also holds those without a target.
COUNTED = ("on_track", "at_risk", "off_track")


def is_overdue(objective: Objective, today: date) -> bool:
    return (
        objective.due_on is not None and objective.due_on < today and objective.status not in CLOSED
    )


@dataclass
class MapRow:
    """One department on the map; ``plan`` is None for a department without one."""

    department: str
    name: str
    plan: DepartmentPlan | None = None
    objectives_total: int = 0
    objectives_done: int = 0
    objectives_overdue: int = 0
    indicators: dict[str, int] = field(
        default_factory=lambda: {"on_track": 0, "at_risk": 0, "off_track": 0, "no_data": 0}
    )

    @property
    def stage(self) -> str:
        return self.plan.stage if self.plan is not None else PlanStage.NOT_STARTED

    @property
    def stage_label(self) -> str:
        return str(PlanStage(self.stage).label)

    @property
    def step(self) -> int:
        return STAGE_STEP[self.stage]

    @property
    def in_plan(self) -> bool:
        return self.step >= COUNTS_FROM

    @property
    def indicators_total(self) -> int:
        return sum(self.indicators.values())

    def as_dict(self) -> dict[str, object]:
        return {
            "department": self.department,
            "name": self.name,
            "plan": self.plan.pk if self.plan is not None else None,
            "stage": self.stage,
            "step": self.step,
            "objectives_total": self.objectives_total,
            "objectives_done": self.objectives_done,
            "objectives_overdue": self.objectives_overdue,
            **self.indicators,
        }


@dataclass
class IntegrationMap:
    rows: list[MapRow]
    in_plan: int  # model departments whose plan is agreed or further
    of: int = len(MODEL_DEPARTMENTS)


def integration_map(organization: Organization, today: date | None = None) -> IntegrationMap:
    """The seven model departments (with or without a plan), then the organisation's
    other plans (management, its own departments), with their figures."""
    today = today or timezone.localdate()
    plans = list(DepartmentPlan.objects.for_org(organization).order_by("department", "name"))
    by_department = {plan.department: plan for plan in plans if plan.department != Department.OTHER}
    rows = [
        MapRow(department=d.value, name=str(d.label), plan=by_department.get(d))
        for d in MODEL_DEPARTMENTS
    ]
    rows += [
        MapRow(department=plan.department, name=str(plan), plan=plan)
        for plan in plans
        if plan.department not in MODEL_DEPARTMENTS
    ]
    objectives = list(
        Objective.objects.for_org(organization).prefetch_related("indicators").order_by("pk")
    )
    linked: dict[int, set[int]] = {}
    indicators: dict[int, Indicator] = {}
    row_of = {row.plan.pk: row for row in rows if row.plan is not None}
    for objective in objectives:
        row = row_of[objective.plan_id]
        row.objectives_total += 1
        row.objectives_done += objective.status == ObjectiveStatus.DONE
        row.objectives_overdue += is_overdue(objective, today)
        for indicator in objective.indicators.all():
            linked.setdefault(objective.plan_id, set()).add(indicator.pk)
            indicators[indicator.pk] = indicator
    status = states(indicators.values())
    for plan_id, ids in linked.items():
        for pk in ids:
            key = status[pk].status
            row_of[plan_id].indicators[key if key in COUNTED else "no_data"] += 1
    in_plan = sum(1 for row in rows if row.department in MODEL_DEPARTMENTS and row.in_plan)
    return IntegrationMap(rows=rows, in_plan=in_plan)


MAP_COLUMNS = [
    "department",
    "name",
    "stage",
    "step",
    "objectives_total",
    "objectives_done",
    "objectives_overdue",
    "on_track",
    "at_risk",
    "off_track",
    "no_data",
]
