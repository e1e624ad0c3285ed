"""What the content API's schema promises matches what it answers."""

from __future__ import annotations

from tests.conftest import Persona
from tests.openapi import ORG, body_schema

API = "/api/v1/organizations/acme/content"


def test_the_gaps_are_one_object(owner: Persona) -> None:
    assert isinstance(owner.api().get(f"{API}/gaps/").json(), dict)
    assert body_schema(f"{ORG}/content/gaps/", "get", "200")["type"] == "object"


def test_a_date_before_1900_is_refused(owner: Persona) -> None:
    """Brussels kept local mean time then (+00:17:30): no ISO 8601 answer could show it."""
    body = {"title": "Old", "planned_at": "0965-06-01T06:51:03Z"}
    refused = owner.api().post(f"{API}/items/", body, format="json")
    assert refused.status_code == 400 and "planned_at" in refused.json()
    body["planned_at"] = "2026-06-01T06:51:03Z"
    made = owner.api().post(f"{API}/items/", body, format="json")
    assert made.status_code == 201 and made.json()["planned_at"].startswith("2026-06-01")
