"""Background job of the knowledge programme: the weekly reminders.

Safe to run as often as wanted (daily under Celery beat suits it): each person gets
at most one reminder per ``REMINDER_INTERVAL_DAYS``.
"""

from __future__ import annotations

import logging

from celery import shared_task

from socialroadmap.knowledge import services
from socialroadmap.knowledge.models import Module
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)


@shared_task(name="knowledge.send_reminders")
def send_reminders_task(organization_id: int | None = None) -> dict[str, int]:
    """Send the reminders of one organisation, or of every organisation with a
    compulsory module that has a deadline. One organisation that fails is logged and
    the others still run. Returns the reminders sent per slug (-1: failed)."""
    if organization_id is not None:
        organizations = Organization.objects.filter(pk=organization_id)
    else:
        ids = Module.objects.filter(compulsory=True, due_days__isnull=False).values_list(
            "organization_id", flat=True
        )
        organizations = Organization.objects.filter(pk__in=ids.distinct())
    sent: dict[str, int] = {}
    for organization in organizations.order_by("pk"):
        try:
            sent[organization.slug] = services.send_reminders(organization, actor=None)["sent"]
        except Exception:  # one organisation's failure must not stop the rest
            logger.exception("knowledge reminders failed for %s", organization.slug)
            sent[organization.slug] = -1
    return sent
