"""Evidence the indicators app gives the assessment, for project 11 (new success
indicators): the model's departments measure their success with indicators that have a
target, and the indicators are kept up to date."""

from __future__ import annotations

from django.utils import timezone

from socialroadmap.core.departments import MODEL_DEPARTMENTS
from socialroadmap.engine.scoring import Evidence
from socialroadmap.engine.text import Text
from socialroadmap.indicators import periods
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.organizations.models import Organization
from socialroadmap.roadmap.evidence import register_evidence_provider

PROJECT = 11


@register_evidence_provider
def success_indicators(organization: Organization) -> list[Evidence]:
    """Project 11: the share of the seven model departments with an active indicator
    with a target, and the share of the active indicators with a value for their
    current or previous period."""
    active = list(Indicator.objects.for_org(organization).filter(is_active=True))
    if not active:
        return []
    with_target = {row.department for row in active if row.target is not None}
    covered = len(with_target & set(MODEL_DEPARTMENTS))
    total = len(MODEL_DEPARTMENTS)
    today = timezone.localdate()
    recent = 0
    starts = IndicatorValue.objects.for_org(organization).filter(indicator__in=active)
    by_indicator: dict[int, set[object]] = {}
    for indicator_id, start in starts.values_list("indicator_id", "period_start"):
        by_indicator.setdefault(indicator_id, set()).add(start)
    for row in active:
        current = periods.start_of(today, row.period)
        wanted = {current, periods.previous_start(current, row.period)}
        if by_indicator.get(row.pk, set()) & wanted:
            recent += 1
    return [
        Evidence(
            project=PROJECT,
            key="indicators.departments",
            score=covered / total,
            weight=1,
            label=Text(
                f"{covered} of the {total} departments measure their success with an "
                "indicator with a target",
                f"{covered} van de {total} afdelingen meten hun succes met een indicator "
                "met een doel",
            ),
        ),
        Evidence(
            project=PROJECT,
            key="indicators.up_to_date",
            score=recent / len(active),
            weight=1,
            label=Text(
                f"{recent} of {len(active)} active indicator(s) have a value for the "
                "current or last period",
                f"{recent} van {len(active)} actieve indicator(en) hebben een waarde voor "
                "de huidige of vorige periode",
            ),
        ),
    ]
