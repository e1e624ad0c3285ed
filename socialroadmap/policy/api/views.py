"""API of the policy: its versions (members read; conversation managers write drafts,
submit and publish; owners approve or send back), acknowledgements (any member for
themselves; conversation managers for roster people) and the decision file."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin
from socialroadmap.policy import services
from socialroadmap.policy.api.serializers import (
    AcknowledgementSerializer,
    DecisionSerializer,
    PolicyVersionSerializer,
    RecordSerializer,
    ReturnSerializer,
)
from socialroadmap.policy.decisions import as_data
from socialroadmap.policy.models import Acknowledgement, PolicyVersion


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


# What each action needs beyond reading; the rest needs MANAGE.
ACTION_CAPABILITY = {
    "approve": Capability.ADMINISTER,
    "send_back": Capability.ADMINISTER,
    "acknowledge": Capability.VIEW,
}


class PolicyVersionViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The versions of the social media policy, newest first. A new draft starts as a
    copy of the latest version; only drafts change (PATCH)."""

    serializer_class = PolicyVersionSerializer
    queryset = PolicyVersion.objects.none()
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.write_capability = ACTION_CAPABILITY.get(self.action or "", Capability.MANAGE)
        super().initial(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(
            PolicyVersion.objects.select_related(
                "policy", "submitted_by", "approved_by", "published_by"
            ).order_by("-number")
        )

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_draft(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_draft(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def _step(self, act: Any) -> Response:
        version = self.get_object()
        try:
            version = act(version)
        except ServiceError as error:
            raise_for(error)
        return Response(PolicyVersionSerializer(version).data)

    @extend_schema(request=None, responses=PolicyVersionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Hand a draft to the owners for review (conversation managers)."""
        return self._step(lambda v: services.submit_version(v, actor=self.actor))

    @extend_schema(request=None, responses=PolicyVersionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Approve the version in review (owners)."""
        return self._step(lambda v: services.approve_version(v, actor=self.actor))

    @extend_schema(request=ReturnSerializer, responses=PolicyVersionSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Send the version in review back to draft with a comment (owners)."""
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = body.validated_data["comment"]
        return self._step(lambda v: services.return_version(v, comment=comment, actor=self.actor))

    @extend_schema(request=None, responses=PolicyVersionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Publish an approved version; the one published before is superseded."""
        return self._step(lambda v: services.publish_version(v, actor=self.actor))

    @extend_schema(
        request=None, responses={200: AcknowledgementSerializer, 201: AcknowledgementSerializer}
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The caller reads and accepts this version, which must be the published one;
        201 the first time, 200 when already acknowledged."""
        version = self.get_object()
        if version.status != "published":
            raise_for(ServiceError("only the published version can be acknowledged"))
        try:
            row, created = services.acknowledge(self.organization, actor=self.actor)
        except ServiceError as error:
            raise_for(error)
        return Response(
            AcknowledgementSerializer(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class AcknowledgementViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """Acknowledgements of the published version; conversation managers record them for
    people on the roster."""

    serializer_class = AcknowledgementSerializer
    queryset = Acknowledgement.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        version = services.published_version(self.organization)
        return self.scope(
            Acknowledgement.objects.filter(version=version).select_related(
                "version", "employee", "user"
            )
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Who acknowledged the published version (empty when none is published)."""
        page = self.paginate_queryset(self.get_queryset())
        if page is not None:
            return self.get_paginated_response(AcknowledgementSerializer(page, many=True).data)
        return Response(AcknowledgementSerializer(self.get_queryset(), many=True).data)

    @extend_schema(request=RecordSerializer, responses={201: AcknowledgementSerializer(many=True)})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record that roster people acknowledged the published version; people already
        recorded are skipped. Returns the new acknowledgements."""
        body = RecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            rows = services.record_acknowledgements(
                self.organization, body.validated_data["employees"], actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)
        return Response(
            AcknowledgementSerializer(rows, many=True).data, status=status.HTTP_201_CREATED
        )


class DecisionViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The decision file: the builder's questions and options, in English and Dutch."""

    serializer_class = DecisionSerializer
    pagination_class = None

    @extend_schema(responses={200: DecisionSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(DecisionSerializer(as_data(), many=True).data)
