"""Background jobs of the feedback loop: telling an owner about a new item, and the
daily warnings about items that wait too long.

Both run in-process without a broker (Celery eager) and are safe to repeat: an item is
in an overdue warning at most once a day."""

from __future__ import annotations

import logging

from celery import shared_task

from socialroadmap.feedback import services
from socialroadmap.feedback.choices import OPEN_STATES
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)


@shared_task(name="feedback.notify_owner")
def notify_owner_task(item_id: int) -> bool:
    """E-mail the item's owner; a mail failure is logged, not raised, so that the
    creation that asked for it stands."""
    item = FeedbackItem.objects.select_related("owner", "organization").filter(pk=item_id).first()
    if item is None:
        return False
    try:
        return services.notify_owner(item)
    except Exception:  # the item is saved; the owner sees it in the inbox anyway
        logger.exception("feedback notification failed for item %s", item_id)
        return False


@shared_task(name="feedback.warn_overdue")
def warn_overdue(organization_id: int | None = None) -> dict[str, int]:
    """Warn about overdue items of one organisation, or of every organisation with open
    items. Returns the e-mails sent per slug (-1: failed and logged)."""
    if organization_id is not None:
        organizations = Organization.objects.filter(pk=organization_id)
    else:
        ids = FeedbackItem.objects.filter(state__in=OPEN_STATES).values_list(
            "organization_id", flat=True
        )
        organizations = Organization.objects.filter(pk__in=ids.distinct())
    sent: dict[str, int] = {}
    for organization in organizations.order_by("pk"):
        try:
            sent[organization.slug] = services.send_overdue_warnings(organization)["emails"]
        except Exception:  # one organisation's failure must not stop the rest
            logger.exception("feedback warnings failed for %s", organization.slug)
            sent[organization.slug] = -1
    return sent
