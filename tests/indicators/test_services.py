from datetime import date
from decimal import Decimal

import pytest

from socialroadmap.audit.models import AuditEntry
from socialroadmap.core.errors import ServiceError
from socialroadmap.indicators import periods, services
from socialroadmap.indicators.choices import Origin
from socialroadmap.indicators.models import Indicator, IndicatorValue
from tests.indicators.helpers import indicator


def test_periods_start_on_monday_month_quarter_and_year() -> None:
    day = date(2026, 5, 14)  # a Thursday
    assert periods.start_of(day, "week") == date(2026, 5, 11)
    assert periods.start_of(day, "month") == date(2026, 5, 1)
    assert periods.start_of(day, "quarter") == date(2026, 4, 1)
    assert periods.start_of(day, "year") == date(2026, 1, 1)
    assert periods.next_start(date(2026, 10, 1), "quarter") == date(2027, 1, 1)
    assert periods.last_periods(day, "month", 3) == [
        date(2026, 3, 1),
        date(2026, 4, 1),
        date(2026, 5, 1),
    ]
    assert periods.must_start(date(2026, 5, 12), "week") is not None
    assert periods.must_start(date(2026, 5, 11), "week") is None


def test_create_update_delete_with_audit(owner) -> None:
    org = owner.organization
    row = services.create_indicator(
        org,
        name="Response time",
        department="customer_service",
        metric="response_time",
        target="4,5",
        actor=owner.user,
    )
    assert row.direction == "lower" and row.target == Decimal("4.5")
    services.update_indicator(row, {"target": "3", "owner": "Ann"}, actor=owner.user)
    row.refresh_from_db()
    assert row.target == Decimal("3") and row.owner == "Ann"
    services.record_value(row, period_start=date(2026, 3, 1), value="5", actor=owner.user)
    assert services.values_count(row) == 1
    gone = services.delete_indicator(row, actor=owner.user)
    assert gone["values"] == 1
    assert not Indicator.objects.exists() and not IndicatorValue.objects.exists()
    actions = list(
        AuditEntry.objects.filter(area="indicators", kind="indicator").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete", "update"]


def test_names_are_unique_per_department(owner) -> None:
    indicator(owner.organization, "Leads")
    indicator(owner.organization, "Leads", department="sales")
    with pytest.raises(ServiceError) as refused:
        indicator(owner.organization, "leads")
    assert refused.value.field == "name"


def test_bad_input_is_refused_at_its_field(owner, outsider) -> None:
    from socialroadmap.listening.models import ListeningQuery

    foreign = ListeningQuery.objects.create(organization=outsider.organization, name="G", query="g")
    for fields, field in (
        ({"target": "lots"}, "target"),
        ({"tolerance_percent": 120}, "tolerance_percent"),
        ({"period": "decade"}, "period"),
        ({"metric": "conversation_volume", "query": foreign}, "query"),
    ):
        with pytest.raises(ServiceError) as refused:
            indicator(owner.organization, **fields)
        assert refused.value.field == field


def test_values_must_start_their_period_and_replace_the_one_there(owner) -> None:
    row = indicator(owner.organization, period="week")
    with pytest.raises(ServiceError) as refused:
        services.record_value(row, period_start="2026-03-04", value="1", actor=None)
    assert refused.value.field == "period_start" and "2026-03-02" in refused.value.message
    _v, outcome = services.record_value(row, period_start="2026-03-02", value="1", actor=None)
    assert outcome == "created"
    _v, outcome = services.record_value(row, period_start="2026-03-02", value="1,0", actor=None)
    assert outcome == "unchanged"
    value, outcome = services.record_value(
        row, period_start="2026-03-02", value="2", actor=None, origin=Origin.API
    )
    assert outcome == "updated" and value.value == Decimal(2) and value.origin == "api"
    with pytest.raises(ServiceError) as bad:
        services.record_value(row, period_start="2026-03-09", value="", actor=None)
    assert bad.value.field == "value"


def test_the_period_changes_only_without_values(owner) -> None:
    row = indicator(owner.organization)
    services.update_indicator(row, {"period": "quarter"}, actor=None)
    services.record_value(row, period_start="2026-01-01", value="3", actor=None)
    with pytest.raises(ServiceError) as refused:
        services.update_indicator(row, {"period": "month"}, actor=None)
    assert refused.value.field == "period"


def test_the_catalogue_adds_a_suggestion_once(owner) -> None:
    from socialroadmap.listening.models import ListeningQuery

    brand = ListeningQuery.objects.create(
        organization=owner.organization, name="Acme", query="acme", kind="brand"
    )
    row = services.add_from_catalogue(
        owner.organization, "marketing", "share_of_voice", actor=owner.user
    )
    assert row.metric == "share_of_voice" and row.query == brand and row.unit == "%"
    assert "share_of_voice" in services.added_keys(owner.organization, "marketing")
    with pytest.raises(ServiceError):
        services.add_from_catalogue(
            owner.organization, "marketing", "share_of_voice", actor=owner.user
        )
    time = services.add_from_catalogue(
        owner.organization, "customer_service", "response_time", actor=owner.user
    )
    assert time.direction == "lower"
