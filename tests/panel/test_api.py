"""The panel's API: members and questions (members read, managers write), answers
entered by a manager, the transition, and candidates."""

from __future__ import annotations

from socialroadmap.audit.models import AuditEntry
from socialroadmap.panel.models import PanelAnswer, PanelMember
from tests.conftest import Persona
from tests.panel.helpers import member as add_member
from tests.panel.helpers import open_question

API = "/api/v1/organizations/acme/panel"


def test_members_crud_for_managers_and_reading_for_viewers(
    manager: Persona, member: Persona
) -> None:
    api = manager.api()
    created = api.post(
        f"{API}/members/",
        {"name": "An Peeters", "email": "an@example.be", "segment": "horeca", "consent": True},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["is_active"] and body["consent_by"] == manager.user.email
    pk = body["id"]

    duplicate = api.post(f"{API}/members/", {"name": "An", "email": "AN@example.be"}, format="json")
    assert duplicate.status_code == 400
    assert "already on the panel" in duplicate.json()["email"][0]
    bad = api.post(f"{API}/members/", {"name": "Bo", "handle": "myspace:bo"}, format="json")
    assert "handle" in bad.json()

    patched = api.patch(f"{API}/members/{pk}/", {"consent": False}, format="json")
    assert patched.json()["is_active"] is False

    listed = member.api().get(f"{API}/members/")
    assert listed.status_code == 200
    assert member.api().post(f"{API}/members/", {"name": "X"}, format="json").status_code == 403

    assert api.delete(f"{API}/members/{pk}/").status_code == 204
    assert not PanelMember.objects.exists()
    assert AuditEntry.objects.filter(kind="panelmember", label="erased person").exists()


def test_questions_transition_answers_and_results(manager: Persona, member: Persona) -> None:
    api = manager.api()
    created = api.post(
        f"{API}/questions/",
        {"title": "Which origin?", "kind": "question", "options": ["Sidamo", "Huila"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    bad = api.post(f"{API}/questions/", {"title": "Q", "options": ["One"]}, format="json")
    assert "options" in bad.json()

    opened = api.post(f"{API}/questions/{pk}/transition/", {"status": "open"}, format="json")
    assert opened.json()["status"] == "open"
    wrong = api.post(f"{API}/questions/{pk}/transition/", {"status": "decided"}, format="json")
    assert wrong.status_code == 400 and "status" in wrong.json()

    person = add_member(manager.organization)
    answer = api.post(
        f"{API}/questions/{pk}/answers/",
        {"member": person.pk, "choice": 0, "text": "By e-mail"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["source"] == "manager"
    again = api.post(
        f"{API}/questions/{pk}/answers/", {"member": person.pk, "choice": 1}, format="json"
    )
    assert again.status_code == 201
    assert PanelAnswer.objects.get().choice == 1
    refused = api.post(f"{API}/questions/{pk}/answers/", {"member": person.pk}, format="json")
    assert refused.status_code == 400 and "text" in refused.json()

    listed = member.api().get(f"{API}/questions/{pk}/answers/")
    assert listed.status_code == 200
    assert (
        member.api()
        .post(f"{API}/questions/{pk}/answers/", {"member": person.pk, "choice": 0}, format="json")
        .status_code
        == 403
    )

    api.post(f"{API}/questions/{pk}/transition/", {"status": "closed"}, format="json")
    decided = api.post(
        f"{API}/questions/{pk}/transition/",
        {"status": "decided", "decision": "Huila", "decision_link": "Winter blend"},
        format="json",
    )
    assert decided.status_code == 200, decided.content
    body = member.api().get(f"{API}/questions/{pk}/").json()
    assert body["decision"] == "Huila"
    assert body["results"]["options"][1] == {
        "index": 1,
        "option": "Huila",
        "votes": 1,
        "share": 1.0,
    }


def test_answers_of_another_organisation_are_404(owner: Persona, outsider: Persona) -> None:
    question = open_question(owner.organization)
    foreign = add_member(outsider.organization, "Zed", email="zed@example.be")
    assert outsider.api().get(f"{API}/questions/{question.pk}/answers/").status_code == 404
    own = open_question(outsider.organization)
    response = outsider.api().post(
        f"/api/v1/organizations/{outsider.organization.slug}/panel/questions/{own.pk}/answers/",
        {"member": foreign.pk, "choice": 0},
        format="json",
    )
    assert response.status_code == 201
    mixed = owner.api().post(
        f"{API}/questions/{question.pk}/answers/",
        {"member": foreign.pk, "choice": 0},
        format="json",
    )
    assert mixed.status_code == 400


def test_candidates(member: Persona) -> None:
    response = member.api().get(f"{API}/candidates/")
    assert response.status_code == 200
    assert response.json() == []
