"""API: live sources (read by members, configured by conversation managers), fetching
one now, and the kinds of source there are. Credentials are write-only: a response
says only which are set."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.connectors.live import LIVE_SOURCES
from socialroadmap.core.errors import ServiceError
from socialroadmap.listening.api.serializers import (
    DeletedSourceSerializer,
    FetchResultSerializer,
    LiveSourceSerializer,
    SourceKindSerializer,
)
from socialroadmap.listening.models import LiveSource
from socialroadmap.listening.services.sources import (
    create_source,
    delete_source,
    fetch_source,
    update_source,
)
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def _refuse(error: ServiceError) -> ValidationError:
    return ValidationError({error.field or "non_field_errors": [error.message]})


@extend_schema_view(destroy=extend_schema(responses={200: DeletedSourceSerializer}))
class LiveSourceViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The organisation's live sources. Members read; conversation managers write and
    fetch. Credentials are never returned, only whether each is set."""

    serializer_class = LiveSourceSerializer
    queryset = LiveSource.objects.none()

    def get_queryset(self) -> QuerySet[LiveSource]:
        return self.scope(LiveSource.objects.all())

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        try:
            serializer.instance = create_source(
                self.organization,
                name=data["name"],
                kind=data["kind"],
                config=data.get("config", {}),
                secrets=data.get("secrets", {}),
                fetch_every_minutes=data.get("fetch_every_minutes", 15),
                actor=self.actor,
            )
        except ServiceError as error:
            raise _refuse(error) from None

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = update_source(
                serializer.instance, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise _refuse(error) from None

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the source; the posts it brought in stay (answered as posts_kept)."""
        return Response(asdict(delete_source(self.get_object(), actor=self.actor)))

    @extend_schema(request=None, responses={200: FetchResultSerializer})
    @action(detail=True, methods=["post"])
    def fetch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Fetch the source now, from where the last fetch stopped, and answer what it
        did. A network or credential error is answered in ``error`` (200); a paused
        source is refused (400)."""
        source = self.get_object()
        if not source.is_active:
            raise ValidationError({"is_active": ["this source is paused; activate it first"]})
        result = fetch_source(source)
        return Response(FetchResultSerializer(result).data)


class SourceKindViewSet(OrganizationScopedMixin, viewsets.ViewSet):
    """The kinds of live source (the connectors' registry): their settings, and which
    of those are credentials."""

    @extend_schema(responses={200: SourceKindSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kinds = [
            {
                "name": kind.name,
                "label": kind.label,
                "fields": [
                    {
                        "name": f.name,
                        "label": f.label,
                        "required": f.required,
                        "secret": f.secret,
                        "help": f.help,
                    }
                    for f in kind.fields
                ],
            }
            for kind in LIVE_SOURCES.values()
        ]
        return Response(kinds)
