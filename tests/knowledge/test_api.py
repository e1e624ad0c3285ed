"""The knowledge API: modules, completions and coverage, per persona."""

from __future__ import annotations

from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Completion, Module
from tests.conftest import Persona
from tests.knowledge.helpers import module, person, with_quiz

API = "/api/v1/organizations/acme/knowledge"
TODAY = timezone.localdate().isoformat()


def test_a_manager_creates_updates_and_deletes_a_module(manager: Persona) -> None:
    api = manager.api()

    made = api.post(
        f"{API}/modules/",
        {
            "title": "Basics",
            "level": 1,
            "compulsory": True,
            "departments": ["Sales"],
            "due_days": 30,
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["departments"] == ["Sales"]
    again = api.post(f"{API}/modules/", {"title": "basics"}, format="json")
    assert again.status_code == 400 and "title" in again.json()
    assert api.post(f"{API}/modules/", {"title": "X", "level": 9}, format="json").status_code == 400
    changed = api.patch(f"{API}/modules/{pk}/", {"pass_mark": 70}, format="json")
    assert changed.json()["pass_mark"] == 70
    assert api.delete(f"{API}/modules/{pk}/").status_code == 204
    assert not Module.objects.exists()
    assert AuditEntry.objects.filter(kind="module").count() == 3


def test_modules_carry_their_questions_without_the_answers(member: Persona) -> None:
    with_quiz(member.organization)

    [item] = member.api().get(f"{API}/modules/").json()["results"]

    assert item["questions"][0]["options"] == ["A press release", "Acknowledge it"]
    assert "correct" not in item["questions"][0]


def test_completions_are_listed_filtered_recorded_and_removed(manager: Persona) -> None:
    organization = manager.organization
    basics, other = module(organization), module(organization, "Other", level=2)
    ann, bart = person(organization, "Ann", "Sales"), person(organization, "Bart", "IT")
    services.record_completions(other, [bart], completed_on=timezone.localdate(), actor=None)
    api = manager.api()

    made = api.post(
        f"{API}/completions/",
        {"module": basics.pk, "employee": ann.pk, "completed_on": TODAY, "score": 80},
        format="json",
    )
    assert made.status_code == 201, made.content
    assert (made.json()["source"], made.json()["employee_name"]) == ("manager", "Ann")
    twice = api.post(
        f"{API}/completions/",
        {"module": basics.pk, "employee": ann.pk, "completed_on": TODAY},
        format="json",
    )
    assert twice.status_code == 400 and "employee" in twice.json()
    assert len(api.get(f"{API}/completions/").json()["results"]) == 2
    assert [
        c["employee_name"]
        for c in api.get(f"{API}/completions/?department= sales").json()["results"]
    ] == ["Ann"]
    assert [
        c["module"] for c in api.get(f"{API}/completions/?module={other.pk}").json()["results"]
    ] == [other.pk]
    assert api.get(f"{API}/completions/?module=x").status_code == 400
    assert api.delete(f"{API}/completions/{made.json()['id']}/").status_code == 204
    assert Completion.objects.count() == 1


def test_another_organisations_people_cannot_be_named(manager: Persona, outsider: Persona) -> None:
    basics = module(manager.organization)
    stranger = person(outsider.organization, "Stranger")

    refused = manager.api().post(
        f"{API}/completions/",
        {"module": basics.pk, "employee": stranger.pk, "completed_on": TODAY},
        format="json",
    )

    assert refused.status_code == 400 and "employee" in refused.json()


def test_the_coverage_per_department_and_level(member: Persona) -> None:
    organization = member.organization
    basics = module(organization, departments=["sales"])
    ann = person(organization, "Ann", "Sales")
    person(organization, "Bart", "Sales")
    services.record_completions(basics, [ann], completed_on=timezone.localdate(), actor=None)

    rows = member.api().get(f"{API}/coverage/").json()

    assert [row["department"] for row in rows] == ["Sales", ""]
    assert rows[-1]["whole_organisation"] is True
    assert rows[0]["levels"][0] == {"level": 1, "must_take": 2, "completed": 1, "share": 0.5}
    assert rows[0]["levels"][1]["share"] is None


def test_a_viewer_reads_and_an_outsider_gets_404(member: Persona, outsider: Persona) -> None:
    basics = module(member.organization)
    api = member.api()

    assert api.get(f"{API}/modules/{basics.pk}/").status_code == 200
    assert api.post(f"{API}/modules/", {"title": "X"}, format="json").status_code == 403
    assert api.delete(f"{API}/modules/{basics.pk}/").status_code == 403
    for url in ("modules/", f"modules/{basics.pk}/", "completions/", "coverage/"):
        assert outsider.api().get(f"{API}/{url}").status_code == 404
