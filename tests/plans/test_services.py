from datetime import date

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.plans import services
from socialroadmap.plans.models import DepartmentPlan, Objective
from tests.plans.helpers import indicator, objective, plan


def test_a_department_of_your_own_needs_a_name(org) -> None:
    with pytest.raises(ServiceError) as refused:
        plan(org, "other")
    assert refused.value.field == "name"
    assert str(plan(org, "other", name="Logistics")) == "Logistics"


def test_a_listed_department_has_no_name(org) -> None:
    with pytest.raises(ServiceError) as refused:
        plan(org, "marketing", name="Brand")
    assert refused.value.field == "name"


def test_one_plan_per_department_and_own_names_unique(org, other_org) -> None:
    plan(org, "marketing")
    with pytest.raises(ServiceError, match="Marketing already has a plan"):
        plan(org, "marketing")
    plan(org, "other", name="Logistics")
    with pytest.raises(ServiceError, match="logistics already has a plan"):
        plan(org, "other", name="logistics")
    plan(org, "other", name="Horeca")
    plan(other_org, "marketing")  # another organisation has its own
    assert DepartmentPlan.objects.for_org(org).count() == 3


def test_the_period_ends_after_it_starts(org) -> None:
    with pytest.raises(ServiceError) as refused:
        plan(org, period_start=date(2026, 6, 1), period_end=date(2026, 5, 31))
    assert refused.value.field == "period_end"
    row = plan(org, period_start=date(2026, 1, 1), period_end=date(2026, 1, 1))
    with pytest.raises(ServiceError):
        services.update_plan(row, {"period_end": date(2025, 12, 31)}, actor=None)


def test_the_plan_owner_is_a_member(owner, outsider) -> None:
    with pytest.raises(ServiceError) as refused:
        plan(owner.organization, owner=outsider.user)
    assert refused.value.field == "owner"
    assert plan(owner.organization, owner=owner.user).owner == owner.user


def test_the_stage_moves_either_way_and_each_move_is_logged(owner) -> None:
    row = plan(owner.organization)
    services.set_stage(row, "in_execution", actor=owner.user)
    services.set_stage(row, "drafting", actor=owner.user)
    with pytest.raises(ServiceError):
        services.set_stage(row, "finished", actor=owner.user)
    row.refresh_from_db()
    assert row.stage == "drafting"
    moves = AuditEntry.objects.filter(area="plans", kind="departmentplan", action="update")
    assert [e.changes["stage"] for e in moves.order_by("pk")] == [
        ["not_started", "in_execution"],
        ["in_execution", "drafting"],
    ]


def test_only_the_organisations_own_indicators_are_linked(org, other_org) -> None:
    own = indicator(org, "Reach")
    foreign = indicator(other_org, "Their reach")
    row = plan(org)
    with pytest.raises(ServiceError) as refused:
        objective(row, indicators=[own.pk, foreign.pk])
    assert refused.value.field == "indicators"
    assert f"no indicator {foreign.pk} in this organisation" in refused.value.message
    assert not Objective.objects.exists()
    made = objective(row, indicators=[own.pk])
    with pytest.raises(ServiceError):
        services.link_indicator(made, foreign.pk, actor=None)
    with pytest.raises(ServiceError):
        services.update_objective(made, {"indicators": [foreign.pk]}, actor=None)
    assert list(made.indicators.all()) == [own]


def test_objectives_change_and_links_are_logged(org) -> None:
    first, second = indicator(org, "Reach"), indicator(org, "Leads", metric="leads")
    row = objective(plan(org), indicators=[first])
    services.link_indicator(row, second.pk, actor=None)
    services.unlink_indicator(row, first.pk, actor=None)
    services.set_objective_status(row, "done", actor=None)
    with pytest.raises(ServiceError):
        services.set_objective_status(row, "finished", actor=None)
    with pytest.raises(ServiceError) as refused:
        services.update_objective(row, {"title": ""}, actor=None)
    assert refused.value.field == "title"
    row.refresh_from_db()
    assert row.status == "done" and list(row.indicators.all()) == [second]
    changes = [
        e.changes for e in AuditEntry.objects.filter(area="plans", kind="objective").order_by("pk")
    ]
    assert changes[0]["indicators"] == ["Reach"]
    assert changes[1:] == [
        {"indicators": [None, "Leads"]},
        {"indicators": ["Reach", None]},
        {"status": ["planned", "done"]},
    ]


def test_deleting_a_plan_takes_its_objectives_not_the_indicators(org) -> None:
    reach = indicator(org)
    row = plan(org)
    objective(row, indicators=[reach])
    objective(row, "Second")
    assert services.what_goes_with(row) == 2
    gone = services.delete_plan(row, actor=None)
    assert gone["objectives"] == ["Reach 40,000 a month", "Second"]
    assert not Objective.objects.exists()
    assert reach.__class__.objects.filter(pk=reach.pk).exists()
    assert AuditEntry.objects.filter(area="plans", action="delete").count() == 1
