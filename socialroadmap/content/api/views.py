"""API of the content calendar: channels (members read, conversation managers write),
items (contributors write ideas and drafts; approving, publishing and deleting need a
conversation manager), status changes and the coming days without content."""

from __future__ import annotations

from datetime import date
from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.content import insights, services
from socialroadmap.content.api.serializers import (
    ContentChannelSerializer,
    ContentGapsSerializer,
    ContentItemSerializer,
    ContentTransitionSerializer,
)
from socialroadmap.content.models import Channel, ContentItem
from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class ChannelViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The owned media channels. Members read; conversation managers write. The
    credential is write-only."""

    serializer_class = ContentChannelSerializer
    queryset = Channel.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(Channel.objects.order_by("name"))

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        credential = data.pop("credential", None)
        try:
            serializer.instance = services.create_channel(
                self.organization, actor=self.actor, credential=credential, **data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        credential = data.pop("credential", None)
        try:
            serializer.instance = services.update_channel(
                serializer.instance, data, actor=self.actor, credential=credential
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        services.delete_channel(instance, actor=self.actor)


def _day(request: Request, name: str) -> date | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: ["give a date as YYYY-MM-DD"]}) from None


ITEM_FILTERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="Planned or published on or after."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Planned or published on or before."),
    OpenApiParameter("channel", OpenApiTypes.INT, description="A channel's id."),
    OpenApiParameter("status", OpenApiTypes.STR, description="idea, draft, approved, ..."),
]


@extend_schema(parameters=ITEM_FILTERS)
class ContentItemViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The content items. Members read; contributors add and change ideas and drafts;
    approved and published items, and deleting, need a conversation manager."""

    serializer_class = ContentItemSerializer
    queryset = ContentItem.objects.none()
    write_capability = Capability.CONTRIBUTE
    lookup_value_regex = r"\d+"

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "organization": self.organization}

    def get_queryset(self) -> QuerySet[Any]:
        rows = self.scope(
            ContentItem.objects.select_related("metrics").order_by("planned_at", "pk")
        )
        if self.action != "list":
            return rows
        start, end = _day(self.request, "from"), _day(self.request, "to")
        if start:
            rows = rows.filter(planned_at__date__gte=start)
        if end:
            rows = rows.filter(planned_at__date__lte=end)
        channel = self.request.query_params.get("channel")
        if channel:
            if not channel.isdigit():
                raise ValidationError({"channel": ["give a channel's id"]})
            rows = rows.filter(channel_id=int(channel))
        status = self.request.query_params.get("status")
        if status:
            rows = rows.filter(status=status)
        return rows

    def _need_manager(self) -> None:
        if not self.get_membership().role_enum.allows(Capability.MANAGE):
            raise PermissionDenied("a conversation manager's call")

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_item(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        if "status" in data and data.pop("status") != serializer.instance.status:
            raise ValidationError({"status": ["change the status with /transition"]})
        if services.needs_manager(serializer.instance):
            self._need_manager()
        try:
            serializer.instance = services.update_item(serializer.instance, data, actor=self.actor)
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        self._need_manager()
        services.delete_item(instance, actor=self.actor)

    @extend_schema(request=ContentTransitionSerializer, responses={200: ContentItemSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Move the item to another status: approving needs a channel and a planned
        date, publishing needs approval; both need a conversation manager."""
        item = self.get_object()
        body = ContentTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        status = body.validated_data["status"]
        if services.needs_manager(item, status):
            self._need_manager()
        try:
            item = services.transition_item(
                item,
                status,
                actor=self.actor,
                published_url=body.validated_data.get("published_url"),
            )
        except ServiceError as error:
            raise_for(error)
        return Response(ContentItemSerializer(item, context=self.get_serializer_context()).data)


class ContentGapsViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The coming days without approved or published content. Members read."""

    serializer_class = ContentGapsSerializer
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "days", OpenApiTypes.INT, description="Days ahead (1-60); default: the setting."
            )
        ],
        responses={200: ContentGapsSerializer},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Days with nothing planned on any active channel, and each channel's longest gap."""
        days = request.query_params.get("days")
        count = None
        if days:
            if not days.isdigit() or not 1 <= int(days) <= 60:
                raise ValidationError({"days": ["give a number from 1 to 60"]})
            count = int(days)
        gaps = insights.content_gaps(self.organization, days=count)
        return Response(ContentGapsSerializer(gaps).data)
