"""What the feedback API's schema promises matches what it answers."""

from __future__ import annotations

from tests.conftest import Persona
from tests.feedback.helpers import matrix
from tests.openapi import ORG, body_schema

BASE = "/api/v1/organizations/acme/feedback"


def test_the_figures_are_one_object(owner: Persona) -> None:
    assert isinstance(owner.api().get(f"{BASE}/figures/").json(), dict)
    assert body_schema(f"{ORG}/feedback/figures/", "get", "200")["type"] == "object"


def test_a_patch_answers_with_the_owner_name(owner: Persona) -> None:
    """A field with a default used to be left out of a partial update's answer."""
    pj, _sara, _rule = matrix(owner)
    api = owner.api()
    item = api.post(f"{BASE}/items/", {"kind": "complaint", "title": "Late"}, format="json").json()
    patched = api.patch(f"{BASE}/items/{item['id']}/", {"title": "Later"}, format="json")
    assert patched.status_code == 200 and patched.json()["owner_name"] == pj.name
    unowned = api.patch(f"{BASE}/items/{item['id']}/", {"owner": None}, format="json")
    assert unowned.json()["owner_name"] == ""
