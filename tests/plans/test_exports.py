from datetime import date

from django.urls import reverse

from tests.plans.helpers import indicator, objective, plan


def test_plans_export_one_line_per_objective(member) -> None:
    org = member.organization
    reach = indicator(org, "Reach")
    leads = indicator(org, "Leads", metric="leads", department="sales")
    marketing = plan(org, "marketing", stage="agreed")
    objective(
        marketing, "Reach 40,000", owner="Sara", due_on=date(2026, 9, 30), indicators=[reach, leads]
    )
    objective(marketing, "=cmd", status="done")
    plan(org, "other", name="Horeca")
    response = member.client().get(reverse("plans:export", args=["acme", "csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "department,plan,stage,objective,owner,due_on,status,indicators"
    assert lines[1:] == [
        'marketing,Marketing,agreed,"Reach 40,000",Sara,2026-09-30,planned,Leads|Reach',
        "marketing,Marketing,agreed,'=cmd,,,done,",
        "other,Horeca,not_started,,,,,",
    ]
    xlsx = member.client().get(reverse("plans:export", args=["acme", "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert member.client().get(reverse("plans:export", args=["acme", "pdf"])).status_code == 404


def test_the_map_exports_as_csv(member) -> None:
    plan(member.organization, "hr", stage="drafting")
    response = member.client().get(reverse("plans:map_export", args=["acme", "csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("department,name,stage,step,objectives_total")
    assert len(lines) == 8
    assert lines[4] == "hr,HR,drafting,1,0,0,0,0,0,0,0"
    assert lines[5] == "it,IT,not_started,0,0,0,0,0,0,0,0"
