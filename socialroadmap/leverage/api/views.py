"""API of the leverage app: the communications with their outcomes (members read,
conversation managers write) and the lift measured on them."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.leverage import services
from socialroadmap.leverage.api.serializers import CommunicationSerializer, LiftSerializer
from socialroadmap.leverage.choices import Metric, Per
from socialroadmap.leverage.measure import lift_for, sentence
from socialroadmap.leverage.models import Communication
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class CommunicationViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The organisation's communications and campaigns with their outcomes. Deleting a
    linked communication leaves its controls unpaired."""

    serializer_class = CommunicationSerializer
    queryset = Communication.objects.none()
    lookup_value_regex = r"\d+"

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "org_slug" in self.kwargs:
            context["organization"] = self.organization
        return context

    def get_queryset(self) -> QuerySet[Communication]:
        return self.scope(Communication.objects.order_by("-starts_on", "name"))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_communication(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_communication(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Communication) -> None:
        services.delete_communication(instance, actor=self.actor)


class LiftViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The lift of the linked communications over the unlinked ones. Members read."""

    serializer_class = LiftSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "metric", str, description="reach (default), visits, leads, sales or revenue."
            ),
            OpenApiParameter("per", str, description="cost, day, or empty (as counted)."),
        ],
        responses={200: LiftSerializer},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The lift with its 95% bootstrap interval and verdict; the same data always
        give the same answer (a fixed seed)."""
        metric = request.query_params.get("metric") or Metric.REACH
        per = request.query_params.get("per") or Per.NOTHING
        if metric not in Metric.values:
            raise ValidationError({"metric": [f"choose from {', '.join(Metric.values)}"]})
        if per not in Per.values:
            raise ValidationError({"per": ["choose cost, day or nothing"]})
        result = lift_for(self.organization, metric, per)
        data = {**result.as_dict(), "metric": metric, "per": per}
        data["sentence"] = sentence(result, metric, per)
        return Response(LiftSerializer(data).data)
