"""API of the registry: accounts, tools and hardware (members read, conversation
managers write) and the accounts' health check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.scoping import OrganizationScopedMixin
from socialroadmap.registry import services
from socialroadmap.registry.api.serializers import (
    HardwareSerializer,
    HealthWarningSerializer,
    SocialAccountSerializer,
    ToolSerializer,
)
from socialroadmap.registry.health import registry_health
from socialroadmap.registry.models import Hardware, SocialAccount, Tool


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class RegistryRowViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """A kind of registry row: members read, conversation managers write through the
    services ``create``, ``update`` and ``delete``."""

    lookup_value_regex = r"\d+"
    model: type[SocialAccount | Tool | Hardware]
    ordering: tuple[str, ...]
    create_row: Callable[..., Any]
    update_row: Callable[..., Any]
    delete_row: Callable[..., Any]

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(self.model.objects.order_by(*self.ordering))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = type(self).create_row(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = type(self).update_row(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        type(self).delete_row(instance, actor=self.actor)


class SocialAccountViewSet(RegistryRowViewSet):
    """The organisation's social media accounts. Members read; conversation managers write."""

    serializer_class = SocialAccountSerializer
    queryset = SocialAccount.objects.none()
    model = SocialAccount
    ordering = ("network", "handle")
    create_row = staticmethod(services.create_account)
    update_row = staticmethod(services.update_account)
    delete_row = staticmethod(services.delete_account)


class ToolViewSet(RegistryRowViewSet):
    """The software used for social media. Members read; conversation managers write."""

    serializer_class = ToolSerializer
    queryset = Tool.objects.none()
    model = Tool
    ordering = ("name",)
    create_row = staticmethod(services.create_tool)
    update_row = staticmethod(services.update_tool)
    delete_row = staticmethod(services.delete_tool)


class HardwareViewSet(RegistryRowViewSet):
    """The devices used for social media. Members read; conversation managers write."""

    serializer_class = HardwareSerializer
    queryset = Hardware.objects.none()
    model = Hardware
    ordering = ("name", "pk")
    create_row = staticmethod(services.create_hardware)
    update_row = staticmethod(services.update_hardware)
    delete_row = staticmethod(services.delete_hardware)


class RegistryHealthViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The accounts' health check: a to-do list of warnings. Members read."""

    serializer_class = HealthWarningSerializer
    pagination_class = None

    @extend_schema(responses={200: HealthWarningSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Warnings: no backup owner, no two-factor login, shared credentials, dormant
        accounts, and unofficial accounts seen in the listening posts."""
        warnings = registry_health(self.organization)
        return Response(HealthWarningSerializer(warnings, many=True).data)
