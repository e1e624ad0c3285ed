"""API of the pilot portfolio: pilots (members read, contributors propose and edit
candidates, conversation managers the rest), their status transitions and KPIs, the
thresholds and the recommendation."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.choices import Capability, Role
from socialroadmap.organizations.scoping import OrganizationScopedMixin
from socialroadmap.pilots import services
from socialroadmap.pilots.api.serializers import (
    PilotKpiSerializer,
    PilotSerializer,
    PilotTransitionSerializer,
    PortfolioSettingsSerializer,
    RecommendationSerializer,
)
from socialroadmap.pilots.choices import OPEN_STATUSES, PilotStatus
from socialroadmap.pilots.models import Pilot, PilotKpi
from socialroadmap.pilots.portfolio import recommend


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class _Scoped(OrganizationScopedMixin):
    def allows(self, capability: Capability) -> bool:
        return Role(self.get_membership().role).allows(capability)


class PilotViewSet(_Scoped, viewsets.ModelViewSet):
    """The organisation's pilots. Members read; contributors propose pilots and edit
    candidates; conversation managers edit any, move them on and delete them."""

    serializer_class = PilotSerializer
    queryset = Pilot.objects.none()
    lookup_value_regex = r"\d+"
    write_capability = Capability.CONTRIBUTE

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(Pilot.objects.select_related("manager").order_by("name", "pk"))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_pilot(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        pilot = serializer.instance
        if pilot.status != PilotStatus.CANDIDATE and not self.allows(Capability.MANAGE):
            raise PermissionDenied("only a conversation manager edits a chosen pilot")
        try:
            serializer.instance = services.update_pilot(
                pilot, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        if not self.allows(Capability.MANAGE):
            raise PermissionDenied("only a conversation manager deletes a pilot")
        services.delete_pilot(instance, actor=self.actor)

    @extend_schema(request=PilotTransitionSerializer, responses={200: PilotSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Move the pilot to another status (conversation managers). Selecting needs the
        three justifications; completing needs the retrospective."""
        if not self.allows(Capability.MANAGE):
            raise PermissionDenied("only a conversation manager changes a pilot's status")
        pilot = self.get_object()
        body = PilotTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            pilot = services.transition_pilot(
                pilot, body.validated_data["status"], actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)
        return Response(PilotSerializer(pilot, context=self.get_serializer_context()).data)


@extend_schema(
    parameters=[OpenApiParameter("pilot", int, description="Only the KPIs of this pilot.")]
)
class PilotKpiViewSet(_Scoped, viewsets.ModelViewSet):
    """The pilots' KPIs, of three kinds. Members read; contributors write."""

    serializer_class = PilotKpiSerializer
    queryset = PilotKpi.objects.none()
    lookup_value_regex = r"\d+"
    write_capability = Capability.CONTRIBUTE

    def get_queryset(self) -> QuerySet[Any]:
        rows = self.scope(PilotKpi.objects.select_related("pilot").order_by("pilot", "kind", "pk"))
        pilot = self.request.query_params.get("pilot", "")
        if pilot:
            if not pilot.isdigit():
                raise ValidationError({"pilot": ["give a pilot's id"]})
            rows = rows.filter(pilot_id=int(pilot))
        return rows

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        pilot = data.pop("pilot")
        try:
            serializer.instance = services.create_kpi(pilot, actor=self.actor, **data)
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        if "pilot" in data and data.pop("pilot") != serializer.instance.pilot:
            raise ValidationError({"pilot": ["a KPI cannot move to another pilot"]})
        try:
            serializer.instance = services.update_kpi(serializer.instance, data, actor=self.actor)
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        services.delete_kpi(instance, actor=self.actor)


class PortfolioSettingsViewSet(_Scoped, viewsets.GenericViewSet):
    """The thresholds: the score a pilot needs on each criterion. Members read;
    conversation managers change them."""

    serializer_class = PortfolioSettingsSerializer
    pagination_class = None

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(services.settings_of(self.organization)).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        body = self.get_serializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        try:
            row = services.update_settings(self.organization, body.validated_data, actor=self.actor)
        except ServiceError as error:
            raise_for(error)
        return Response(self.get_serializer(row).data)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)


class RecommendationViewSet(_Scoped, viewsets.GenericViewSet):
    """Which open pilots to choose (those meeting all three thresholds, best return
    first), and what each other pilot misses. Members read."""

    serializer_class = RecommendationSerializer
    pagination_class = None

    @extend_schema(responses={200: RecommendationSerializer})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pilots = Pilot.objects.for_org(self.organization).filter(status__in=OPEN_STATUSES)
        result = recommend(list(pilots), services.thresholds_of(self.organization))
        data = {
            "thresholds": services.settings_of(self.organization),
            "selected": result.selected,
            "rejected": [
                {
                    "pk": pilot.pk,
                    "name": pilot.name,
                    "fit_score": pilot.fit_score,
                    "return_score": pilot.return_score,
                    "learning_score": pilot.learning_score,
                    "feasibility": pilot.feasibility,
                    "misses": [
                        {"criterion": m.criterion.value, "score": m.score, "threshold": m.threshold}
                        for m in missing
                    ],
                }
                for pilot, missing in result.rejected
            ],
        }
        return Response(RecommendationSerializer(data).data)
