from socialroadmap.audit.models import AuditEntry
from socialroadmap.leverage.models import Communication
from tests.leverage.helpers import communication, many

BASE = "/api/v1/organizations/acme/leverage"


def test_members_read_communications(owner, member) -> None:
    communication(owner.organization, "Newsletter", reach=5, linked=True, links=["hashtag"])
    response = member.api().get(f"{BASE}/communications/")
    assert response.status_code == 200
    [row] = response.json()["results"] if "results" in response.json() else response.json()
    assert row["name"] == "Newsletter" and row["links"] == ["hashtag"] and row["reach"] == 5


def test_a_manager_creates_updates_and_deletes(manager) -> None:
    api = manager.api()
    created = api.post(
        f"{BASE}/communications/",
        {
            "name": "Horeca Expo",
            "channel": "event",
            "starts_on": "2026-03-01",
            "linked": True,
            "links": ["hashtag"],
            "cost": "8200.00",
            "reach": 6400,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["cost"] == 8200.0
    control = api.post(
        f"{BASE}/communications/",
        {"name": "Expo control", "starts_on": "2026-03-01", "is_control": True, "control_for": pk},
        format="json",
    )
    assert control.status_code == 201, control.json()
    changed = api.patch(f"{BASE}/communications/{pk}/", {"reach": 7000}, format="json")
    assert changed.status_code == 200 and changed.json()["reach"] == 7000
    assert api.delete(f"{BASE}/communications/{pk}/").status_code == 204
    assert AuditEntry.objects.filter(area="leverage", object_id=str(pk)).count() == 3


def test_bad_input_is_400_at_its_field(manager) -> None:
    api = manager.api()
    bad = api.post(
        f"{BASE}/communications/",
        {"name": "X", "starts_on": "2026-03-01", "links": ["hashtag"]},
        format="json",
    )
    assert bad.status_code == 400 and "links" in bad.json()
    negative = api.post(
        f"{BASE}/communications/", {"name": "Y", "starts_on": "2026-03-01", "reach": -1}
    )
    assert negative.status_code == 400 and "reach" in negative.json()
    communication(manager.organization, "Taken")
    taken = api.post(f"{BASE}/communications/", {"name": "taken", "starts_on": "2026-03-01"})
    assert taken.status_code == 400 and "name" in taken.json()
    assert Communication.objects.count() == 1


def test_a_viewer_may_not_write(member) -> None:
    response = member.api().post(
        f"{BASE}/communications/", {"name": "X", "starts_on": "2026-03-01"}
    )
    assert response.status_code == 403


def test_a_control_of_another_organisation_is_refused(manager, outsider) -> None:
    foreign = communication(outsider.organization, "Foreign", linked=True)
    response = manager.api().post(
        f"{BASE}/communications/",
        {"name": "C", "starts_on": "2026-03-01", "is_control": True, "control_for": foreign.pk},
        format="json",
    )
    assert response.status_code == 400 and "control_for" in response.json()


def test_lift(member) -> None:
    many(member.organization, 8, 8)
    response = member.api().get(f"{BASE}/lift/", {"metric": "reach"})
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "a lift" and data["method"] == "two groups"
    assert (data["n_linked"], data["n_unlinked"]) == (8, 8)
    assert 0 < data["ci_low"] < data["lift"] < data["ci_high"]
    assert data["sentence"].startswith("Linked communications reached 12% more")
    per_cost = member.api().get(f"{BASE}/lift/", {"metric": "reach", "per": "cost"}).json()
    assert per_cost["per"] == "cost" and per_cost["lift"] is not None


def test_lift_with_too_few_and_bad_parameters(member) -> None:
    data = member.api().get(f"{BASE}/lift/").json()
    assert data["verdict"] == "too few to tell" and data["lift"] is None
    assert member.api().get(f"{BASE}/lift/", {"metric": "likes"}).status_code == 400
    assert member.api().get(f"{BASE}/lift/", {"per": "week"}).status_code == 400


def test_an_outsider_gets_404(owner, outsider) -> None:
    row = communication(owner.organization)
    assert outsider.api().get(f"{BASE}/communications/").status_code == 404
    assert outsider.api().get(f"{BASE}/communications/{row.pk}/").status_code == 404
    assert outsider.api().get(f"{BASE}/lift/").status_code == 404
