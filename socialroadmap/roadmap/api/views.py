"""API: assessments, answers, the computed result, history and the roadmap board."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from socialroadmap.accounts.models import User
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.schema import CONFLICT
from socialroadmap.engine.serialize import result_to_dict
from socialroadmap.organizations.choices import Capability
from socialroadmap.organizations.models import Membership
from socialroadmap.organizations.scoping import (
    OrganizationScopedMixin,
    get_scoped_or_404,
)
from socialroadmap.roadmap import insights, services
from socialroadmap.roadmap.api.serializers import (
    ActionPointSerializer,
    AnswersSerializer,
    AssessmentSerializer,
    HistoryPointSerializer,
    ResultSerializer,
    RoadmapItemSerializer,
)
from socialroadmap.roadmap.choices import AssessmentStatus
from socialroadmap.roadmap.models import ActionPoint, Assessment, RoadmapItem


def raise_for(error: ServiceError) -> None:
    if isinstance(error, services.ConflictError):
        exc = ValidationError({"version": [error.message]})
        exc.status_code = status.HTTP_409_CONFLICT
        raise exc
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class AssessmentViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Submitted assessments of the organisation, and the caller's own draft."""

    serializer_class = AssessmentSerializer
    write_capability = Capability.CONTRIBUTE
    queryset = Assessment.objects.none()

    def get_queryset(self) -> QuerySet[Assessment]:
        visible = self.scope(Assessment.objects.select_related("respondent"))
        return visible.filter(Q(status=AssessmentStatus.SUBMITTED) | Q(respondent=self.actor))

    @extend_schema(request=None, responses={201: AssessmentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start (or resume) the caller's draft."""
        assessment = services.start_assessment(self.organization, self.actor)
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses={200: AnswersSerializer})
    @extend_schema(methods=["PUT"], request=AnswersSerializer, responses={200: AnswersSerializer})
    @action(detail=True, methods=["get", "put"])
    def answers(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        if request.method == "PUT":
            if assessment.respondent_id != self.actor.pk:
                raise Http404
            payload = AnswersSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            try:
                services.save_answers(
                    assessment, payload.validated_data["answers"], actor=self.actor
                )
            except ServiceError as error:
                raise_for(error)
        return Response({"answers": services.answers_of(assessment)})

    @extend_schema(request=None, responses={200: AssessmentSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        if assessment.respondent_id != self.actor.pk:
            raise Http404
        try:
            assessment = services.submit_assessment(assessment, actor=self.actor)
        except ServiceError as error:
            raise_for(error)
        return Response(AssessmentSerializer(assessment).data)

    @extend_schema(responses={200: ResultSerializer})
    @action(detail=True, methods=["get"])
    def result(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        assessment = self.get_object()
        if assessment.result is not None:
            return Response(assessment.result)
        model = services.model_for(assessment)
        return Response(result_to_dict(model, services.compute_result(assessment)))

    @extend_schema(responses={200: HistoryPointSerializer(many=True)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def history(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        submitted = (
            self.scope(Assessment.objects.select_related("respondent"))
            .filter(status=AssessmentStatus.SUBMITTED)
            .order_by("submitted_at")
        )
        return Response(
            [
                {
                    "id": a.pk,
                    "submitted_at": a.submitted_at,
                    "respondent": a.respondent.email,
                    "stage": a.stage,
                    "complete": a.complete,
                    "mean_progress": round(insights.mean_progress(a), 4),
                }
                for a in submitted
            ]
        )


PROJECT_PARAMETER = OpenApiParameter(
    "project", int, OpenApiParameter.PATH, description="Project number, 1 to 13."
)


@extend_schema_view(
    retrieve=extend_schema(parameters=[PROJECT_PARAMETER]),
    update=extend_schema(
        parameters=[PROJECT_PARAMETER], responses={200: RoadmapItemSerializer, 409: CONFLICT}
    ),
    partial_update=extend_schema(
        parameters=[PROJECT_PARAMETER], responses={200: RoadmapItemSerializer, 409: CONFLICT}
    ),
)
class RoadmapItemViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The 13 projects on the board. Updates must carry the ``version`` they were read at."""

    serializer_class = RoadmapItemSerializer
    write_capability = Capability.CONTRIBUTE
    lookup_field = "project"
    queryset = RoadmapItem.objects.none()

    def get_queryset(self) -> QuerySet[RoadmapItem]:
        services.ensure_board(self.organization)
        return self.scope(
            RoadmapItem.objects.select_related("owner").prefetch_related("action_points")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            **super().get_serializer_context(),
            "language": getattr(self.request, "LANGUAGE_CODE", "en"),
        }

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        if "version" not in data:
            raise ValidationError({"version": ["send the version you read, to avoid overwriting"]})
        changes = serializer.to_changes(data)
        if "owner" in data:
            email = (data["owner"] or {}).get("email")
            owner = None
            if email:
                owner = User.objects.filter(
                    email=email.lower(),
                    pk__in=Membership.objects.for_org(self.organization).values("user"),
                ).first()
                if owner is None:
                    raise ValidationError(
                        {"owner": ["the owner must be a member of the organisation"]}
                    )
            changes["owner"] = owner
        try:
            serializer.instance = services.update_roadmap_item(
                serializer.instance, changes, actor=self.actor, expected_version=data.get("version")
            )
        except ServiceError as error:
            raise_for(error)


@extend_schema_view(
    update=extend_schema(responses={200: ActionPointSerializer, 409: CONFLICT}),
    partial_update=extend_schema(responses={200: ActionPointSerializer, 409: CONFLICT}),
)
class ActionPointViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Action points of the board; ``done`` and ``text`` changes carry ``version``."""

    serializer_class = ActionPointSerializer
    write_capability = Capability.CONTRIBUTE
    queryset = ActionPoint.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        language = getattr(self.request, "LANGUAGE_CODE", "en")
        return {**super().get_serializer_context(), "language": language}

    def get_queryset(self) -> QuerySet[ActionPoint]:
        return self.scope(ActionPoint.objects.select_related("item"))

    def perform_create(self, serializer: Any) -> None:
        project = serializer.validated_data["item"]["project"]
        services.ensure_board(self.organization)
        item = get_scoped_or_404(RoadmapItem.objects.all(), self.organization, project=project)
        try:
            serializer.instance = services.add_action_point(
                item, serializer.validated_data.get("text", ""), actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        data = serializer.validated_data
        point = serializer.instance
        version = data.get("version")
        try:
            if "text" in data:
                point = services.edit_action_point(
                    point, data["text"], actor=self.actor, expected_version=version
                )
                version = point.version if version is not None else None
            if "done" in data:
                point = services.set_action_point_done(
                    point, data["done"], actor=self.actor, expected_version=version
                )
        except ServiceError as error:
            raise_for(error)
        serializer.instance = point

    def perform_destroy(self, instance: ActionPoint) -> None:
        services.delete_action_point(instance, actor=self.actor)
