"""What the policy API's schema promises matches what it answers."""

from __future__ import annotations

from tests.conftest import Persona
from tests.openapi import ORG, body_schema

BASE = "/api/v1/organizations/acme/policy"


def test_a_patch_answers_with_every_step_even_the_empty_ones(manager: Persona) -> None:
    """Fields with a default used to be left out of a partial update's answer."""
    api = manager.api()
    pk = api.post(f"{BASE}/versions/", {}, format="json").json()["id"]
    patched = api.patch(f"{BASE}/versions/{pk}/", {"intro_en": "Hello"}, format="json")
    assert patched.status_code == 200
    steps = ("submitted_by", "approved_by", "published_by")
    assert {step: patched.json()[step] for step in steps} == dict.fromkeys(steps)
    fields = body_schema(f"{ORG}/policy/versions/{{id}}/", "patch", "200")["properties"]
    assert all(fields[step]["nullable"] for step in steps)
