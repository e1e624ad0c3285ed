"""The registry API for the owner, a viewer and an outsider."""

from __future__ import annotations

from socialroadmap.registry.models import SocialAccount
from tests.conftest import Persona
from tests.registry.helpers import safe_account

BASE = "/api/v1/organizations/acme/registry/"


def test_the_owner_manages_accounts(owner: Persona) -> None:
    api = owner.api()

    created = api.post(
        f"{BASE}accounts/",
        {"network": "x", "handle": "@acme", "owner": "An", "two_factor": "no"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["handle"], body["two_factor"], body["backup_owner"]) == ("acme", "no", "")

    duplicate = api.post(f"{BASE}accounts/", {"network": "x", "handle": "acme"}, format="json")
    assert duplicate.status_code == 400
    assert "already registered" in duplicate.json()["handle"][0]

    url = f"{BASE}accounts/{body['id']}/"
    changed = api.patch(url, {"backup_owner": "Bart", "last_activity": "2026-11-01"}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["backup_owner"] == "Bart"
    assert api.get(f"{BASE}accounts/").json()["results"][0]["handle"] == "acme"
    assert api.delete(url).status_code == 204
    assert not SocialAccount.objects.exists()


def test_the_owner_manages_tools_and_hardware(owner: Persona) -> None:
    api = owner.api()

    tool = api.post(f"{BASE}tools/", {"name": "Hootsuite", "licences": 3}, format="json")
    assert tool.status_code == 201, tool.content
    device = api.post(f"{BASE}hardware/", {"name": "Phone", "kind": "phone"}, format="json")
    assert device.status_code == 201, device.content
    bad = api.post(f"{BASE}hardware/", {"name": "Toaster", "kind": "toaster"}, format="json")
    assert bad.status_code == 400

    patched = api.patch(
        f"{BASE}tools/{tool.json()['id']}/", {"renewal_date": "2027-01-31"}, format="json"
    )
    assert patched.json()["renewal_date"] == "2027-01-31"
    assert api.delete(f"{BASE}hardware/{device.json()['id']}/").status_code == 204


def test_the_health_check_lists_warnings(owner: Persona, member: Persona) -> None:
    safe_account(owner.organization, shared_credentials=True)

    response = member.api().get(f"{BASE}health/")

    assert response.status_code == 200
    kinds = [(w["kind"], w["handle"]) for w in response.json()]
    assert kinds == [("shared_credentials", "acme"), ("dormant", "acme")]
    assert response.json()[0]["account"] is not None
    assert response.json()[0]["fix"]


def test_a_viewer_reads_but_cannot_change(owner: Persona, member: Persona) -> None:
    account = safe_account(owner.organization)
    api = member.api()

    assert api.get(f"{BASE}accounts/").status_code == 200
    assert api.get(f"{BASE}tools/").status_code == 200
    assert api.get(f"{BASE}hardware/").status_code == 200
    new = {"network": "x", "handle": "other"}
    assert api.post(f"{BASE}accounts/", new, format="json").status_code == 403
    assert api.patch(f"{BASE}accounts/{account.pk}/", {"owner": "Me"}).status_code == 403
    assert api.delete(f"{BASE}accounts/{account.pk}/").status_code == 403
    assert api.post(f"{BASE}tools/", {"name": "T"}, format="json").status_code == 403
    assert SocialAccount.objects.get().owner == "An Peeters"


def test_the_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    account = safe_account(owner.organization)
    api = outsider.api()

    for url in (
        f"{BASE}accounts/",
        f"{BASE}accounts/{account.pk}/",
        f"{BASE}tools/",
        f"{BASE}hardware/",
        f"{BASE}health/",
    ):
        assert api.get(url).status_code == 404, url
    assert api.delete(f"{BASE}accounts/{account.pk}/").status_code == 404
    assert api.post(f"{BASE}accounts/", {"network": "x", "handle": "y"}).status_code == 404
    assert SocialAccount.objects.count() == 1
