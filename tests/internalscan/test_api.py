from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from socialroadmap.internalscan import services
from socialroadmap.internalscan.models import Employee
from socialroadmap.listening.models import Post
from tests.conftest import Persona

BASE = "/api/v1/organizations/acme/internal-scan"


def roster_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("roster.csv", ("\ufeff" + text).encode(), content_type="text/csv")


def test_a_manager_keeps_the_roster(manager: Persona) -> None:
    api = manager.api()
    created = api.post(
        f"{BASE}/employees/",
        {"full_name": "Jan Peeters", "department": "Marketing", "handles": ["x:@Jan"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["handles"], body["consent"]) == (["x:jan"], False)
    pk = body["id"]
    changed = api.patch(f"{BASE}/employees/{pk}/", {"notes": "blogt over koffie"}, format="json")
    assert changed.json()["notes"] == "blogt over koffie"
    consent = api.post(f"{BASE}/employees/{pk}/consent/", {"consent": True}, format="json")
    assert consent.status_code == 200
    assert consent.json()["consent_recorded_by"] == "manager@acme.test"
    assert api.get(f"{BASE}/employees/").json()["count"] == 1
    assert api.delete(f"{BASE}/employees/{pk}/").status_code == 204
    assert not Employee.objects.exists()


def test_bad_input_is_400_with_the_field(owner: Persona) -> None:
    api = owner.api()
    bad = api.post(
        f"{BASE}/employees/", {"full_name": "Jan", "handles": ["tiktok:@jan"]}, format="json"
    )
    assert bad.status_code == 400
    assert "tiktok" in bad.json()["handles"][0]
    api.post(f"{BASE}/employees/", {"full_name": "Jan"}, format="json")
    twice = api.post(f"{BASE}/employees/", {"full_name": "jan"}, format="json")
    assert twice.status_code == 400
    assert "already on the roster" in twice.json()["non_field_errors"][0]
    assert api.post(f"{BASE}/employees/1/consent/", {}, format="json").status_code in (400, 404)


def test_a_roster_import_through_the_api(owner: Persona) -> None:
    text = "naam;afdeling;handles;toestemming\nJan;IT;x:@jan;ja\n;IT;;ja\n"
    response = owner.api().post(
        f"{BASE}/employees/import/", {"file": roster_file(text)}, format="multipart"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "read": 2,
        "created": 1,
        "updated": 0,
        "rejected": [{"line": 3, "field": "name", "reason": "the name is missing"}],
    }
    no_name = owner.api().post(
        f"{BASE}/employees/import/", {"file": roster_file("x;y\n1;2\n")}, format="multipart"
    )
    assert no_name.status_code == 400
    assert "file" in no_name.json()


def test_rankings_through_the_api(member: Persona, owner: Persona) -> None:
    org = owner.organization
    services.create_employee(org, full_name="Jan", handles="x:@jan", consent=True, actor=None)
    services.create_employee(org, full_name="Els", handles="x:@els", consent=False, actor=None)
    for author, day in (("jan", 2), ("jan", 20), ("els", 3)):
        Post.objects.create(
            organization=org,
            source="x",
            external_id=f"{author}{day}",
            text="koffie",
            author=author,
            sentiment="positive",
            sentiment_score=0.5,
            likes=3,
            created_at=f"2026-03-{day:02d}T10:00:00Z",
        )
    response = member.api().get(f"{BASE}/rankings/", {"since": "2026-03-01", "until": "2026-03-02"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert [(e["name"], e["posts"], e["engagement"]) for e in body["most_active"]] == [
        ("Jan", 1, 3)
    ]
    assert body["without_consent"] == 1
    assert "Els" not in response.content.decode()
    assert member.api().get(f"{BASE}/rankings/").json()["most_active"][0]["posts"] == 2
    assert member.api().get(f"{BASE}/rankings/", {"since": "soon"}).status_code == 400
    assert member.api().get(f"{BASE}/rankings/", {"limit": 0}).status_code == 400


def test_permissions_of_the_personas(
    owner: Persona, manager: Persona, member: Persona, outsider: Persona
) -> None:
    jan = services.create_employee(owner.organization, full_name="Jan", actor=None)
    detail = f"{BASE}/employees/{jan.pk}/"
    assert member.api().get(detail).status_code == 200
    assert member.api().get(f"{BASE}/rankings/").status_code == 200
    assert member.api().patch(detail, {"notes": "x"}, format="json").status_code == 403
    assert member.api().post(f"{detail}consent/", {"consent": True}).status_code == 403
    assert member.api().delete(detail).status_code == 403
    assert (
        member.api()
        .post(f"{BASE}/employees/import/", {"file": roster_file("name\nX\n")}, format="multipart")
        .status_code
        == 403
    )
    for path in (f"{BASE}/employees/", detail, f"{BASE}/rankings/"):
        assert outsider.api().get(path).status_code == 404
    assert outsider.api().delete(detail).status_code == 404
    assert manager.api().patch(detail, {"notes": "ok"}, format="json").status_code == 200
    assert owner.api().delete(detail).status_code == 204


def test_another_organisations_employee_is_404(owner: Persona, outsider: Persona) -> None:
    theirs = services.create_employee(outsider.organization, full_name="Piet", actor=None)
    assert owner.api().get(f"{BASE}/employees/{theirs.pk}/").status_code == 404
    assert owner.api().delete(f"{BASE}/employees/{theirs.pk}/").status_code == 404
    assert Employee.objects.filter(pk=theirs.pk).exists()
    assert owner.api().get(f"{BASE}/employees/").json()["count"] == 0
