from socialroadmap.engine.model import load_model
from socialroadmap.roadmap.models import Assessment
from tests.conftest import Persona

MODEL = load_model()
BASE = "/api/v1/organizations/acme"


def test_an_assessment_through_the_api(owner: Persona) -> None:
    api = owner.api()
    created = api.post(f"{BASE}/assessments/")
    assert created.status_code == 201
    pk = created.json()["id"]
    answers = {q.id: q.options[-1].value for q in MODEL.questions if q.project <= 4}
    saved = api.put(f"{BASE}/assessments/{pk}/answers/", {"answers": answers}, format="json")
    assert saved.status_code == 200
    assert saved.json()["answers"] == answers
    draft_result = api.get(f"{BASE}/assessments/{pk}/result/").json()
    assert draft_result["stage"]["number"] == 2
    assert api.post(f"{BASE}/assessments/{pk}/submit/").json()["status"] == "submitted"
    history = api.get(f"{BASE}/assessments/history/").json()
    assert [h["stage"] for h in history] == [2]


def test_a_bad_answer_names_the_question(owner: Persona) -> None:
    api = owner.api()
    pk = api.post(f"{BASE}/assessments/").json()["id"]
    response = api.put(
        f"{BASE}/assessments/{pk}/answers/", {"answers": {"nope": "x"}}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"answers": ["unknown question id 'nope'"]}


def test_the_outsider_and_the_viewer(owner: Persona, member: Persona, outsider: Persona) -> None:
    pk = owner.api().post(f"{BASE}/assessments/").json()["id"]
    assert outsider.api().get(f"{BASE}/assessments/").status_code == 404
    assert outsider.api().get(f"{BASE}/roadmap/").status_code == 404
    assert member.api().post(f"{BASE}/assessments/").status_code == 403
    # A draft belongs to its respondent.
    assert member.api().get(f"{BASE}/assessments/{pk}/").status_code == 404
    assert Assessment.objects.count() == 1


def test_board_updates_need_the_current_version(owner: Persona, manager: Persona) -> None:
    item = owner.api().get(f"{BASE}/roadmap/5/").json()
    assert len(item["action_points"]) == len(MODEL.project(5).action_points)
    ok = owner.api().patch(
        f"{BASE}/roadmap/5/",
        {"notes": "two pilots", "version": item["version"], "owner": "manager@acme.test"},
        format="json",
    )
    assert ok.status_code == 200
    assert ok.json()["owner"] == "manager@acme.test"
    stale = manager.api().patch(
        f"{BASE}/roadmap/5/", {"notes": "x", "version": item["version"]}, format="json"
    )
    assert stale.status_code == 409
    assert "someone else changed this" in stale.json()["version"][0]


def test_action_points_through_the_api(owner: Persona) -> None:
    api = owner.api()
    point = api.get(f"{BASE}/roadmap/1/").json()["action_points"][0]
    done = api.patch(
        f"{BASE}/action-points/{point['id']}/",
        {"done": True, "version": point["version"]},
        format="json",
    )
    assert done.status_code == 200
    assert done.json()["done"] is True
    created = api.post(
        f"{BASE}/action-points/", {"project": 1, "text": "Brief the works council"}, format="json"
    )
    assert created.status_code == 201
    assert created.json()["display_text"] == "Brief the works council"
    assert api.delete(f"{BASE}/action-points/{created.json()['id']}/").status_code == 204
