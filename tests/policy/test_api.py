"""The policy's API: versions (read, draft, steps), acknowledgements, the decision file."""

from __future__ import annotations

from socialroadmap.internalscan.services import create_employee
from socialroadmap.policy import services
from socialroadmap.policy.models import Acknowledgement, PolicyVersion
from tests.conftest import Persona
from tests.policy.helpers import published

BASE = "/api/v1/organizations/acme/policy"


def test_a_manager_writes_a_draft_and_submits_it(manager: Persona) -> None:
    api = manager.api()
    created = api.post(
        f"{BASE}/versions/", {"decisions": {"working_time": {"choice": "breaks"}}}, format="json"
    )
    assert created.status_code == 201, created.content
    pk = created.data["id"]
    assert created.data["number"] == 1 and created.data["status"] == "draft"
    patched = api.patch(
        f"{BASE}/versions/{pk}/",
        {"decisions": {"working_time": {"choice": "freely"}}, "intro_nl": "Welkom"},
        format="json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.data["decisions"]["working_time"]["choice"] == "freely"
    assert "Welkom" in patched.data["markdown"]["nl"]
    assert "within reason" in patched.data["markdown"]["en"]
    assert api.post(f"{BASE}/versions/{pk}/submit/").data["status"] == "in_review"
    assert api.post(f"{BASE}/versions/{pk}/approve/").status_code == 403


def test_bad_decisions_answer_400_naming_them(manager: Persona) -> None:
    response = manager.api().post(
        f"{BASE}/versions/", {"decisions": {"working_time": {"choice": "always"}}}, format="json"
    )
    assert response.status_code == 400
    assert response.data["decisions"] == ["working_time: unknown option 'always'"]


def test_the_owner_approves_sends_back_and_publishes(owner: Persona) -> None:
    api = owner.api()
    version = services.create_draft(owner.organization, actor=owner.user)
    services.submit_version(version, actor=owner.user)
    sent_back = api.post(
        f"{BASE}/versions/{version.pk}/return/", {"comment": "Shorter"}, format="json"
    )
    assert sent_back.data["status"] == "draft" and sent_back.data["review_comment"] == "Shorter"
    assert api.post(f"{BASE}/versions/{version.pk}/return/", {}, format="json").status_code == 400
    api.post(f"{BASE}/versions/{version.pk}/submit/")
    approved = api.post(f"{BASE}/versions/{version.pk}/approve/")
    assert approved.data["approved_by"] == owner.user.email
    assert (
        api.patch(f"{BASE}/versions/{version.pk}/", {"intro_en": "x"}, format="json").status_code
        == 400
    )
    assert api.post(f"{BASE}/versions/{version.pk}/publish/").data["status"] == "published"


def test_a_viewer_reads_and_acknowledges_only(owner: Persona, member: Persona) -> None:
    version = published(owner)
    api = member.api()
    listed = api.get(f"{BASE}/versions/")
    assert [row["number"] for row in listed.data["results"]] == [1]
    assert api.post(f"{BASE}/versions/", {}, format="json").status_code == 403
    assert api.post(f"{BASE}/versions/{version.pk}/publish/").status_code == 403
    first = api.post(f"{BASE}/versions/{version.pk}/acknowledge/")
    again = api.post(f"{BASE}/versions/{version.pk}/acknowledge/")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.data["user"] == member.user.email
    assert Acknowledgement.objects.count() == 1


def test_only_the_published_version_is_acknowledged(owner: Persona, member: Persona) -> None:
    published(owner)
    draft = services.create_draft(owner.organization, actor=owner.user)
    response = member.api().post(f"{BASE}/versions/{draft.pk}/acknowledge/")
    assert response.status_code == 400


def test_acknowledgements_are_listed_and_recorded(owner: Persona, member: Persona) -> None:
    published(owner)
    an = create_employee(owner.organization, full_name="An Peeters", department="HR", actor=None)
    assert (
        member.api()
        .post(f"{BASE}/acknowledgements/", {"employees": [an.pk]}, format="json")
        .status_code
        == 403
    )
    recorded = owner.api().post(f"{BASE}/acknowledgements/", {"employees": [an.pk]}, format="json")
    assert recorded.status_code == 201
    assert recorded.data[0]["person"] == "An Peeters" and recorded.data[0]["source"] == "recorded"
    bad = owner.api().post(f"{BASE}/acknowledgements/", {"employees": [99999]}, format="json")
    assert bad.status_code == 400 and "employees" in bad.data
    listed = member.api().get(f"{BASE}/acknowledgements/")
    assert [row["department"] for row in listed.data["results"]] == ["HR"]


def test_the_decision_file_is_served_in_both_languages(member: Persona) -> None:
    data = member.api().get(f"{BASE}/decisions/").data
    keys = [item["key"] for item in data]
    assert keys[:3] == ["working_time", "evaluation", "recruitment"]
    assert data[0]["question"]["nl"].startswith("Mogen medewerkers")
    assert {o["key"] for o in data[0]["options"]} == {"no", "breaks", "work_related", "freely"}


def test_an_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    version = published(owner)
    api = outsider.api()
    assert api.get(f"{BASE}/versions/").status_code == 404
    assert api.get(f"{BASE}/versions/{version.pk}/").status_code == 404
    assert api.post(f"{BASE}/versions/{version.pk}/acknowledge/").status_code == 404
    assert api.get(f"{BASE}/decisions/").status_code == 404
    assert PolicyVersion.objects.count() == 1
