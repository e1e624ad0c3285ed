from __future__ import annotations

from typing import Any

from rest_framework import serializers

from socialroadmap.roadmap.choices import ProjectStatus
from socialroadmap.roadmap.models import ActionPoint, Assessment, RoadmapItem


# Explicit integer fields: a model field's range would otherwise come from the database
# backend (SQLite and PostgreSQL differ), and so would the committed OpenAPI schema.
def _version_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=2_147_483_647, **kwargs)


class AssessmentSerializer(serializers.ModelSerializer):
    respondent = serializers.EmailField(source="respondent.email", read_only=True)
    stage = serializers.IntegerField(min_value=1, max_value=4, read_only=True, allow_null=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "respondent",
            "model_version",
            "status",
            "stage",
            "complete",
            "created_at",
            "submitted_at",
        ]
        read_only_fields = fields


class AnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Question id → option value; an empty value clears the answer.",
    )


class HistoryPointSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    respondent = serializers.EmailField()
    stage = serializers.IntegerField()
    complete = serializers.BooleanField()
    mean_progress = serializers.FloatField()


class ResultSerializer(serializers.Serializer):
    """The computed result (see docs/scoring.md)."""

    model_version = serializers.CharField()
    stage = serializers.DictField()
    complete = serializers.BooleanField()
    projects = serializers.ListField(child=serializers.DictField())
    next = serializers.ListField(child=serializers.DictField())
    risks = serializers.ListField(child=serializers.DictField())
    unanswered = serializers.ListField(child=serializers.CharField())


class ActionPointSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="item.project", min_value=1, max_value=13)
    version = _version_field(required=False)
    display_text = serializers.SerializerMethodField()

    class Meta:
        model = ActionPoint
        fields = ["id", "project", "model_id", "text", "display_text", "done", "done_at", "version"]
        read_only_fields = ["id", "model_id", "display_text", "done_at"]

    def get_display_text(self, point: ActionPoint) -> str:
        return point.display_text(self.context.get("language", "en"))


class RoadmapItemSerializer(serializers.ModelSerializer):
    owner = serializers.EmailField(source="owner.email", allow_null=True, required=False)
    action_points = ActionPointSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    project = serializers.IntegerField(min_value=1, max_value=13, read_only=True)
    version = _version_field()

    class Meta:
        model = RoadmapItem
        fields = [
            "project",
            "status",
            "owner",
            "due_date",
            "notes",
            "version",
            "action_points",
            "updated_at",
        ]
        read_only_fields = ["project", "action_points", "updated_at"]

    def to_changes(self, validated: dict[str, Any]) -> dict[str, Any]:
        changes = {k: v for k, v in validated.items() if k not in ("version", "owner")}
        if "owner" in validated:
            changes["owner"] = validated["owner"]
        return changes
