from __future__ import annotations

from typing import Any

from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.excellence.choices import ConversationKind, Department, Severity, TeamRole
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.excellence.services import MAX_HOURS, MAX_MINUTES

TeamRoleField = pattern_choice(TeamRole, "`conversation_manager`, `coe_member` or `spoke`.")
DepartmentField = pattern_choice(Department, "The department (required for a spoke).")
ConversationKindField = pattern_choice(ConversationKind, "The kind of conversation.")
SeverityField = pattern_choice(Severity, "`normal` or `urgent`.")


class ScopedMemberField(serializers.PrimaryKeyRelatedField):
    """A team member of the organisation in the URL; others do not exist."""

    def get_queryset(self) -> Any:
        view = self.context.get("view")
        if view is None:
            return TeamMember.objects.none()
        return TeamMember.objects.for_org(view.organization)


class TeamMemberSerializer(serializers.ModelSerializer):
    role = TeamRoleField()
    department = DepartmentField(required=False, allow_blank=True)
    hours_per_week = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_HOURS
    )

    class Meta:
        model = TeamMember
        fields = [
            "id",
            "name",
            "email",
            "role",
            "department",
            "hours_per_week",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        # The service checks "already a team member with this e-mail" readably.
        validators: list[Any] = []


class DeletedTeamMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class EscalationRuleSerializer(serializers.ModelSerializer):
    kind = ConversationKindField()
    severity = SeverityField()
    responsible = ScopedMemberField(help_text="A team member's id.")
    backup = ScopedMemberField(
        allow_null=True, required=False, help_text="A team member's id; null: no backup."
    )
    respond_within_minutes = serializers.IntegerField(min_value=1, max_value=MAX_MINUTES)

    class Meta:
        model = EscalationRule
        fields = [
            "id",
            "kind",
            "severity",
            "responsible",
            "backup",
            "respond_within_minutes",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        # The service checks "already a rule for this kind and severity" readably.
        validators: list[Any] = []


class DeletedEscalationRuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    severity = serializers.CharField()


class RouteQuerySerializer(serializers.Serializer):
    kind = ConversationKindField()
    severity = SeverityField(required=False, default=Severity.NORMAL)


class RouteSerializer(serializers.Serializer):
    rule = EscalationRuleSerializer(allow_null=True, help_text="Null: no rule for this cell.")
    handler = serializers.IntegerField(
        allow_null=True,
        help_text="The team member who takes it now: the responsible person if active, "
        "else the backup if active; null: nobody.",
    )
