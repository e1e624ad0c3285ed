"""What the roadmap API's schema promises matches what it answers."""

from __future__ import annotations

from socialroadmap.roadmap import services
from tests.conftest import Persona
from tests.openapi import ORG, body_schema, responses


def test_the_history_is_a_plain_list(owner: Persona) -> None:
    assessment = services.start_assessment(owner.organization, owner.user)
    services.submit_assessment(assessment, actor=owner.user)
    answer = owner.api().get("/api/v1/organizations/acme/assessments/history/")
    assert answer.status_code == 200 and isinstance(answer.json(), list)
    assert body_schema(f"{ORG}/assessments/history/", "get", "200")["type"] == "array"


def test_a_conflicting_change_is_documented() -> None:
    for path in (f"{ORG}/roadmap/{{project}}/", f"{ORG}/action-points/{{id}}/"):
        assert "409" in responses(path, "put")
        assert "409" in responses(path, "patch")
