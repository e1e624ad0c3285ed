"""API of the indicators app: the indicators with their state, and their values.
Members read; a contributor (department lead) writes their own department's, conversation
managers and owners any department's (403 otherwise)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.indicators import compute, services
from socialroadmap.indicators.api.serializers import (
    IndicatorBulkResultSerializer,
    IndicatorBulkSerializer,
    IndicatorRecomputeSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
)
from socialroadmap.indicators.choices import Origin
from socialroadmap.indicators.models import Indicator, IndicatorValue
from socialroadmap.indicators.status import states
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin

MAX_BULK = 5000


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class _Scoped(OrganizationScopedMixin):
    write_capability = Capability.CONTRIBUTE

    def require_department(self, department: str) -> None:
        if not services.may_change(self.get_membership(), department):
            raise PermissionDenied("You may only change your own department's indicators.")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        if "org_slug" in self.kwargs and self.request.user.is_authenticated:  # type: ignore[attr-defined]
            context["organization"] = self.organization
        return context


class IndicatorViewSet(_Scoped, viewsets.ModelViewSet):
    """The organisation's success indicators, each with its status against the target,
    its latest value and period, and its trend. Deleting one deletes its values."""

    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Indicator]:
        rows = self.scope(Indicator.objects.order_by("department", "name", "pk"))
        department = self.request.query_params.get("department")
        if self.action == "list" and department:
            rows = rows.filter(department=department)
        return rows

    @extend_schema(
        parameters=[OpenApiParameter("department", str, description="Only this department's.")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.paginate_queryset(self.get_queryset())
        rows = list(rows) if rows is not None else list(self.get_queryset())
        context = {**self.get_serializer_context(), "states": states(rows)}
        data = IndicatorSerializer(rows, many=True, context=context).data
        if self.paginator is not None and self.paginator.page is not None:  # type: ignore[attr-defined]
            return self.get_paginated_response(data)
        return Response(data)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        self.require_department(data["department"])
        try:
            with transaction.atomic():
                row = services.create_indicator(self.organization, actor=self.actor, **data)
                if compute.is_computed(row):
                    compute.compute_values(self.organization, row, actor=self.actor)
        except ServiceError as error:
            raise_for(error)
        serializer.instance = row

    def perform_update(self, serializer: Any) -> None:
        row = serializer.instance
        self.require_department(row.department)
        data = dict(serializer.validated_data)
        self.require_department(data.get("department", row.department))
        try:
            serializer.instance = services.update_indicator(row, data, actor=self.actor)
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Indicator) -> None:
        self.require_department(instance.department)
        services.delete_indicator(instance, actor=self.actor)

    @extend_schema(request=None, responses={200: IndicatorRecomputeSerializer})
    @action(detail=True, methods=["post"])
    def recompute(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Recompute the indicator's last 12 periods from the product's data (listening,
        feedback, content); values entered otherwise are kept."""
        row = self.get_object()
        self.require_department(row.department)
        counts = compute.compute_values(self.organization, row, actor=self.actor)
        row.refresh_from_db()
        body = {
            **{k: counts[k] for k in ("created", "updated", "removed", "kept")},
            "indicator": IndicatorSerializer(row, context=self.get_serializer_context()).data,
        }
        return Response(body)


class IndicatorValueViewSet(_Scoped, viewsets.GenericViewSet):
    """The indicators' values per period. Values sent here have the origin "api" and,
    like values entered by hand, win over computed ones."""

    serializer_class = IndicatorValueSerializer
    queryset = IndicatorValue.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[IndicatorValue]:
        rows = self.scope(
            IndicatorValue.objects.select_related("indicator").order_by(
                "indicator_id", "period_start"
            )
        )
        indicator = self.request.query_params.get("indicator")
        if indicator and indicator.isdigit():
            rows = rows.filter(indicator_id=int(indicator))
        department = self.request.query_params.get("department")
        if department:
            rows = rows.filter(indicator__department=department)
        return rows

    @extend_schema(
        parameters=[
            OpenApiParameter("indicator", int, description="Only this indicator's values."),
            OpenApiParameter("department", str, description="Only this department's."),
        ],
        responses={200: IndicatorValueSerializer(many=True)},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.paginate_queryset(self.get_queryset())
        if rows is not None:
            return self.get_paginated_response(self.get_serializer(rows, many=True).data)
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(responses={201: IndicatorValueSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record a value; ``period_start`` must be the first day of the indicator's period."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        indicator = data["indicator"]
        self.require_department(indicator.department)
        try:
            row, _outcome = services.record_value(
                indicator,
                period_start=data["period_start"],
                value=data["value"],
                note=data.get("note", ""),
                origin=Origin.API,
                actor=self.actor,
            )
        except ServiceError as error:
            raise_for(error)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.get_object()
        self.require_department(row.indicator.department)
        services.delete_value(row, actor=self.actor)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=IndicatorBulkSerializer, responses={200: IndicatorBulkResultSerializer})
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record many values at once: ``{"values": [{indicator, period_start, value,
        note}, ...]}``. Each bad row is refused with its index (from 0), field and reason;
        the good rows are kept. Sending the same rows again changes nothing."""
        rows = request.data.get("values") if isinstance(request.data, dict) else None
        if not isinstance(rows, list):
            raise ValidationError({"values": ["give a list of values"]})
        if len(rows) > MAX_BULK:
            raise ValidationError({"values": [f"at most {MAX_BULK} values at once"]})
        result: dict[str, Any] = {"created": 0, "updated": 0, "unchanged": 0, "errors": []}
        indicators = {row.pk: row for row in Indicator.objects.for_org(self.organization)}
        for index, row in enumerate(rows):
            try:
                outcome = self._bulk_row(row, indicators)
            except ServiceError as error:
                result["errors"].append(
                    {"index": index, "field": error.field or "", "message": error.message}
                )
                continue
            result[outcome] += 1
        return Response(IndicatorBulkResultSerializer(result).data)

    def _bulk_row(self, row: Any, indicators: dict[int, Indicator]) -> str:
        if not isinstance(row, dict):
            raise ServiceError("give an object with indicator, period_start and value")
        key = row.get("indicator")
        indicator = indicators.get(key) if isinstance(key, int) else None
        if indicator is None and isinstance(key, str) and key.isdigit():
            indicator = indicators.get(int(key))
        if indicator is None:
            raise ServiceError(f"indicator: no indicator {key!r}", field="indicator")
        if not services.may_change(self.get_membership(), indicator.department):
            raise ServiceError(
                "indicator: you may only change your own department's indicators",
                field="indicator",
            )
        with transaction.atomic():
            _row, outcome = services.record_value(
                indicator,
                period_start=row.get("period_start") or "",
                value=row.get("value"),
                note=row.get("note") or "",
                origin=Origin.API,
                actor=self.actor,
            )
        return outcome
