from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.panel.choices import (
    MAX_OPTIONS,
    AnswerSource,
    QuestionKind,
    QuestionStatus,
)
from socialroadmap.panel.models import PanelAnswer, PanelMember, PanelQuestion
from socialroadmap.panel.services import DECISION_FIELDS, MEMBER_FIELDS, QUESTION_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]

KindField = pattern_choice(QuestionKind, "question, idea or concept_test.")
StatusField = pattern_choice(QuestionStatus, "draft, open, closed or decided.")
SourceField = pattern_choice(AnswerSource, "manager or member.")


class PanelMemberSerializer(serializers.ModelSerializer):
    """A panel member; ``consent`` true records consent now (by the caller), false
    withdraws it. ``is_active``: consented and not left."""

    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = PanelMember
        fields = [
            "id",
            *MEMBER_FIELDS,
            "consent",
            "consent_at",
            "consent_by",
            "is_active",
            *AUDIT_FIELDS,
        ]
        read_only_fields = ["id", "consent_at", "consent_by", *AUDIT_FIELDS]
        validators: list[Any] = []


class OptionResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(min_value=0, max_value=MAX_OPTIONS - 1)
    option = serializers.CharField()
    votes = serializers.IntegerField(min_value=0, max_value=1_000_000)
    share = serializers.FloatField(min_value=0, max_value=1)


class ResultsSerializer(serializers.Serializer):
    options = OptionResultSerializer(many=True)
    votes = serializers.IntegerField(min_value=0, max_value=1_000_000)
    answers = serializers.IntegerField(min_value=0, max_value=1_000_000)


class PanelQuestionSerializer(serializers.ModelSerializer):
    """A question; status and decision change through ``transition``."""

    kind = KindField(required=False)
    status = StatusField(read_only=True)
    options = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=MAX_OPTIONS,
        help_text="None, or 2 to 6 choices to vote on.",
    )
    results = serializers.SerializerMethodField()

    class Meta:
        model = PanelQuestion
        fields = [
            "id",
            *QUESTION_FIELDS,
            "status",
            *DECISION_FIELDS,
            "results",
            *AUDIT_FIELDS,
        ]
        read_only_fields = ["id", "status", *DECISION_FIELDS, *AUDIT_FIELDS]

    @extend_schema_field(ResultsSerializer)
    def get_results(self, question: PanelQuestion) -> dict[str, Any]:
        from socialroadmap.panel.services import results

        return dict(ResultsSerializer(results(question)).data)


class QuestionTransitionSerializer(serializers.Serializer):
    status = StatusField()
    decision = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    decided_on = serializers.DateField(required=False, allow_null=True)
    decided_by = serializers.CharField(required=False, allow_blank=True, max_length=200)
    decision_link = serializers.CharField(required=False, allow_blank=True, max_length=500)


class PanelAnswerSerializer(serializers.ModelSerializer):
    """A member's answer and vote (``choice``: the option's index); a second answer of
    the same member replaces the first."""

    member = serializers.PrimaryKeyRelatedField(queryset=PanelMember.objects.none())
    member_name = serializers.CharField(source="member.name", read_only=True)
    choice = serializers.IntegerField(
        min_value=0, max_value=MAX_OPTIONS - 1, required=False, allow_null=True
    )
    source = SourceField(read_only=True)

    class Meta:
        model = PanelAnswer
        fields = ["id", "member", "member_name", "text", "choice", "source", *AUDIT_FIELDS]
        read_only_fields = ["id", "source", *AUDIT_FIELDS]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            field = self.fields["member"]
            field.queryset = PanelMember.objects.for_org(organization)  # type: ignore[attr-defined]


class CandidateSerializer(serializers.Serializer):
    handle = serializers.CharField()
    posts = serializers.IntegerField(min_value=0, max_value=1_000_000_000)
    positive = serializers.IntegerField(min_value=0, max_value=1_000_000_000)
    positive_share = serializers.FloatField(min_value=0, max_value=1)
    engagement = serializers.IntegerField(min_value=0, max_value=10**15)
