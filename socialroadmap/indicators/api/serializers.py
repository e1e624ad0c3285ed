from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from socialroadmap.core.departments import Department
from socialroadmap.core.serializers import pattern_choice
from socialroadmap.indicators.choices import Direction, Metric, Origin, Period
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.indicators.services import INDICATOR_FIELDS
from socialroadmap.indicators.status import IndicatorState, states
from socialroadmap.listening.models import ListeningQuery

AUDIT_FIELDS = ["created_at", "updated_at"]

IndicatorDepartmentField = pattern_choice(
    Department,
    "marketing, communication, customer_service, hr, it, rnd, sales, management or other.",
)
IndicatorMetricField = pattern_choice(Metric, "The measure; see the user guide for each.")
IndicatorPeriodField = pattern_choice(Period, "week, month (default), quarter or year.")
IndicatorDirectionField = pattern_choice(
    Direction, "higher or lower (default lower for response_time and time_to_action)."
)
IndicatorOriginField = pattern_choice(Origin, "computed, manual, import or api.")


def _value(help_text: str, *, max_digits: int = 16) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=max_digits,
        decimal_places=4,
        coerce_to_string=False,
        help_text=help_text,
    )


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator with its state: the latest value, its status against the target and
    the trend. The service checks the rest with readable messages (a unique name per
    department, a query of the organisation)."""

    department = IndicatorDepartmentField()
    metric = IndicatorMetricField()
    period = IndicatorPeriodField(required=False)
    direction = IndicatorDirectionField(required=False)
    target = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        coerce_to_string=False,
        required=False,
        allow_null=True,
        help_text="The value to reach per period; null: no target.",
    )
    tolerance_percent = serializers.IntegerField(min_value=0, max_value=100, required=False)
    query = serializers.PrimaryKeyRelatedField(
        queryset=ListeningQuery.objects.none(),
        required=False,
        allow_null=True,
        help_text="For the listening measures: the id of the query whose posts count.",
    )
    status = serializers.SerializerMethodField(
        help_text="on_track, at_risk, off_track, no_target or no_data."
    )
    latest = serializers.SerializerMethodField()
    latest_period = serializers.SerializerMethodField()
    trend = serializers.SerializerMethodField(help_text="up, down or flat.")

    class Meta:
        model = Indicator
        fields = [
            "id",
            *INDICATOR_FIELDS,
            "status",
            "latest",
            "latest_period",
            "trend",
            *AUDIT_FIELDS,
        ]
        read_only_fields = ["id", *AUDIT_FIELDS]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            query = cast(serializers.PrimaryKeyRelatedField, self.fields["query"])
            query.queryset = ListeningQuery.objects.for_org(organization)

    def _state(self, row: Indicator) -> IndicatorState:
        known: dict[int, IndicatorState] = self.context.setdefault("states", {})
        if row.pk not in known:
            known.update(states([row]))
        return known[row.pk]

    @extend_schema_field(serializers.CharField())
    def get_status(self, row: Indicator) -> str:
        return self._state(row).status

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_latest(self, row: Indicator) -> float | None:
        latest = self._state(row).latest
        return None if latest is None else float(latest)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_latest_period(self, row: Indicator) -> str | None:
        period = self._state(row).latest_period
        return None if period is None else period.isoformat()

    @extend_schema_field(serializers.CharField())
    def get_trend(self, row: Indicator) -> str:
        return self._state(row).trend.direction


class IndicatorValueSerializer(serializers.ModelSerializer):
    """One value of an indicator for one period (``period_start``: the period's first
    day). A value already there for the period is replaced."""

    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    value = _value("The value; up to 4 decimals.")
    origin = IndicatorOriginField(read_only=True)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "period_start", "value", "origin", "note", *AUDIT_FIELDS]
        read_only_fields = ["id", "origin", *AUDIT_FIELDS]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            indicator = cast(serializers.PrimaryKeyRelatedField, self.fields["indicator"])
            indicator.queryset = Indicator.objects.for_org(organization)


class IndicatorBulkRowSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="The indicator's id."
    )
    period_start = serializers.DateField()
    value = serializers.CharField(help_text="A number; a decimal comma or point.")
    note = serializers.CharField(required=False, allow_blank=True)


class IndicatorBulkSerializer(serializers.Serializer):
    values = IndicatorBulkRowSerializer(many=True)


class IndicatorBulkErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(min_value=0, max_value=100_000, help_text="From 0.")
    field = serializers.CharField()
    message = serializers.CharField()


class IndicatorBulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(min_value=0, max_value=100_000)
    updated = serializers.IntegerField(min_value=0, max_value=100_000)
    unchanged = serializers.IntegerField(min_value=0, max_value=100_000)
    errors = IndicatorBulkErrorSerializer(many=True)  # type: ignore[assignment]


class IndicatorRecomputeSerializer(serializers.Serializer):
    created = serializers.IntegerField(min_value=0, max_value=1_000_000)
    updated = serializers.IntegerField(min_value=0, max_value=1_000_000)
    removed = serializers.IntegerField(min_value=0, max_value=1_000_000)
    kept = serializers.IntegerField(min_value=0, max_value=1_000_000)
    indicator = IndicatorSerializer()
