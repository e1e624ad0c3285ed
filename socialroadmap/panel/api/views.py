"""API of the sounding board: members and questions (members read, conversation
managers write), a question's answers (entered by a manager) and the candidates from
the listening posts."""

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
from socialroadmap.organizations.scoping import OrganizationScopedMixin, get_scoped_or_404
from socialroadmap.panel import services
from socialroadmap.panel.api.serializers import (
    CandidateSerializer,
    PanelAnswerSerializer,
    PanelMemberSerializer,
    PanelQuestionSerializer,
    QuestionTransitionSerializer,
)
from socialroadmap.panel.candidates import candidates
from socialroadmap.panel.choices import AnswerSource
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion


def raise_for(error: ServiceError) -> NoReturn:
    raise ValidationError({error.field or "non_field_errors": [error.message]})


class PanelMemberViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """The customers on the panel. Members read; conversation managers write. DELETE
    erases the person with their answers and votes (the right to be forgotten)."""

    serializer_class = PanelMemberSerializer
    queryset = PanelMember.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(PanelMember.objects.order_by("name", "pk"))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_member(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_member(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        services.erase_member(instance, actor=self.actor)


class PanelQuestionViewSet(OrganizationScopedMixin, viewsets.ModelViewSet):
    """Questions, ideas and concept tests put to the panel, with their results.
    Members read; conversation managers write."""

    serializer_class = PanelQuestionSerializer
    queryset = PanelQuestion.objects.none()
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(PanelQuestion.objects.order_by("-created_at", "-pk"))

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.create_question(
                self.organization, actor=self.actor, **serializer.validated_data
            )
        except ServiceError as error:
            raise_for(error)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.update_question(
                serializer.instance, serializer.validated_data, actor=self.actor
            )
        except ServiceError as error:
            raise_for(error)

    def perform_destroy(self, instance: Any) -> None:
        services.delete_question(instance, actor=self.actor)

    @extend_schema(request=QuestionTransitionSerializer, responses=PanelQuestionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """draft → open → closed → decided (a closed question may reopen); "decided"
        needs ``decision`` (and takes ``decided_on``, ``decided_by``, ``decision_link``)."""
        question = self.get_object()
        body = QuestionTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        new_status = values.pop("status")
        try:
            question = services.transition_question(
                question, new_status, actor=self.actor, **values
            )
        except ServiceError as error:
            raise_for(error)
        return Response(PanelQuestionSerializer(question).data)


class PanelAnswerViewSet(
    OrganizationScopedMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A question's answers and votes. Members read; conversation managers enter an
    answer received by e-mail or in a meeting (a second one replaces the first)."""

    serializer_class = PanelAnswerSerializer
    queryset = PanelAnswer.objects.none()

    def question(self) -> PanelQuestion:
        cached = getattr(self, "_question", None)
        if cached is None:
            cached = get_scoped_or_404(
                PanelQuestion.objects.all(), self.organization, pk=self.kwargs["question_pk"]
            )
            self._question = cached
        return cached

    def get_queryset(self) -> QuerySet[Any]:
        return self.scope(
            PanelAnswer.objects.filter(question=self.question()).select_related("member")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "org_slug" in self.kwargs and self.request.user.is_authenticated:
            context["organization"] = self.organization
        return context

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        question = self.question()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            answer = services.answer_question(
                question,
                data["member"],
                text=data.get("text", ""),
                choice=data.get("choice"),
                source=AnswerSource.MANAGER,
                actor=self.actor,
            )
        except ServiceError as error:
            raise_for(error)
        return Response(PanelAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)


class PanelCandidateViewSet(OrganizationScopedMixin, viewsets.GenericViewSet):
    """Positive, engaged authors of the last 90 days' listening posts who are not on the
    panel yet, most engagement first (at most 20). Members read."""

    serializer_class = CandidateSerializer
    pagination_class = None

    @extend_schema(responses={200: CandidateSerializer(many=True)})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(CandidateSerializer(candidates(self.organization), many=True).data)
