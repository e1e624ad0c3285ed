import pytest
from django.test import Client

from socialroadmap.organizations.models import Invitation, Membership
from tests.conftest import Persona


def test_the_owner_sees_the_roadmap_and_the_first_step(owner: Persona) -> None:
    page = owner.client().get("/o/acme/").content.decode()
    assert "Acme Benelux" in page
    assert "Where do you stand? Start here." in page
    assert "Building knowledge" in page and "A fast and flexible organisation" in page
    assert "Invite your team" in page


def test_the_roadmap_speaks_dutch(owner: Persona) -> None:
    owner.user.language = "nl"
    owner.user.save()
    page = owner.client().get("/o/acme/").content.decode()
    assert "Kennis opbouwen" in page
    assert "Een snelle en flexibele organisatie" in page


def test_home_opens_the_organisation_used_last(owner: Persona, other_org) -> None:
    from socialroadmap.organizations.services import add_member

    add_member(other_org, owner.user, "viewer")
    client = owner.client()
    assert client.get("/").url == "/orgs/"
    client.get("/o/globex/")
    assert client.get("/").url == "/o/globex/"


def test_a_member_sees_but_cannot_administer(owner: Persona, member: Persona) -> None:
    client = member.client()
    page = client.get("/o/acme/members/").content.decode()
    assert "owner@acme.test" in page
    assert "Invite someone" not in page
    owner_membership = Membership.objects.get(user=owner.user)
    assert (
        client.post("/o/acme/members/", {"email": "x@acme.test", "role": "owner"}).status_code
        == 403
    )
    assert (
        client.post(f"/o/acme/members/{owner_membership.pk}/role/", {"role": "viewer"}).status_code
        == 403
    )
    assert client.post(f"/o/acme/members/{owner_membership.pk}/remove/").status_code == 403
    assert Membership.objects.get(pk=owner_membership.pk).role == "owner"


def test_the_outsider_gets_404_everywhere(
    owner: Persona, member: Persona, outsider: Persona
) -> None:
    client = outsider.client()
    target = Membership.objects.get(user=member.user)
    for url in ["/o/acme/", "/o/acme/members/", f"/o/acme/members/{target.pk}/remove/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert b"Acme Benelux" not in response.content
    assert client.post(f"/o/acme/members/{target.pk}/role/", {"role": "owner"}).status_code == 404
    assert Membership.objects.get(pk=target.pk).role == "viewer"


def test_an_owner_cannot_reach_another_organisations_member_through_own_url(
    owner: Persona, outsider: Persona
) -> None:
    foreign = Membership.objects.get(user=outsider.user)
    response = owner.client().post(f"/o/acme/members/{foreign.pk}/role/", {"role": "viewer"})
    assert response.status_code == 404
    assert Membership.objects.get(pk=foreign.pk).role == "owner"


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_login() -> None:
    response = Client().get("/o/acme/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/?next=")


def test_the_owner_invites_changes_roles_and_removes_after_confirmation(
    owner: Persona, member: Persona
) -> None:
    client = owner.client()
    response = client.post(
        "/o/acme/members/", {"email": "new@acme.test", "role": "contributor"}, follow=True
    )
    assert b"Invitation sent to new@acme.test" in response.content
    assert Invitation.objects.for_org(owner.organization).filter(email="new@acme.test").exists()
    target = Membership.objects.get(user=member.user)
    client.post(f"/o/acme/members/{target.pk}/role/", {"role": "manager"})
    assert Membership.objects.get(pk=target.pk).role == "manager"
    confirm = client.get(f"/o/acme/members/{target.pk}/remove/")
    assert b"Remove" in confirm.content and Membership.objects.filter(pk=target.pk).exists()
    client.post(f"/o/acme/members/{target.pk}/remove/")
    assert not Membership.objects.filter(pk=target.pk).exists()


def test_a_new_person_joins_through_the_invitation_page(owner: Persona) -> None:
    from socialroadmap.organizations.services import invite_member

    link = invite_member(owner.organization, "nina@acme.test", "viewer", actor=owner.user).link
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    assert b"Join Acme Benelux" in client.get("/" + path).content
    response = client.post(
        "/" + path,
        {"full_name": "Nina", "password1": "Welcome-t0-acme!", "password2": "Welcome-t0-acme!"},
    )
    assert response.status_code == 302
    assert response.url == "/o/acme/"
    assert client.get("/o/acme/").status_code == 200
    assert client.get("/" + path).status_code == 404


def test_anyone_logged_in_may_start_an_organisation(outsider: Persona) -> None:
    client = outsider.client()
    response = client.post("/orgs/", {"name": "Client B", "slug": "client-b"})
    assert response.url == "/o/client-b/"
    again = client.post("/orgs/", {"name": "Client B", "slug": "client-b"})
    assert b"already exists" in again.content


# --- deleting the organisation from the web ---------------------------------------------


def test_the_owner_sees_what_deleting_removes_and_must_type_the_short_name(
    owner: Persona, member: Persona
) -> None:
    from socialroadmap.accounts.models import User
    from socialroadmap.organizations.models import Organization

    client = owner.client()
    assert b"/o/acme/delete/" in client.get("/o/acme/members/").content
    page = client.get("/o/acme/delete/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "socialroadmap export --org acme" in text
    assert "<td>Memberships</td><td>2</td>" in text  # the rows that go, per kind

    refused = client.post("/o/acme/delete/", {"confirm": "Acme"})
    assert refused.status_code == 200
    assert "Type acme exactly to confirm" in refused.content.decode()
    assert Organization.objects.filter(slug="acme").exists()

    done = client.post("/o/acme/delete/", {"confirm": " acme "}, follow=True)
    assert done.redirect_chain[-1][0] == "/orgs/"
    assert "Acme Benelux and all its data were deleted." in done.content.decode()
    assert not Organization.objects.filter(slug="acme").exists()
    assert not Membership.objects.filter(user=member.user).exists()
    assert User.objects.filter(pk=member.user.pk).exists()  # people keep their accounts
    assert client.get("/o/acme/").status_code == 404


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_only_an_owner_may_delete_the_organisation(
    persona: str, request: pytest.FixtureRequest
) -> None:
    from socialroadmap.organizations.models import Organization

    someone: Persona = request.getfixturevalue(persona)
    client = someone.client()
    assert b"/o/acme/delete/" not in client.get("/o/acme/members/").content
    assert client.get("/o/acme/delete/").status_code == 403
    assert client.post("/o/acme/delete/", {"confirm": "acme"}).status_code == 403
    assert Organization.objects.filter(slug="acme").exists()


def test_an_outsider_cannot_even_see_the_delete_page(owner: Persona, outsider: Persona) -> None:
    from socialroadmap.organizations.models import Organization

    client = outsider.client()
    assert client.get("/o/acme/delete/").status_code == 404
    assert client.post("/o/acme/delete/", {"confirm": "acme"}).status_code == 404
    assert Organization.objects.filter(slug="acme").exists()
