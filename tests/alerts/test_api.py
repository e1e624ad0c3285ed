"""The alerts API for the owner, a viewer and an outsider."""

from __future__ import annotations

from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.alerts.services import evaluate_rules
from socialroadmap.listening.services.queries import create_query
from socialroadmap.organizations.choices import Role
from tests.alerts.helpers import HOUR, NOW, rollup, volume_rule
from tests.conftest import Persona, make_persona

RULES = "/api/v1/organizations/acme/alerts/rules/"
EVENTS = "/api/v1/organizations/acme/alerts/events/"


def fired(persona: Persona) -> AlertEvent:
    volume_rule(persona.organization)
    rollup(persona.organization, HOUR, 20)
    [event] = evaluate_rules(persona.organization, now=NOW)
    return event


def test_the_owner_manages_rules(owner: Persona) -> None:
    api = owner.api()
    query = create_query(
        owner.organization, name="Acme", query="acme", kind="brand", actor=owner.user
    )

    created = api.post(
        RULES,
        {"name": "Angry", "kind": "negative_share", "query": query.pk, "recipients": ["a@b.nl"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["threshold"] == 20.0
    assert body["query"] == query.pk
    assert body["min_posts"] == 10

    url = f"{RULES}{body['id']}/"
    changed = api.patch(url, {"threshold": 30, "cooldown_hours": 1}, format="json")
    assert changed.status_code == 200
    assert changed.json()["threshold"] == 30.0
    assert api.get(RULES).json()["results"][0]["name"] == "Angry"

    deleted = api.delete(url)
    assert deleted.status_code == 200
    assert deleted.json() == {"id": body["id"], "name": "Angry", "events": 0}


def test_a_refused_setting_is_a_400(owner: Persona) -> None:
    response = owner.api().post(
        RULES,
        {"name": "Hook", "kind": "volume", "webhook_url": "http://hooks.example.com/x"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"webhook_url": ["the webhook must use https://"]}


def test_another_organisations_query_does_not_exist(owner: Persona, outsider: Persona) -> None:
    theirs = create_query(
        outsider.organization, name="G", query="globex", kind="brand", actor=outsider.user
    )

    response = owner.api().post(
        RULES, {"name": "X", "kind": "volume", "query": theirs.pk}, format="json"
    )

    assert response.status_code == 400
    assert "query" in response.json()


def test_a_viewer_reads_but_cannot_write(owner: Persona, member: Persona) -> None:
    event = fired(owner)
    api = member.api()

    assert api.get(RULES).json()["count"] == 1
    events = api.get(EVENTS).json()["results"]
    assert events[0]["id"] == event.pk
    assert events[0]["message"] == "Volume: 20 posts, against 0.0 normally."
    assert api.post(RULES, {"name": "X", "kind": "volume"}, format="json").status_code == 403
    assert api.post(f"{EVENTS}{event.pk}/acknowledge/").status_code == 403
    assert AlertRule.objects.count() == 1


def test_a_contributor_acknowledges(owner: Persona) -> None:
    event = fired(owner)
    lead = make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)

    response = lead.api().post(f"{EVENTS}{event.pk}/acknowledge/")

    assert response.status_code == 200
    assert response.json()["acknowledged_by"] == "lead@acme.test"
    assert lead.api().post(RULES, {"name": "X", "kind": "volume"}, format="json").status_code == 403


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    event = fired(owner)
    api = outsider.api()

    assert api.get(RULES).status_code == 404
    assert api.get(f"{EVENTS}{event.pk}/").status_code == 404
    assert api.post(f"{EVENTS}{event.pk}/acknowledge/").status_code == 404
    theirs = "/api/v1/organizations/globex/alerts/"
    assert api.get(f"{theirs}events/{event.pk}/").status_code == 404
    assert api.delete(f"{theirs}rules/{event.rule_id}/").status_code == 404
    assert api.get(f"{theirs}events/").json()["count"] == 0
    assert AlertRule.objects.count() == 1
