"""Publishing an approved item through its channel's API (Mastodon or Bluesky).

``queue_publish`` checks the item and enqueues the job ``content.publish_item``; the job
calls ``publish_item``, which claims the item first (an atomic update that only one
worker wins), posts it, and stores the link and time, or the error on the item. A claim
older than ``STALE_CLAIM`` is taken over, and the network's idempotency guard (see
``publishers``) makes that retry find the post instead of making a second one.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.content import publishers
from socialroadmap.content.choices import PUBLISHABLE_KINDS, ChannelKind, ItemStatus
from socialroadmap.content.models import Channel, ContentItem
from socialroadmap.content.services import ITEM_AUDIT_FIELDS, STALE_CLAIM
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.jobs import enqueue
from socialroadmap.listening import secrets as sealing


def check_publishable(item: ContentItem) -> Channel:
    """The channel to publish the item on; refuses what cannot be published."""
    if item.status != ItemStatus.APPROVED:
        raise ServiceError("only an approved item can be published", field="status")
    channel = item.channel
    if channel is None or channel.kind not in PUBLISHABLE_KINDS:
        raise ServiceError(
            "only items on a Mastodon or Bluesky channel can be published from here",
            field="channel",
        )
    if not channel.credential or not channel.api_url:
        raise ServiceError(
            f"the channel {channel.name} has no API address or credential", field="channel"
        )
    if channel.kind == ChannelKind.BLUESKY and not channel.api_account:
        raise ServiceError(f"the channel {channel.name} has no API account", field="channel")
    if not (item.body or item.title).strip():
        raise ServiceError("the item has no text to publish", field="body")
    return channel


@transaction.atomic
def queue_publish(item: ContentItem, *, actor: User | None) -> None:
    """Check the item and enqueue its publishing (once the transaction commits)."""
    from socialroadmap.content.tasks import publish_item_task

    check_publishable(item)
    if item.publishing_since is not None:
        raise ServiceError("the item is being published already", field="status")
    ContentItem.objects.filter(pk=item.pk).update(publish_error="")
    enqueue(publish_item_task, item.pk, actor.pk if actor is not None else None)


def _claim(item_id: int) -> bool:
    now = timezone.now()
    return bool(
        ContentItem.objects.filter(pk=item_id, status=ItemStatus.APPROVED)
        .filter(Q(publishing_since__isnull=True) | Q(publishing_since__lt=now - STALE_CLAIM))
        .update(publishing_since=now)
    )


def _post(item: ContentItem, channel: Channel) -> publishers.Published:
    try:
        secret = sealing.unseal("credential", channel.credential)
    except sealing.SecretError as error:
        raise publishers.PublishError(str(error)) from error
    text = (item.body or item.title).strip()
    if channel.kind == ChannelKind.MASTODON:
        return publishers.publish_mastodon(
            channel.api_url, secret, text, idempotency_key=f"socialroadmap-content-{item.pk}"
        )
    return publishers.publish_bluesky(
        channel.api_url,
        channel.api_account,
        secret,
        text,
        rkey=publishers.record_key(item.pk, item.created_at),
    )


def publish_item(item_id: int, actor: User | None = None) -> str:
    """Post the approved item once; returns "published", "failed" or "skipped" (not
    approved any more, or another worker has it)."""
    if not _claim(item_id):
        return "skipped"
    item = ContentItem.objects.select_related("channel", "organization").get(pk=item_id)
    try:
        channel = check_publishable(item)
        done = _post(item, channel)
    except (ServiceError, publishers.PublishError) as error:
        message = error.message if isinstance(error, ServiceError) else str(error)
        ContentItem.objects.filter(pk=item_id).update(
            publishing_since=None, publish_error=message[:1000]
        )
        return "failed"
    with transaction.atomic():
        item = ContentItem.objects.select_for_update().get(pk=item_id)
        before = audit.snapshot(item, ITEM_AUDIT_FIELDS)
        item.status = ItemStatus.PUBLISHED
        item.published_at = timezone.now()
        item.published_url = done.url[:500]
        item.external_id = done.external_id[:200]
        item.publishing_since = None
        item.publish_error = ""
        item.stamp(actor)
        item.save()
        after = audit.snapshot(item, ITEM_AUDIT_FIELDS)
        audit.record(item.organization, actor, Action.PUBLISH, item, audit.diff(before, after))
    return "published"
