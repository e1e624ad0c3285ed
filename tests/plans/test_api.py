"""The plans API: contributors write their own department's plans and objectives,
another organisation's indicators are refused, viewers read, outsiders get 404."""

from socialroadmap.plans.models import DepartmentPlan, Objective
from tests.plans.helpers import contributor, indicator, objective, plan

PLANS = "/api/v1/organizations/acme/plans/"
OBJECTIVES = "/api/v1/organizations/acme/plans/objectives/"


def test_a_contributor_writes_their_own_plan_and_objectives(org, other_org) -> None:
    api = contributor(org, "marketing").api()
    made = api.post(PLANS, {"department": "marketing", "stage": "drafting"}, format="json")
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    assert (
        api.patch(f"{PLANS}{pk}/", {"stage": "agreed"}, format="json").json()["stage"] == "agreed"
    )
    reach = indicator(org)
    foreign = indicator(other_org, "Theirs")
    refused = api.post(
        OBJECTIVES, {"plan": pk, "title": "Reach", "indicators": [foreign.pk]}, format="json"
    )
    assert refused.status_code == 400
    assert "no indicator" in refused.json()["indicators"][0]
    goal = api.post(
        OBJECTIVES, {"plan": pk, "title": "Reach", "indicators": [reach.pk]}, format="json"
    )
    assert goal.status_code == 201 and goal.json()["indicators"] == [reach.pk]
    done = api.patch(
        f"{OBJECTIVES}{goal.json()['id']}/", {"status": "done", "indicators": []}, format="json"
    )
    assert done.json()["status"] == "done" and done.json()["indicators"] == []
    assert api.get(f"{PLANS}{pk}/").json()["objectives"] == [goal.json()["id"]]


def test_a_contributor_gets_403_on_another_department(org) -> None:
    api = contributor(org, "marketing").api()
    hr = plan(org, "hr")
    goal = objective(hr)
    assert api.post(PLANS, {"department": "hr"}, format="json").status_code == 403
    assert api.patch(f"{PLANS}{hr.pk}/", {"stage": "agreed"}, format="json").status_code == 403
    assert api.delete(f"{PLANS}{hr.pk}/").status_code == 403
    assert api.post(OBJECTIVES, {"plan": hr.pk, "title": "X"}, format="json").status_code == 403
    assert api.delete(f"{OBJECTIVES}{goal.pk}/").status_code == 403
    marketing = plan(org, "marketing")
    moved = api.patch(f"{PLANS}{marketing.pk}/", {"department": "hr"}, format="json")
    assert moved.status_code == 403
    assert DepartmentPlan.objects.get(pk=hr.pk).stage == "not_started"
    assert Objective.objects.filter(pk=goal.pk).exists()


def test_rules_come_back_as_field_errors(owner) -> None:
    api = owner.api()
    assert api.post(PLANS, {"department": "other"}, format="json").json() == {
        "name": ["name: give the name of your own department, e.g. Logistics"]
    }
    plan(owner.organization, "it")
    again = api.post(PLANS, {"department": "it"}, format="json")
    assert again.status_code == 400 and "department" in again.json()
    wrong = api.post(PLANS, {"department": "it", "owner": 999999}, format="json")
    assert wrong.status_code == 400 and "owner" in wrong.json()


def test_viewers_read_filter_and_outsiders_get_404(member, outsider) -> None:
    plan(member.organization, "hr")
    plan(member.organization, "sales")
    api = member.api()
    listed = api.get(PLANS, {"department": "sales"}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["department"] for row in rows] == ["sales"]
    assert api.post(PLANS, {"department": "it"}, format="json").status_code == 403
    assert outsider.api().get(PLANS).status_code == 404
    assert outsider.api().get("/api/v1/organizations/acme/plans/map/").status_code == 404
