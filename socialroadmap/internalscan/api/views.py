"""API of the internal scan: the roster, consent, roster imports and the rankings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from socialroadmap.core.errors import ServiceError
from socialroadmap.internalscan import services
from socialroadmap.internalscan.api.serializers import (
    ConsentSerializer,
    EmployeeSerializer,
    ImportSummarySerializer,
    RankingsSerializer,
    RosterFileSerializer,
)
from socialroadmap.internalscan.models import Employee
from socialroadmap.organizations.scoping import OrganizationScopedMixin

MAX_ROSTER_BYTES = 2 * 1024 * 1024


def raise_validation(error: ServiceError) -> None:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class EmployeeViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The roster of the internal scan. Members read it; conversation managers change it.

    Deleting an employee erases them (nothing about them is kept).
    """

    serializer_class = EmployeeSerializer
    queryset = Employee.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Employee]:
        return self.scope(Employee.objects.select_related("consent_recorded_by"))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_employee(
                self.organization, **serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_validation(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_employee(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_validation(error)

    def perform_destroy(self, instance: Employee) -> None:
        services.erase_employee(instance, actor=self.actor)

    @extend_schema(request=ConsentSerializer, responses={200: EmployeeSerializer})
    @action(detail=True, methods=["post"])
    def consent(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record that the person gave or withdrew consent."""
        employee = self.get_object()
        payload = ConsentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        employee = services.record_consent(
            employee, payload.validated_data["consent"], actor=self.actor
        )
        return Response(EmployeeSerializer(employee).data)

    @extend_schema(
        request={"multipart/form-data": RosterFileSerializer},
        responses={200: ImportSummarySerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_roster(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add and update people from a roster CSV; bad rows come back with their line."""
        payload = RosterFileSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        if upload.size > MAX_ROSTER_BYTES:
            raise ValidationError({"file": ["a roster file may be at most 2 MB"]})
        try:
            summary = services.import_roster(self.organization, upload, actor=self.actor)
        except ServiceError as error:
            raise_validation(error)
        return Response(summary, status=status.HTTP_200_OK)


def _moment(value: str, *, end_of_day: bool) -> datetime:
    """A date (its start; with ``end_of_day`` the start of the next day) or a date-time."""
    day: date | None = parse_date(value) if len(value) <= 10 else None
    if day is not None:
        moment = datetime.combine(day + timedelta(days=1 if end_of_day else 0), time.min)
    else:
        parsed = parse_datetime(value)
        if parsed is None:
            raise serializers.ValidationError("give a date (YYYY-MM-DD) or an ISO 8601 date-time")
        moment = parsed
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class RankingsQuerySerializer(serializers.Serializer):
    since = serializers.CharField(required=False)
    until = serializers.CharField(required=False)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)

    def validate_since(self, value: str) -> datetime:
        return _moment(value, end_of_day=False)

    def validate_until(self, value: str) -> datetime:
        return _moment(value, end_of_day=True)


class RankingsView(OrganizationScopedMixin, APIView):
    """Candidate ambassadors and conversation managers: the consenting employees who post
    most and whose posts get most response, and posts per department."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "since", str, description="Count posts from this date or date-time on."
            ),
            OpenApiParameter(
                "until", str, description="Count posts up to this date (inclusive) or date-time."
            ),
            OpenApiParameter("limit", int, description="Entries per ranking, 1 to 100 (20)."),
        ],
        responses={200: RankingsSerializer},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = RankingsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rankings = services.rank_employees(self.organization, **query.validated_data)
        return Response(RankingsSerializer(rankings).data)
