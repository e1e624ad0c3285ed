"""What the leverage API's schema promises matches what it answers."""

from __future__ import annotations

from tests.conftest import Persona
from tests.openapi import ORG, body_schema


def test_the_lift_is_one_object(owner: Persona) -> None:
    answer = owner.api().get("/api/v1/organizations/acme/leverage/lift/")
    assert answer.status_code == 200 and isinstance(answer.json(), dict)
    assert body_schema(f"{ORG}/leverage/lift/", "get", "200")["type"] == "object"
