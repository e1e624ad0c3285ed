from __future__ import annotations

from socialroadmap.feedback.models import FeedbackItem, FeedbackTarget
from socialroadmap.organizations.choices import Role
from tests.conftest import Persona, make_persona
from tests.feedback.helpers import matrix

BASE = "/api/v1/organizations/acme/feedback"


def test_create_list_transition_and_route(owner: Persona, member: Persona) -> None:
    pj, _sara, _rule = matrix(owner)
    lead = make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR).api()
    created = lead.post(f"{BASE}/items/", {"kind": "complaint", "title": "Late"}, format="json")
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["owner"] == pj.pk and item["state"] == "received"
    assert item["acknowledge_within_minutes"] == 240
    bad = lead.post(f"{BASE}/items/{item['id']}/transition/", {"state": "done"}, format="json")
    assert bad.status_code == 400 and "state" in bad.json()
    for body in ({"state": "acknowledged"}, {"state": "action_decided", "action": "Resend"}):
        step = lead.post(f"{BASE}/items/{item['id']}/transition/", body, format="json")
        assert step.status_code == 200, step.content
    assert step.json()["action"] == "Resend"
    routed = lead.post(f"{BASE}/items/{item['id']}/route/")
    assert routed.status_code == 200 and routed.json()["owner"] == pj.pk
    listed = member.api().get(f"{BASE}/items/", {"state": "action_decided"})
    assert listed.status_code == 200
    rows = listed.json()["results"] if isinstance(listed.json(), dict) else listed.json()
    assert [r["id"] for r in rows] == [item["id"]]
    assert member.api().post(f"{BASE}/items/", {"kind": "idea", "title": "x"}).status_code == 403


def test_patch_reassign_and_delete_need_a_manager(owner: Persona, manager: Persona) -> None:
    _pj, sara, _rule = matrix(owner)
    lead = make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR).api()
    item = lead.post(f"{BASE}/items/", {"kind": "complaint", "title": "Late"}, format="json").json()
    path = f"{BASE}/items/{item['id']}/"
    assert lead.patch(path, {"title": "Very late"}, format="json").status_code == 200
    assert lead.patch(path, {"owner": sara.pk}, format="json").status_code == 403
    assert lead.patch(path, {"title": ""}, format="json").status_code == 400
    assert manager.api().patch(path, {"owner": sara.pk}, format="json").json()["owner"] == sara.pk
    assert lead.delete(path).status_code == 403
    assert manager.api().delete(path).status_code == 204
    assert not FeedbackItem.objects.exists()


def test_figures_and_targets(owner: Persona, manager: Persona, member: Persona) -> None:
    figures = member.api().get(f"{BASE}/figures/")
    assert figures.status_code == 200 and len(figures.json()["months"]) == 12
    assert figures.json()["action_target_days"] == 14
    targets = member.api().get(f"{BASE}/targets/")
    assert targets.status_code == 200 and len(targets.json()) == 6
    body = [{"kind": "complaint", "acknowledge_hours": 2, "action_days": 5}]
    assert member.api().put(f"{BASE}/targets/", body, format="json").status_code == 403
    saved = manager.api().put(f"{BASE}/targets/", body, format="json")
    assert saved.status_code == 200
    assert FeedbackTarget.objects.get(kind="complaint").action_days == 5
    bad = manager.api().put(f"{BASE}/targets/", [{"kind": "x", "action_days": 0}], format="json")
    assert bad.status_code == 400


def test_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    assert outsider.api().get(f"{BASE}/items/").status_code == 404
    assert outsider.api().get(f"{BASE}/figures/").status_code == 404
