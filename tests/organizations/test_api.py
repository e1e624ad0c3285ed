import pytest
from rest_framework.test import APIClient

from socialroadmap.organizations.models import Membership
from socialroadmap.organizations.services import add_member
from tests.conftest import Persona


@pytest.mark.django_db
def test_anonymous_requests_get_401() -> None:
    response = APIClient().get("/api/v1/organizations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_it_lists_only_the_callers_organisations(owner: Persona, outsider: Persona) -> None:
    body = owner.api().get("/api/v1/organizations/").json()
    assert body["count"] == 1
    assert body["results"] == [
        {
            "slug": "acme",
            "name": "Acme Benelux",
            "role": "owner",
            "created_at": body["results"][0]["created_at"],
        }
    ]


def test_a_consultant_sees_each_organisation_with_its_role(
    owner: Persona, outsider: Persona
) -> None:
    add_member(outsider.organization, owner.user, "viewer")
    results = owner.api().get("/api/v1/organizations/").json()["results"]
    assert {(r["slug"], r["role"]) for r in results} == {("acme", "owner"), ("globex", "viewer")}


def test_the_outsider_gets_404_for_another_organisation(owner: Persona, outsider: Persona) -> None:
    api = outsider.api()
    assert api.get("/api/v1/organizations/acme/").status_code == 404
    assert api.get("/api/v1/organizations/acme/members/").status_code == 404
    target = Membership.objects.get(user=owner.user)
    assert api.get(f"/api/v1/organizations/acme/members/{target.pk}/").status_code == 404
    assert (
        api.patch(
            f"/api/v1/organizations/acme/members/{target.pk}/", {"role": "viewer"}
        ).status_code
        == 404
    )
    assert api.delete(f"/api/v1/organizations/acme/members/{target.pk}/").status_code == 404
    assert (
        api.post(
            "/api/v1/organizations/acme/members/", {"email": "o@x.test", "role": "owner"}
        ).status_code
        == 404
    )
    assert Membership.objects.get(pk=target.pk).role == "owner"


def test_a_member_id_of_another_organisation_is_404_under_ones_own(
    owner: Persona, outsider: Persona
) -> None:
    foreign = Membership.objects.get(user=outsider.user)
    assert owner.api().get(f"/api/v1/organizations/acme/members/{foreign.pk}/").status_code == 404


def test_a_viewer_reads_members_but_cannot_change_them(owner: Persona, member: Persona) -> None:
    api = member.api()
    emails = [m["email"] for m in api.get("/api/v1/organizations/acme/members/").json()["results"]]
    assert emails == ["member@acme.test", "owner@acme.test"]
    target = Membership.objects.get(user=owner.user)
    assert (
        api.patch(
            f"/api/v1/organizations/acme/members/{target.pk}/", {"role": "viewer"}
        ).status_code
        == 403
    )
    assert (
        api.post(
            "/api/v1/organizations/acme/members/", {"email": "n@acme.test", "role": "viewer"}
        ).status_code
        == 403
    )


def test_the_owner_invites_and_changes_roles(owner: Persona, member: Persona) -> None:
    api = owner.api()
    invited = api.post(
        "/api/v1/organizations/acme/members/", {"email": "new@acme.test", "role": "contributor"}
    )
    assert invited.status_code == 201
    assert invited.json()["status"] == "invited"
    assert invited.json()["invitation_link"].startswith("http")
    target = Membership.objects.get(user=member.user)
    changed = api.patch(
        f"/api/v1/organizations/acme/members/{target.pk}/", {"role": "manager"}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["role"] == "manager"


def test_the_api_keeps_the_last_owner(owner: Persona) -> None:
    mine = Membership.objects.get(user=owner.user)
    response = owner.api().patch(
        f"/api/v1/organizations/acme/members/{mine.pk}/", {"role": "viewer"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"role": ["an organisation needs at least one owner"]}
    assert owner.api().delete(f"/api/v1/organizations/acme/members/{mine.pk}/").status_code == 400


def test_bad_input_names_the_field(owner: Persona) -> None:
    response = owner.api().post(
        "/api/v1/organizations/acme/members/", {"email": "not-an-email", "role": "boss"}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"email", "role"}


@pytest.mark.django_db
def test_the_schema_and_docs_are_served() -> None:
    client = APIClient()
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/organizations/" in schema.json()["paths"]
    assert client.get("/api/v1/docs/").status_code == 200
