"""Targets of the policy's routes for tests/test_every_route.py: version 1 published
(so that acknowledging works) and version 2 a draft, aimed at by the version routes."""

from __future__ import annotations

from typing import Any

PK_KIND: dict[str, str] = {
    "policy:version": "policy_version",
    "policy-version": "policy_version",
}

# Any member acknowledges the published policy for themselves.
VIEWER_MAY: dict[str, tuple[str, ...]] = {
    "policy:acknowledge": ("policy.acknowledgement",),
    "policy-version-acknowledge": ("policy.acknowledgement",),
}


def targets(owner: Any) -> dict[str, object]:
    from socialroadmap.policy import services

    first = services.create_draft(
        owner.organization, actor=owner.user, decisions={"working_time": {"choice": "breaks"}}
    )
    services.submit_version(first, actor=owner.user)
    services.approve_version(first, actor=owner.user)
    services.publish_version(first, actor=owner.user)
    draft = services.create_draft(owner.organization, actor=owner.user)
    return {"policy_version": draft.pk}
