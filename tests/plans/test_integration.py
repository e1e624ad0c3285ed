"""The integration map's figures from a known set of plans, objectives and indicator
values."""

from datetime import date, timedelta

from django.urls import reverse

from socialroadmap.plans import services
from socialroadmap.plans.integration import integration_map
from tests.plans.helpers import indicator, objective, plan

TODAY = date(2026, 6, 15)


def known_set(org) -> None:
    """Marketing (in execution) with four indicators, one of each status; communication
    and sales agreed; HR being written; Horeca (own) evaluated; R&D without a plan."""
    on = indicator(org, "Reach", values=("90", "120"))  # on track
    risk = indicator(org, "Engagement", metric="engagement", values=("95",))  # at risk
    off = indicator(org, "Leads", metric="leads", values=("50",))  # off track
    empty = indicator(org, "Visits", metric="custom")  # no data
    marketing = plan(org, "marketing", stage="in_execution")
    objective(marketing, "Done", status="done", due_on=TODAY - timedelta(days=5), indicators=[on])
    objective(
        marketing,
        "Late",
        status="in_progress",
        due_on=TODAY - timedelta(days=1),
        indicators=[on, risk],
    )
    objective(marketing, "Dropped", status="dropped", due_on=TODAY - timedelta(days=9))
    objective(marketing, "Due today", due_on=TODAY, indicators=[off, empty])
    plan(org, "communication", stage="agreed")
    plan(org, "sales", stage="evaluated")
    plan(org, "hr", stage="drafting")
    horeca = plan(org, "other", name="Horeca", stage="evaluated")
    objective(horeca, "Tagged by cafés", due_on=TODAY - timedelta(days=30))


def test_the_map_counts_stages_objectives_and_indicators(org) -> None:
    known_set(org)
    result = integration_map(org, today=TODAY)
    assert result.in_plan == 3 and result.of == 7  # marketing, communication, sales
    rows = {row.name: row for row in result.rows}
    assert list(rows) == [
        "Marketing",
        "Communication",
        "Customer service",
        "HR",
        "IT",
        "R&D",
        "Sales",
        "Horeca",
    ]
    marketing = rows["Marketing"].as_dict()
    assert marketing["step"] == 3 and marketing["stage"] == "in_execution"
    assert (marketing["objectives_total"], marketing["objectives_done"]) == (4, 1)
    assert marketing["objectives_overdue"] == 1
    assert (marketing["on_track"], marketing["at_risk"], marketing["off_track"]) == (1, 1, 1)
    assert marketing["no_data"] == 1
    assert rows["R&D"].plan is None and rows["R&D"].step == 0
    assert rows["HR"].step == 1 and not rows["HR"].in_plan
    assert rows["Horeca"].objectives_overdue == 1  # counted, but not among the seven


def test_the_headline_rises_when_a_plan_is_agreed(org) -> None:
    row = plan(org, "it", stage="drafting")
    assert integration_map(org).in_plan == 0
    services.set_stage(row, "agreed", actor=None)
    assert integration_map(org).in_plan == 1


def test_the_map_page_and_api_show_the_same_figures(owner, member) -> None:
    known_set(owner.organization)
    page = member.client().get(reverse("plans:map", args=["acme"])).content.decode()
    assert "Social media is in 3 of 7 departments" in page
    assert 'data-count="3"' in page
    assert page.count('data-testid="plans-no-plan"') == 3  # customer service, IT, R&D
    assert "Start the" not in page  # a viewer starts nothing
    owners = owner.client().get(reverse("plans:map", args=["acme"])).content.decode()
    assert "?department=rnd" in owners and "Start a plan for another department" in owners
    data = member.api().get("/api/v1/organizations/acme/plans/map/").json()
    assert data["in_plan"] == 3 and data["of"] == 7
    marketing = data["departments"][0]
    assert marketing["department"] == "marketing" and marketing["step"] == 3
    assert marketing["objectives_total"] == 4 and marketing["on_track"] == 1
    assert data["departments"][5] == {
        "department": "rnd",
        "name": "R&D",
        "plan": None,
        "stage": "not_started",
        "step": 0,
        "objectives_total": 0,
        "objectives_done": 0,
        "objectives_overdue": 0,
        "on_track": 0,
        "at_risk": 0,
        "off_track": 0,
        "no_data": 0,
    }
