"""API of the centre of excellence: the team, the escalation matrix (members read,
conversation managers write) and the routing of a conversation to its rule."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from socialroadmap.core.errors import ServiceError
from socialroadmap.excellence import services
from socialroadmap.excellence.api.serializers import (
    DeletedEscalationRuleSerializer,
    DeletedTeamMemberSerializer,
    EscalationRuleSerializer,
    RouteQuerySerializer,
    RouteSerializer,
    TeamMemberSerializer,
)
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.organizations.scoping import OrganizationScopedMixin


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


@extend_schema_view(
    destroy=extend_schema(
        responses={200: DeletedTeamMemberSerializer},
        parameters=[
            OpenApiParameter(
                "hand_over_to",
                int,
                description="The team member who takes over the escalation rules naming "
                "the removed one.",
            )
        ],
    )
)
class TeamMemberViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The people of the centre of excellence. Members read; conversation managers write."""

    serializer_class = TeamMemberSerializer
    queryset = TeamMember.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[TeamMember]:
        return self.scope(TeamMember.objects.order_by("name", "pk"))

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.add_team_member(
                self.organization,
                name=data.pop("name"),
                email=data.pop("email"),
                role=data.pop("role"),
                actor=self.actor,
                **data,
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_team_member(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove the member. The escalation rules that name them go to the team member
        ``?hand_over_to=<id>``; without it, removal is refused (400) while rules name them."""
        member = self.get_object()
        successor = None
        wanted = request.query_params.get("hand_over_to")
        if wanted:
            successor = (
                self.scope(TeamMember.objects.all())
                .filter(pk=int(wanted) if wanted.isdigit() else 0)
                .first()
            )
            if successor is None:
                raise ValidationError({"hand_over_to": ["no such team member"]})
        try:
            gone = services.remove_team_member(member, actor=self.actor, hand_over_to=successor)
        except ServiceError as error:
            raise_for(error)
        return Response(gone)


@extend_schema_view(destroy=extend_schema(responses={200: DeletedEscalationRuleSerializer}))
class EscalationRuleViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The escalation matrix: one rule per kind of conversation and severity."""

    serializer_class = EscalationRuleSerializer
    queryset = EscalationRule.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[EscalationRule]:
        return self.scope(EscalationRule.objects.order_by("kind", "severity"))

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.create_escalation_rule(
                self.organization,
                kind=data.pop("kind"),
                severity=data.pop("severity"),
                responsible=data.pop("responsible"),
                respond_within_minutes=data.pop("respond_within_minutes"),
                actor=self.actor,
                **data,
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_escalation_rule(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete the rule; answers what was deleted."""
        return Response(services.delete_escalation_rule(self.get_object(), actor=self.actor))


class RouteView(OrganizationScopedMixin, APIView):
    """Who answers a conversation of this kind and severity, from the escalation matrix."""

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, required=True, description="The kind of conversation."),
            OpenApiParameter("severity", str, description="`normal` (default) or `urgent`."),
        ],
        responses={200: RouteSerializer},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = RouteQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rule = services.route_conversation(
            self.organization, query.validated_data["kind"], query.validated_data["severity"]
        )
        handler = rule.handler if rule is not None else None
        context = {"view": self, "request": request}
        return Response(
            {
                "rule": EscalationRuleSerializer(rule, context=context).data if rule else None,
                "handler": handler.pk if handler is not None else None,
            }
        )
