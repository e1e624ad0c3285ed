"""API of the alerts: rules (members read, conversation managers write) and the events
they fired (members read, contributors acknowledge)."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.alerts import services
from socialroadmap.alerts.api.serializers import (
    AlertEventSerializer,
    AlertRuleSerializer,
    DeletedRuleSerializer,
)
from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


@extend_schema_view(destroy=extend_schema(responses={200: DeletedRuleSerializer}))
class AlertRuleViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The organisation's alert rules. Members read; conversation managers write."""

    serializer_class = AlertRuleSerializer
    queryset = AlertRule.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[AlertRule]:
        return self.scope(AlertRule.objects.order_by("name"))

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.create_rule(
                self.organization,
                name=data.pop("name"),
                kind=data.pop("kind"),
                actor=self.actor,
                **data,
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_rule(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the rule with its events; answers what was deleted with it."""
        return Response(services.delete_rule(self.get_object(), actor=self.actor))


class AlertEventViewSet(OrganizationScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Alerts that fired, newest first. Contributors and up acknowledge them."""

    serializer_class = AlertEventSerializer
    queryset = AlertEvent.objects.none()
    write_capability = Capability.CONTRIBUTE
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[AlertEvent]:
        return self.scope(
            AlertEvent.objects.select_related("rule", "acknowledged_by").order_by(
                "-fired_at", "-pk"
            )
        )

    @extend_schema(request=None, responses={200: AlertEventSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Mark the alert as seen (the first acknowledgement stays)."""
        event = services.acknowledge_event(self.get_object(), actor=self.actor)
        return Response(AlertEventSerializer(event, context=self.get_serializer_context()).data)
