"""Alert pages for the owner, a viewer and an outsider."""

from __future__ import annotations

from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.alerts.services import evaluate_rules
from socialroadmap.organizations.choices import Role
from tests.alerts.helpers import HOUR, NOW, rollup, volume_rule
from tests.conftest import Persona, make_persona

RULE_FORM = {
    "name": "Storm",
    "query": "",
    "kind": "volume",
    "threshold": "",
    "min_posts": "10",
    "window_hours": "1",
    "baseline_days": "7",
    "cooldown_hours": "6",
    "recipients": "pr@acme.test\nceo@acme.test",
    "webhook_url": "",
    "is_active": "on",
}


def fired(persona: Persona) -> AlertEvent:
    volume_rule(persona.organization)
    rollup(persona.organization, HOUR, 20)
    [event] = evaluate_rules(persona.organization, now=NOW)
    return event


def test_the_empty_page_explains_alerts(owner: Persona) -> None:
    response = owner.client().get("/o/acme/alerts/")

    assert response.status_code == 200
    assert b'data-testid="alerts-empty"' in response.content
    assert b"An alert warns you" in response.content
    assert b"Create an alert rule" in response.content


def test_the_events_page_lists_events_for_a_viewer(owner: Persona, member: Persona) -> None:
    fired(owner)

    response = member.client().get("/o/acme/alerts/")

    assert response.status_code == 200
    assert b"20 posts" in response.content
    assert b"Acknowledge</button>" not in response.content  # a viewer cannot acknowledge


def test_a_contributor_acknowledges(owner: Persona) -> None:
    event = fired(owner)
    lead = make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)
    client = lead.client()

    assert b"Acknowledge</button>" in client.get("/o/acme/alerts/").content
    response = client.post(f"/o/acme/alerts/events/{event.pk}/acknowledge/")

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.acknowledged_by == lead.user


def test_a_viewer_cannot_acknowledge(owner: Persona, member: Persona) -> None:
    event = fired(owner)

    response = member.client().post(f"/o/acme/alerts/events/{event.pk}/acknowledge/")

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.acknowledged_at is None


def test_the_owner_creates_edits_and_deletes_a_rule(owner: Persona) -> None:
    client = owner.client()

    response = client.post("/o/acme/alerts/rules/", RULE_FORM)
    assert response.status_code == 302
    rule = AlertRule.objects.get(name="Storm")
    assert rule.threshold == 3.0
    assert rule.recipients == ["pr@acme.test", "ceo@acme.test"]

    response = client.post(f"/o/acme/alerts/rules/{rule.pk}/", {**RULE_FORM, "threshold": "4"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.threshold == 4.0

    rollup(owner.organization, HOUR, 20)
    evaluate_rules(owner.organization, now=NOW)
    confirm = client.get(f"/o/acme/alerts/rules/{rule.pk}/delete/")
    assert b"Its 1 alert is deleted with it." in confirm.content
    assert client.post(f"/o/acme/alerts/rules/{rule.pk}/delete/").status_code == 302
    assert not AlertRule.objects.exists()
    assert not AlertEvent.objects.exists()


def test_a_refused_setting_shows_on_the_form(owner: Persona) -> None:
    form = {**RULE_FORM, "webhook_url": "http://hooks.example.com/x"}

    response = owner.client().post("/o/acme/alerts/rules/", form)

    assert response.status_code == 200
    assert b"the webhook must use https://" in response.content
    assert not AlertRule.objects.exists()


def test_a_viewer_sees_rules_but_cannot_change_them(owner: Persona, member: Persona) -> None:
    rule = volume_rule(owner.organization)
    client = member.client()

    response = client.get("/o/acme/alerts/rules/")
    assert response.status_code == 200
    assert b"Volume" in response.content
    assert b"New alert rule" not in response.content
    assert client.post("/o/acme/alerts/rules/", RULE_FORM).status_code == 403
    assert client.get(f"/o/acme/alerts/rules/{rule.pk}/").status_code == 403
    assert client.post(f"/o/acme/alerts/rules/{rule.pk}/delete/").status_code == 403
    assert AlertRule.objects.count() == 1


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    event = fired(owner)
    rule = event.rule
    client = outsider.client()

    for url in (
        "/o/acme/alerts/",
        "/o/acme/alerts/rules/",
        f"/o/acme/alerts/rules/{rule.pk}/",
        f"/o/acme/alerts/rules/{rule.pk}/delete/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/o/acme/alerts/events/{event.pk}/acknowledge/").status_code == 404
    # Their own organisation's URLs with acme's ids: 404 too.
    assert client.get(f"/o/globex/alerts/rules/{rule.pk}/").status_code == 404
    assert client.post(f"/o/globex/alerts/events/{event.pk}/acknowledge/").status_code == 404


def test_the_nav_links_to_alerts(owner: Persona) -> None:
    response = owner.client().get("/o/acme/alerts/rules/")

    assert b'href="/o/acme/alerts/"' in response.content
