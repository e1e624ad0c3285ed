"""API of the feedback loop: items (members read, contributors register and move them,
managers reassign and delete), their steps and routing, the figures and the targets."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.core.errors import ServiceError
from socialroadmap.feedback import figures, services
from socialroadmap.feedback.api.serializers import (
    FeedbackFiguresSerializer,
    FeedbackItemSerializer,
    FeedbackTargetSerializer,
    FeedbackTransitionSerializer,
)
from socialroadmap.feedback.choices import OPEN_STATES, FeedbackKind
from socialroadmap.feedback.models import FeedbackItem, overdue_reasons
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


FILTERS = [
    OpenApiParameter("state", str, description='A state, or "open".'),
    OpenApiParameter("kind", str),
    OpenApiParameter("department", str),
    OpenApiParameter("owner", str, description='A team member\'s id, or "none".'),
    OpenApiParameter("overdue", bool, description="Only items past a target."),
]


class FeedbackItemViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The organisation's feedback items. Members read; contributors register, edit and
    move them; conversation managers reassign and delete."""

    serializer_class = FeedbackItemSerializer
    queryset = FeedbackItem.objects.none()
    write_capability = Capability.CONTRIBUTE
    lookup_value_regex = r"\d+"

    def _allows(self, capability: Capability) -> bool:
        return self.get_membership().role_enum.allows(capability)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "org_slug" in self.kwargs and self.request.user.is_authenticated:
            context["organization"] = self.organization
            now = timezone.now()
            targets = services.targets_by_kind(self.organization)
            context["overdue"] = {
                item.pk: reasons
                for item in FeedbackItem.objects.for_org(self.organization).filter(
                    state__in=OPEN_STATES
                )
                if (reasons := overdue_reasons(item, targets.get(item.kind), now))
            }
        return context

    def get_queryset(self) -> QuerySet[Any]:
        rows = self.scope(
            FeedbackItem.objects.select_related("owner").order_by("-received_at", "-pk")
        )
        params = self.request.query_params
        if self.action != "list":
            return rows
        state = params.get("state")
        if state == "open":
            rows = rows.filter(state__in=OPEN_STATES)
        elif state:
            rows = rows.filter(state=state)
        for name in ("kind", "department"):
            if params.get(name):
                rows = rows.filter(**{name: params[name]})
        owner = params.get("owner")
        if owner == "none":
            rows = rows.filter(owner__isnull=True)
        elif owner and owner.isdigit():
            rows = rows.filter(owner_id=int(owner))
        if params.get("overdue") in ("true", "1", "yes"):
            late = self.get_serializer_context().get("overdue", {})
            rows = rows.filter(pk__in=list(late))
        return rows

    @extend_schema(parameters=FILTERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        owner = data.pop("owner", None)
        post = data.pop("post", None)
        try:
            if post is not None:
                item = services.create_item_from_post(post, actor=self.actor, **data)
            else:
                item = services.create_item(self.organization, actor=self.actor, **data)
            if owner is not None and self._allows(Capability.MANAGE):
                item = services.assign_item(item, owner, actor=self.actor)
        except ServiceError as error:
            raise_for(error)
        serializer.instance = item

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("post", None)
        item = serializer.instance
        try:
            if "owner" in data:
                owner = data.pop("owner")
                if owner != item.owner:
                    if not self._allows(Capability.MANAGE):
                        raise PermissionDenied("only a conversation manager reassigns feedback")
                    item = services.assign_item(item, owner, actor=self.actor)
            if data:
                item = services.update_item(item, data, actor=self.actor)
        except ServiceError as error:
            raise_for(error)
        serializer.instance = item

    def perform_destroy(self, instance: Any) -> None:
        if not self._allows(Capability.MANAGE):
            raise PermissionDenied("only a conversation manager deletes feedback")
        services.delete_item(instance, actor=self.actor)

    @extend_schema(request=FeedbackTransitionSerializer, responses={200: FeedbackItemSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The next step: acknowledged, action_decided (with "action"), done, or
        rejected (with "reason")."""
        item = self.get_object()
        body = FeedbackTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            item = services.transition_item(
                item,
                body.validated_data["state"],
                action=body.validated_data["action"],
                reason=body.validated_data["reason"],
                actor=self.actor,
            )
        except ServiceError as error:
            raise_for(error)
        return Response(self.get_serializer(item).data)

    @extend_schema(request=None, responses={200: FeedbackItemSerializer})
    @action(detail=True, methods=["post"])
    def route(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Let the escalation matrix choose the owner again (owner null: no rule)."""
        item = services.route_item(self.get_object(), actor=self.actor)
        return Response(self.get_serializer(item).data)


class FeedbackFiguresViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """Time to acknowledge (hours) and to action (days) per month and department over
    the last 12 months, with the targets. Members read."""

    serializer_class = FeedbackFiguresSerializer
    pagination_class = None

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        result = figures.compute(self.organization)
        return Response(FeedbackFiguresSerializer(result).data)


class FeedbackTargetsViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """The targets per kind of feedback. Members read; conversation managers replace
    them (PUT a list; a kind left out keeps its targets; null: the default)."""

    serializer_class = FeedbackTargetSerializer
    pagination_class = None
    write_capability = Capability.MANAGE

    def _current(self) -> list[dict[str, Any]]:
        targets = services.targets_by_kind(self.organization)
        return [
            {
                "kind": kind,
                "acknowledge_hours": getattr(targets.get(kind), "acknowledge_hours", None),
                "action_days": getattr(targets.get(kind), "action_days", None),
            }
            for kind in FeedbackKind.values
        ]

    @extend_schema(responses={200: FeedbackTargetSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(FeedbackTargetSerializer(self._current(), many=True).data)

    @extend_schema(
        request=FeedbackTargetSerializer(many=True),
        responses={200: FeedbackTargetSerializer(many=True)},
    )
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = FeedbackTargetSerializer(data=request.data, many=True)
        body.is_valid(raise_exception=True)
        try:
            for row in body.validated_data:
                services.set_target(
                    self.organization,
                    row["kind"],
                    acknowledge_hours=row["acknowledge_hours"],
                    action_days=row["action_days"],
                    actor=self.actor,
                )
        except ServiceError as error:
            raise_for(error)
        return Response(
            FeedbackTargetSerializer(self._current(), many=True).data, status=status.HTTP_200_OK
        )
