"""The plan pages and who may change what: a contributor their own department's plan,
managers and owners any, viewers none, outsiders not even see it."""

from datetime import date

from django.urls import reverse

from socialroadmap.plans.models import DepartmentPlan, Objective
from tests.plans.helpers import contributor, indicator, objective, plan


def url(name: str, *args: object) -> str:
    return reverse(f"plans:{name}", args=["acme", *args])


def test_a_contributor_starts_and_changes_their_own_plan(org) -> None:
    lead = contributor(org, "marketing").client()
    form = lead.get(url("plan_add") + "?department=marketing").content.decode()
    assert '<option value="marketing" selected>' in form
    assert 'value="hr"' not in form  # only departments they may work on
    response = lead.post(url("plan_add"), {"department": "marketing", "stage": "drafting"})
    row = DepartmentPlan.objects.get()
    assert response.status_code == 302 and response.url == url("plan", row.pk)
    assert lead.post(url("plan_stage", row.pk), {"stage": "agreed"}).status_code == 302
    reach = indicator(org)
    lead.post(
        url("objective_add", row.pk),
        {"title": "Reach 40,000", "status": "planned", "indicators": [reach.pk]},
    )
    row.refresh_from_db()
    assert row.stage == "agreed"
    assert list(Objective.objects.get().indicators.all()) == [reach]


def test_a_contributor_gets_403_on_another_departments_plan(org) -> None:
    lead = contributor(org, "marketing").client()
    hr = plan(org, "hr")
    goal = objective(hr)
    refused = [
        lead.post(url("plan_add"), {"department": "hr", "stage": "drafting"}),
        lead.get(url("plan_edit", hr.pk)),
        lead.post(url("plan_stage", hr.pk), {"stage": "agreed"}),
        lead.post(url("plan_delete", hr.pk)),
        lead.post(url("objective_add", hr.pk), {"title": "X", "status": "planned"}),
        lead.post(url("objective_edit", goal.pk), {"title": "X", "status": "done"}),
        lead.post(url("objective_delete", goal.pk)),
    ]
    assert [r.status_code for r in refused] == [403] * 7
    assert DepartmentPlan.objects.count() == 1 and Objective.objects.get().title == goal.title
    page = lead.get(url("plan", hr.pk)).content.decode()
    assert url("objective_add", hr.pk) not in page  # reads it, without the buttons


def test_a_contributor_of_other_works_on_own_departments(org) -> None:
    lead = contributor(org, "other").client()
    response = lead.post(
        url("plan_add"), {"department": "other", "name": "Logistics", "stage": "drafting"}
    )
    assert response.status_code == 302
    assert (
        lead.post(url("plan_add"), {"department": "other", "stage": "drafting"}).status_code == 200
    )
    assert (
        "give the name of your own department"
        in lead.post(url("plan_add"), {"department": "other", "stage": "drafting"}).content.decode()
    )


def test_a_contributor_without_department_is_told_who_sets_it(org) -> None:
    lead = contributor(org, "").client()
    page = lead.get(url("map")).content.decode()
    assert 'data-testid="plans-department-hint"' in page
    assert "Members page" in page and "Start the" not in page
    assert lead.post(url("plan_add"), {"department": "it", "stage": "drafting"}).status_code == 403
    assert not DepartmentPlan.objects.exists()


def test_viewers_read_and_outsiders_get_404(member, outsider) -> None:
    row = plan(member.organization)
    assert member.client().get(url("plan", row.pk)).status_code == 200
    assert member.client().post(url("plan_stage", row.pk), {"stage": "agreed"}).status_code == 403
    assert outsider.client().get(url("plan", row.pk)).status_code == 404
    assert outsider.client().get(url("map")).status_code == 404


def test_the_plan_page_shows_indicator_value_target_and_status(member) -> None:
    org = member.organization
    reach = indicator(org, "Reach Instagram", target="100", values=("80", "95"))
    row = plan(org, ambition="More reach", period_start=date(2026, 1, 1))
    objective(row, "Reach up", indicators=[reach], due_on=date(2020, 1, 1))
    page = member.client().get(url("plan", row.pk)).content.decode()
    assert "Reach Instagram: 95 (target 100)" in page
    assert "At risk" in page and "overdue" in page


def test_deleting_a_plan_asks_first_and_says_what_goes(manager) -> None:
    row = plan(manager.organization)
    objective(row, "One")
    objective(row, "Two")
    client = manager.client()
    page = client.get(url("plan_delete", row.pk)).content.decode()
    assert "Its 2 objectives go with it" in page
    assert DepartmentPlan.objects.exists()
    assert client.post(url("plan_delete", row.pk)).url == url("map")
    assert not DepartmentPlan.objects.exists() and not Objective.objects.exists()


def test_the_owner_edits_any_plan_and_bad_input_shows_at_the_field(owner) -> None:
    row = plan(owner.organization, "rnd")
    client = owner.client()
    response = client.post(
        url("plan_edit", row.pk),
        {
            "department": "rnd",
            "stage": "agreed",
            "period_start": "2026-06-01",
            "period_end": "2026-01-01",
        },
    )
    assert "the end comes before the start" in response.content.decode()
    response = client.post(
        url("plan_edit", row.pk),
        {
            "department": "rnd",
            "stage": "agreed",
            "owner": owner.user.pk,
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.stage, row.owner) == ("agreed", owner.user)


def test_the_objective_form_offers_the_plans_department_indicators_first(owner, other_org) -> None:
    org = owner.organization
    indicator(org, "Applicants", department="hr", metric="hires")
    indicator(org, "Reach", department="sales")
    indicator(org, "Sales leads", department="sales", metric="leads")
    indicator(other_org, "Their leads", department="sales", metric="leads")
    page = owner.client().get(url("objective_add", plan(org, "sales").pk)).content.decode()
    order = [
        page.index(name) for name in ("Reach (Sales)", "Sales leads (Sales)", "Applicants (HR)")
    ]
    assert order == sorted(order)
    assert "Their leads" not in page
