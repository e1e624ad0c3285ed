"""Targets of the feedback routes for tests/test_every_route.py: an item (and the
listening post "from_post" routes, which the common targets already hold)."""

from __future__ import annotations

from tests.conftest import Persona

PK_KIND = {
    "feedback:from_post": "listening_post",
    "feedback:item": "feedback_item",
    "feedback-item": "feedback_item",
}


def targets(owner: Persona) -> dict[str, object]:
    from socialroadmap.feedback import services

    item = services.create_item(
        owner.organization, kind="complaint", title="Late delivery", actor=owner.user
    )
    return {"feedback_item": item.pk}
