from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.excellence.choices import Department, Severity
from socialroadmap.excellence.models import TeamMember
from socialroadmap.feedback.choices import FeedbackKind, Source, State
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.listening.models import Post

KindField = pattern_choice(
    FeedbackKind, "complaint, question, idea, crisis, press or job_question."
)
StateField = pattern_choice(State, "received, acknowledged, action_decided, done or rejected.")
SourceField = pattern_choice(Source, "listening, sounding_board, manual, email or phone.")
SeverityField = pattern_choice(Severity, "normal or urgent.")
DepartmentField = pattern_choice(Department, "A department, or empty.")

READ_ONLY = [
    "id",
    "state",
    "post_url",
    "acknowledge_within_minutes",
    "acknowledged_at",
    "action_decided_at",
    "action",
    "done_at",
    "rejected_at",
    "rejection_reason",
    "created_at",
    "updated_at",
]


class FeedbackItemSerializer(serializers.ModelSerializer):
    kind = KindField()
    severity = SeverityField(required=False)
    source = SourceField(required=False)
    department = DepartmentField(required=False, allow_blank=True)
    state = StateField(read_only=True)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=TeamMember.objects.none(),
        required=False,
        allow_null=True,
        help_text="A team member's id; set by the escalation matrix, changed by managers.",
    )
    post = serializers.PrimaryKeyRelatedField(
        queryset=Post.objects.none(), required=False, allow_null=True
    )
    # Not a CharField with a default: a default is skipped in a PATCH's answer.
    owner_name = serializers.SerializerMethodField()
    acknowledge_within_minutes = serializers.IntegerField(
        read_only=True, allow_null=True, min_value=0, max_value=10_000_000
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackItem
        fields = [
            "id",
            "kind",
            "severity",
            "title",
            "text",
            "source",
            "source_reference",
            "post",
            "post_url",
            "customer_name",
            "department",
            "owner",
            "owner_name",
            "acknowledge_within_minutes",
            "state",
            "received_at",
            "acknowledged_at",
            "action_decided_at",
            "action",
            "done_at",
            "rejected_at",
            "rejection_reason",
            "overdue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = READ_ONLY

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            self.fields["owner"].queryset = TeamMember.objects.for_org(organization)  # type: ignore[attr-defined]
            self.fields["post"].queryset = Post.objects.for_org(organization)  # type: ignore[attr-defined]

    def get_owner_name(self, item: FeedbackItem) -> str:
        """The owner's name; empty while nobody owns the item."""
        return item.owner.name if item.owner else ""

    def get_overdue(self, item: FeedbackItem) -> list[str]:
        """Which targets the item missed: "acknowledge", "action"."""
        return list(self.context.get("overdue", {}).get(item.pk, []))


class FeedbackTransitionSerializer(serializers.Serializer):
    state = StateField()
    action = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FeedbackTargetSerializer(serializers.Serializer):
    kind = KindField()
    acknowledge_hours = serializers.IntegerField(
        min_value=1, max_value=24 * 90, allow_null=True, required=False, default=None
    )
    action_days = serializers.IntegerField(
        min_value=1, max_value=365, allow_null=True, required=False, default=None
    )


class FeedbackSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, max_value=10_000_000)
    still_open = serializers.IntegerField(min_value=0, max_value=10_000_000)
    median = serializers.FloatField(allow_null=True)
    p90 = serializers.FloatField(allow_null=True)


class FeedbackFigureRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="YYYY-MM for a month, the department's code.")
    name = serializers.CharField(source="label")
    acknowledge = FeedbackSummarySerializer(help_text="Hours from received to acknowledged.")
    action = FeedbackSummarySerializer(help_text="Days from received to done.")


# The answer of a viewset's list action, yet one object: not an array in the schema.
@extend_schema_serializer(many=False)
class FeedbackFiguresSerializer(serializers.Serializer):
    months = FeedbackFigureRowSerializer(many=True)
    departments = FeedbackFigureRowSerializer(many=True)
    acknowledge_target_hours = serializers.FloatField()
    action_target_days = serializers.FloatField()
    total = serializers.IntegerField(min_value=0, max_value=10_000_000)
