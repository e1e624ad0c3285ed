"""Background jobs of the alerts.

``evaluate_all`` runs every five minutes under Celery beat (``CELERY_BEAT_SCHEDULE``);
``evaluate_organization_task`` runs after an import (``services.evaluate_organization_soon``).
Both are safe to retry: an evaluation fires at most once per rule and window, and
delivery sends only what was not delivered yet.
"""

from __future__ import annotations

import logging

from celery import shared_task

from socialroadmap.alerts import services
from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)


def evaluate_and_deliver(organization: Organization) -> list[AlertEvent]:
    """Evaluate the organisation's rules and deliver each event that fired."""
    return [services.deliver_event(event) for event in services.evaluate_rules(organization)]


@shared_task(name="alerts.evaluate_organization")
def evaluate_organization_task(organization_id: int) -> int:
    """Evaluate one organisation's rules and deliver the events; returns how many fired
    (-1: the evaluation failed and was logged, so that the import that asked for it
    is not disturbed; the next scheduled run tries again)."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return 0
    try:
        return len(evaluate_and_deliver(organization))
    except Exception:  # the caller is an import that already finished
        logger.exception("alert evaluation failed for %s", organization.slug)
        return -1


@shared_task(name="alerts.evaluate_all")
def evaluate_all() -> dict[str, int]:
    """Evaluate every organisation with active rules. Each organisation is on its own:
    one that fails is logged and the others still run. Returns events fired per slug."""
    ids = AlertRule.objects.filter(is_active=True).values_list("organization_id", flat=True)
    fired: dict[str, int] = {}
    for organization in Organization.objects.filter(pk__in=ids.distinct()).order_by("pk"):
        try:
            fired[organization.slug] = len(evaluate_and_deliver(organization))
        except Exception:  # one organisation's failure must not stop the rest
            logger.exception("alert evaluation failed for %s", organization.slug)
            fired[organization.slug] = -1
    return fired
