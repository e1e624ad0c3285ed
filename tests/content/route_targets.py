"""Targets of the content routes for tests/test_every_route.py: a channel and an
approved item on it."""

from __future__ import annotations

from typing import Any

PK_KIND: dict[str, str] = {
    "content:channel": "content_channel",
    "content-channel": "content_channel",
    "content:item": "content_item",
    "content-item": "content_item",
}


def targets(owner: Any) -> dict[str, object]:
    from django.utils import timezone

    from socialroadmap.content import services

    channel = services.create_channel(
        owner.organization, name="Blog", kind="website", actor=owner.user
    )
    item = services.create_item(
        owner.organization,
        title="Roast diary",
        actor=owner.user,
        status="draft",
        channel=channel,
        planned_at=timezone.now(),
    )
    return {"content_channel": channel.pk, "content_item": item.pk}
