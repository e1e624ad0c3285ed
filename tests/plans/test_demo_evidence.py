from socialroadmap.audit.models import AuditEntry
from socialroadmap.plans import demo
from socialroadmap.plans.evidence import plans_evidence
from socialroadmap.plans.integration import integration_map
from socialroadmap.plans.models import DepartmentPlan, Objective
from tests.plans.helpers import indicator, objective, plan


def test_no_evidence_without_plans(org) -> None:
    assert plans_evidence(org) == []


def test_evidence_shares_of_departments_and_measured_objectives(org) -> None:
    reach = indicator(org)
    marketing = plan(org, "marketing", stage="in_execution")
    plan(org, "hr", stage="agreed")
    plan(org, "it", stage="drafting")
    plan(org, "management", stage="evaluated")  # not one of the seven
    plan(org, "other", name="Horeca", stage="evaluated")
    objective(marketing, "One", indicators=[reach])
    objective(marketing, "Two", indicators=[reach])
    objective(marketing, "Three")
    departments, measured = plans_evidence(org)
    assert departments.project == 8 and departments.key == "plans.departments"
    assert departments.score == 2 / 7
    assert departments.label.en.startswith("Social media is in 2 of 7")
    assert departments.label.nl.startswith("Sociale media staan in 2 van 7")
    assert measured.score == 2 / 3
    assert measured.label.en == "2 of 3 social objective(s) linked to a success indicator"


def test_the_demo_is_believable_and_idempotent(owner) -> None:
    org = owner.organization
    indicator(org, "Bereik Instagram", values=("30000",), target="40000")
    indicator(
        org,
        "Reactietijd",
        department="customer_service",
        metric="response_time",
        target="2",
        direction="lower",
        values=("1.5",),
    )
    demo.seed(org, owner.user)
    counts = (DepartmentPlan.objects.count(), Objective.objects.count(), AuditEntry.objects.count())
    demo.seed(org, owner.user)
    assert (
        DepartmentPlan.objects.count(),
        Objective.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    result = integration_map(org)
    stages = {row.name: (row.stage if row.plan else None) for row in result.rows}
    assert stages == {
        "Marketing": "in_execution",
        "Communication": "agreed",
        "Customer service": "in_execution",
        "HR": "drafting",
        "IT": "not_started",
        "R&D": None,
        "Sales": "agreed",
        "Horeca": "drafting",
    }
    assert result.in_plan == 4
    assert sum(row.objectives_overdue for row in result.rows) == 1
    assert sum(row.objectives_done for row in result.rows) >= 3
    assert all(2 <= row.objectives_total <= 4 for row in result.rows if row.plan)
    linked = Objective.objects.filter(indicators__isnull=False).distinct().count()
    assert linked >= 3
    assert next(r for r in result.rows if r.name == "Customer service").indicators["on_track"] == 1


def test_the_demo_links_nothing_without_indicators(owner) -> None:
    demo.seed(owner.organization, owner.user)
    assert Objective.objects.count() > 10
    assert not Objective.objects.filter(indicators__isnull=False).exists()
