"""Background job of the content calendar: publishing an item through its channel's API."""

from __future__ import annotations

from celery import shared_task

from socialroadmap.accounts.models import User
from socialroadmap.content.publishing import publish_item


@shared_task(name="content.publish_item")
def publish_item_task(item_id: int, actor_id: int | None = None) -> str:
    """Publish the item ``item_id``; safe to run twice (the second finds it claimed or
    published and skips)."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return publish_item(item_id, actor)
