"""Writes of the plans app: the departments' plans and their social objectives with the
indicators linked to them. Every write goes through these functions and leaves an audit
entry in the same transaction. Who may change which department's plan is the views'
and the API's concern (``may_change``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.core.departments import Department, may_work_on_department
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.indicators.models import Indicator
from socialroadmap.organizations.models import Membership, Organization
from socialroadmap.plans.choices import ObjectiveStatus, PlanStage
from socialroadmap.plans.models import DepartmentPlan, Objective

PLAN_FIELDS = ("department", "name", "stage", "ambition", "period_start", "period_end", "owner")
OBJECTIVE_FIELDS = ("title", "description", "owner", "due_on", "status")


def may_change(membership: Membership, department: str) -> bool:
    """Whether a member may change the plan of ``department`` (and its objectives):
    managers and owners any, a contributor only their own department's (a contributor of
    "Other" the organisation's own departments), a viewer none."""
    return may_work_on_department(membership, department)


# Plans ------------------------------------------------------------------------------


def _check_plan(row: DepartmentPlan) -> None:
    if row.department not in Department.values:
        raise ServiceError(
            f"department: choose from {', '.join(Department.values)}", field="department"
        )
    if row.department == Department.OTHER and not row.name:
        raise ServiceError(
            "name: give the name of your own department, e.g. Logistics", field="name"
        )
    if row.department != Department.OTHER and row.name:
        raise ServiceError(
            "name: only a department of your own (under Other) has a name", field="name"
        )
    check_row(row, exclude=["owner"])
    if row.period_start and row.period_end and row.period_end < row.period_start:
        raise ServiceError("period_end: the end comes before the start", field="period_end")
    if row.owner is not None and not (
        Membership.objects.for_org(row.organization).filter(user=row.owner).exists()
    ):
        raise ServiceError(
            "owner: the plan owner must be a member of the organisation", field="owner"
        )


def _save_plan(row: DepartmentPlan, actor: User | None) -> DepartmentPlan:
    same = DepartmentPlan.objects.for_org(row.organization).filter(
        department=row.department, name__iexact=row.name
    )
    label = row.name or str(Department(row.department).label)
    return save_unique(
        row, actor, same, f"department: {label} already has a plan", field="department"
    )


@transaction.atomic
def create_plan(
    organization: Organization, *, department: str, actor: User | None, **fields: Any
) -> DepartmentPlan:
    """Start a department's plan; ``fields``: any other of ``PLAN_FIELDS``."""
    row = DepartmentPlan(organization=organization)
    set_fields(row, {"department": department, **fields}, PLAN_FIELDS)
    _check_plan(row)
    row = _save_plan(row, actor)
    audit.record(organization, actor, Action.CREATE, row, audit.snapshot(row, PLAN_FIELDS))
    return row


@transaction.atomic
def update_plan(
    row: DepartmentPlan, changes: Mapping[str, Any], *, actor: User | None
) -> DepartmentPlan:
    """Change any of ``PLAN_FIELDS``; the stage may move in any direction."""
    row = DepartmentPlan.objects.select_for_update(of=("self",)).get(pk=row.pk)
    before = audit.snapshot(row, PLAN_FIELDS)
    set_fields(row, changes, PLAN_FIELDS)
    _check_plan(row)
    row = _save_plan(row, actor)
    audit.record(
        row.organization,
        actor,
        Action.UPDATE,
        row,
        audit.diff(before, audit.snapshot(row, PLAN_FIELDS)),
    )
    return row


def set_stage(row: DepartmentPlan, stage: str, *, actor: User | None) -> DepartmentPlan:
    """Move the plan to ``stage`` (forward or back; the audit log keeps the moves)."""
    if stage not in PlanStage.values:
        raise ServiceError(f"stage: choose from {', '.join(PlanStage.values)}", field="stage")
    return update_plan(row, {"stage": stage}, actor=actor)


def what_goes_with(row: DepartmentPlan) -> int:
    """How many objectives are deleted with the plan."""
    return row.objectives.count()


@transaction.atomic
def delete_plan(row: DepartmentPlan, *, actor: User | None) -> dict[str, Any]:
    """Remove the plan with its objectives (the indicators stay)."""
    titles = list(row.objectives.order_by("pk").values_list("title", flat=True))
    gone = {"id": row.pk, "plan": str(row), "objectives": titles}
    audit.record(row.organization, actor, Action.DELETE, row, {"objectives": titles})
    row.delete()
    return gone


# Objectives ---------------------------------------------------------------------------


def _indicators(organization: Organization, given: Iterable[Any]) -> list[Indicator]:
    """The organisation's indicators named by ``given`` (ids or rows); another
    organisation's, or one that does not exist, is refused."""
    ids: list[int] = []
    for value in given:
        pk = value.pk if isinstance(value, Indicator) else value
        try:
            ids.append(int(pk))
        except (TypeError, ValueError) as error:
            raise ServiceError(
                f"indicators: {pk!r} is not an indicator id", field="indicators"
            ) from error
    found = {row.pk: row for row in Indicator.objects.for_org(organization).filter(pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise ServiceError(
            f"indicators: no indicator {', '.join(unknown)} in this organisation "
            "(link only your own organisation's indicators)",
            field="indicators",
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def _names(row: Objective) -> list[str]:
    return sorted(row.indicators.values_list("name", flat=True))


def _check_objective(row: Objective) -> None:
    check_row(row, exclude=["plan"])


@transaction.atomic
def add_objective(
    plan: DepartmentPlan,
    *,
    title: str,
    actor: User | None,
    indicators: Iterable[Any] = (),
    **fields: Any,
) -> Objective:
    """Add a social objective to ``plan``; ``fields``: any other of ``OBJECTIVE_FIELDS``,
    ``indicators``: the ids (or rows) of the organisation's indicators that show it."""
    row = Objective(organization=plan.organization, plan=plan)
    set_fields(row, {"title": title, **fields}, OBJECTIVE_FIELDS)
    _check_objective(row)
    linked = _indicators(plan.organization, indicators)
    row.stamp(actor)
    row.save()
    row.indicators.set(linked)
    audit.record(
        plan.organization,
        actor,
        Action.CREATE,
        row,
        {"plan": str(plan), **audit.snapshot(row, OBJECTIVE_FIELDS), "indicators": _names(row)},
    )
    return row


@transaction.atomic
def update_objective(
    row: Objective, changes: Mapping[str, Any], *, actor: User | None
) -> Objective:
    """Change any of ``OBJECTIVE_FIELDS``, and ``indicators`` (the full list) if given."""
    row = Objective.objects.select_for_update(of=("self",)).select_related("plan").get(pk=row.pk)
    changes = dict(changes)
    indicators = changes.pop("indicators", None)
    before = {**audit.snapshot(row, OBJECTIVE_FIELDS), "indicators": _names(row)}
    set_fields(row, changes, OBJECTIVE_FIELDS)
    _check_objective(row)
    if indicators is not None:
        row.indicators.set(_indicators(row.organization, indicators))
    row.stamp(actor)
    row.save()
    after = {**audit.snapshot(row, OBJECTIVE_FIELDS), "indicators": _names(row)}
    audit.record(row.organization, actor, Action.UPDATE, row, audit.diff(before, after))
    return row


def set_objective_status(row: Objective, status: str, *, actor: User | None) -> Objective:
    if status not in ObjectiveStatus.values:
        raise ServiceError(
            f"status: choose from {', '.join(ObjectiveStatus.values)}", field="status"
        )
    return update_objective(row, {"status": status}, actor=actor)


@transaction.atomic
def link_indicator(row: Objective, indicator: Any, *, actor: User | None) -> Objective:
    """Link one of the organisation's indicators to the objective."""
    [found] = _indicators(row.organization, [indicator])
    if row.indicators.filter(pk=found.pk).exists():
        return row
    row.indicators.add(found)
    audit.record(row.organization, actor, Action.UPDATE, row, {"indicators": [None, found.name]})
    return row


@transaction.atomic
def unlink_indicator(row: Objective, indicator: Any, *, actor: User | None) -> Objective:
    [found] = _indicators(row.organization, [indicator])
    if not row.indicators.filter(pk=found.pk).exists():
        return row
    row.indicators.remove(found)
    audit.record(row.organization, actor, Action.UPDATE, row, {"indicators": [found.name, None]})
    return row


@transaction.atomic
def delete_objective(row: Objective, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": row.pk, "title": row.title}
    audit.record(row.organization, actor, Action.DELETE, row, {"plan": str(row.plan)})
    row.delete()
    return gone
