"""API of the centre of excellence for the owner, a viewer and an outsider."""

from __future__ import annotations

from socialroadmap.excellence.models import EscalationRule, TeamMember
from tests.conftest import Persona
from tests.excellence.helpers import person, rule

API = "/api/v1/organizations/acme/excellence"


def test_the_owner_manages_members(owner: Persona) -> None:
    api = owner.api()

    created = api.post(
        f"{API}/members/",
        {"name": "Ann", "email": "ann@acme.test", "role": "spoke", "department": "it"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["department"] == "it"

    patched = api.patch(f"{API}/members/{pk}/", {"hours_per_week": 5}, format="json")
    assert patched.status_code == 200
    assert patched.json()["hours_per_week"] == 5

    assert [m["name"] for m in api.get(f"{API}/members/").json()["results"]] == ["Ann"]
    assert api.delete(f"{API}/members/{pk}/").json() == {"id": pk, "name": "Ann"}
    assert not TeamMember.objects.exists()


def test_bad_members_are_400_with_the_field(owner: Persona) -> None:
    response = owner.api().post(
        f"{API}/members/", {"name": "Ann", "email": "ann@acme.test", "role": "spoke"}, format="json"
    )

    assert response.status_code == 400
    assert "department" in response.json()


def test_removing_a_member_named_in_rules_is_400(owner: Persona) -> None:
    ann = person(owner.organization)
    rule(owner.organization, ann, "crisis", "urgent")

    response = owner.api().delete(f"{API}/members/{ann.pk}/")

    assert response.status_code == 400
    assert "Crisis (Urgent)" in response.json()["hand_over_to"][0]
    assert TeamMember.objects.filter(pk=ann.pk).exists()


def test_removing_a_member_hands_their_rules_over(owner: Persona, outsider: Persona) -> None:
    ann, bob = person(owner.organization, "Ann"), person(owner.organization, "Bob")
    theirs = person(outsider.organization, "Theirs")
    crisis = rule(owner.organization, ann, "crisis", "urgent")
    api = owner.api()

    refused = api.delete(f"{API}/members/{ann.pk}/?hand_over_to={theirs.pk}")
    assert (refused.status_code, list(refused.json())) == (400, ["hand_over_to"])
    response = api.delete(f"{API}/members/{ann.pk}/?hand_over_to={bob.pk}")

    assert response.status_code == 200, response.content
    crisis.refresh_from_db()
    assert crisis.responsible_id == bob.pk


def test_the_owner_manages_rules(owner: Persona, outsider: Persona) -> None:
    ann = person(owner.organization, "Ann")
    theirs = person(outsider.organization, "Theirs")
    api = owner.api()
    body = {
        "kind": "press",
        "severity": "urgent",
        "responsible": ann.pk,
        "respond_within_minutes": 20,
    }

    created = api.post(f"{API}/escalation-rules/", body, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert api.post(f"{API}/escalation-rules/", body, format="json").status_code == 400
    foreign = api.patch(f"{API}/escalation-rules/{pk}/", {"backup": theirs.pk}, format="json")
    assert foreign.status_code == 400
    assert "backup" in foreign.json()

    assert api.delete(f"{API}/escalation-rules/{pk}/").json() == {
        "id": pk,
        "kind": "press",
        "severity": "urgent",
    }
    assert not EscalationRule.objects.exists()


def test_routing_answers_the_rule_and_the_handler(owner: Persona, member: Persona) -> None:
    ann, bob = person(owner.organization, "Ann"), person(owner.organization, "Bob")
    cell = rule(owner.organization, ann, "complaint", "urgent", backup=bob)
    api = member.api()

    found = api.get(f"{API}/route/", {"kind": "complaint", "severity": "urgent"})
    assert found.status_code == 200
    assert found.json()["rule"]["id"] == cell.pk
    assert found.json()["handler"] == ann.pk

    assert api.get(f"{API}/route/", {"kind": "complaint"}).json() == {
        "rule": None,
        "handler": None,
    }
    assert api.get(f"{API}/route/", {"kind": "gossip"}).status_code == 400


def test_a_viewer_reads_but_cannot_write(owner: Persona, member: Persona) -> None:
    ann = person(owner.organization)
    cell = rule(owner.organization, ann)
    api = member.api()

    assert api.get(f"{API}/members/").status_code == 200
    assert api.get(f"{API}/escalation-rules/{cell.pk}/").status_code == 200
    assert api.post(f"{API}/members/", {"name": "X"}, format="json").status_code == 403
    assert api.delete(f"{API}/members/{ann.pk}/").status_code == 403
    assert api.patch(f"{API}/escalation-rules/{cell.pk}/", {}, format="json").status_code == 403
    assert TeamMember.objects.count() == 1


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    ann = person(owner.organization)
    cell = rule(owner.organization, ann)
    api = outsider.api()

    for url in (
        f"{API}/members/",
        f"{API}/members/{ann.pk}/",
        f"{API}/escalation-rules/{cell.pk}/",
        f"{API}/route/?kind=complaint",
    ):
        assert api.get(url).status_code == 404, url
    assert api.delete(f"{API}/escalation-rules/{cell.pk}/").status_code == 404
    assert EscalationRule.objects.count() == 1
