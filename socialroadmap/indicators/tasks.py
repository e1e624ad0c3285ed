"""Background job of the indicators app: recomputing the values the product computes
from its own data (listening, feedback, content), once a day for every organisation."""

from __future__ import annotations

import logging

from celery import shared_task

from socialroadmap.indicators.choices import COMPUTED_FROM
from socialroadmap.indicators.compute import compute_values
from socialroadmap.indicators.models import Indicator
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)


@shared_task(name="indicators.compute_values")
def compute_values_task(organization_id: int | None = None) -> dict[str, int]:
    """Recompute the last periods of one organisation's computed indicators, or of every
    organisation that has any. Returns the values created or updated per slug (-1:
    failed and logged). Safe to repeat: values entered otherwise are never touched."""
    if organization_id is not None:
        organizations = Organization.objects.filter(pk=organization_id)
    else:
        ids = Indicator.objects.filter(is_active=True, metric__in=list(COMPUTED_FROM)).values_list(
            "organization_id", flat=True
        )
        organizations = Organization.objects.filter(pk__in=ids.distinct())
    done: dict[str, int] = {}
    for organization in organizations.order_by("pk"):
        try:
            counts = compute_values(organization)
            done[organization.slug] = counts["created"] + counts["updated"]
        except Exception:  # one organisation's failure must not stop the rest
            logger.exception("computing indicator values failed for %s", organization.slug)
            done[organization.slug] = -1
    return done
