from datetime import date

from django.utils import timezone

from socialroadmap.indicators import demo, periods, services
from socialroadmap.indicators.evidence import success_indicators
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.indicators.status import states
from tests.indicators.helpers import indicator


def test_the_demo_is_idempotent_with_a_mix_of_statuses(owner) -> None:
    demo.seed(owner.organization, owner.user)
    rows = list(Indicator.objects.for_org(owner.organization))
    values = IndicatorValue.objects.count()
    assert len(rows) == len(demo.INDICATORS)
    assert {row.department for row in rows} >= {
        "marketing",
        "communication",
        "customer_service",
        "hr",
        "sales",
    }
    found = {state.status for state in states(rows).values()}
    assert {"on_track", "at_risk", "off_track"} <= found
    demo.seed(owner.organization, owner.user)
    assert Indicator.objects.count() == len(rows) and IndicatorValue.objects.count() == values


def test_evidence_counts_departments_with_targets_and_fresh_values(owner) -> None:
    assert success_indicators(owner.organization) == []
    today = timezone.localdate()
    fresh = indicator(owner.organization, "Leads", department="sales", target="5")
    services.record_value(
        fresh, period_start=periods.start_of(today, "month"), value="3", actor=None
    )
    stale = indicator(owner.organization, "Hires", department="hr", metric="hires")
    services.record_value(stale, period_start=date(2020, 1, 1), value="1", actor=None)
    indicator(owner.organization, "Ideas", department="management", target="1")
    departments, up_to_date = success_indicators(owner.organization)
    assert departments.project == 11 and departments.score == 1 / 7  # management is not one
    assert up_to_date.score == 1 / 3
    assert "1 of the 7" in departments.label.en and "afdelingen" in departments.label.nl
