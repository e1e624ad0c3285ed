from __future__ import annotations

from typing import Any

from rest_framework import serializers

from socialroadmap.internalscan.handles import HandleError, parse_handles
from socialroadmap.internalscan.models import Employee


class EmployeeSerializer(serializers.ModelSerializer):
    handles = serializers.ListField(
        child=serializers.CharField(max_length=120),
        required=False,
        max_length=50,
        help_text="Handles such as x:@jan, linkedin:jan-peeters or @jan (any network).",
    )
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text=(
            "Optional. Links the person to the user with the same address (stored in lower "
            "case; one person per address on a roster)."
        ),
    )
    consent_recorded_by = serializers.EmailField(
        source="consent_recorded_by.email", read_only=True, allow_null=True
    )

    class Meta:
        model = Employee
        fields = [
            "id",
            "full_name",
            "department",
            "email",
            "handles",
            "consent",
            "consent_recorded_at",
            "consent_recorded_by",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "consent_recorded_at", "created_at", "updated_at"]
        # The service checks "already on the roster" with a readable message.
        validators: list[Any] = []

    def validate_handles(self, value: list[str]) -> list[str]:
        try:
            return [str(handle) for handle in parse_handles(value)]
        except HandleError as error:
            raise serializers.ValidationError(str(error)) from error


class ConsentSerializer(serializers.Serializer):
    consent = serializers.BooleanField(help_text="Whether the person consents to the scan.")


class RosterFileSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="The roster as CSV: name, department, email, handles, consent."
    )


class RejectedRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text="Line in the file; the header is line 1.")
    field = serializers.CharField(
        help_text="The column at fault (name, department, email, handles, consent); "
        "empty when the row as a whole is refused."
    )
    reason = serializers.CharField()


class ImportSummarySerializer(serializers.Serializer):
    read = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    rejected = RejectedRowSerializer(many=True)


class RankingEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    department = serializers.CharField()
    posts = serializers.IntegerField()
    engagement = serializers.IntegerField(help_text="Likes, shares and replies.")
    reach = serializers.IntegerField()
    positive_share = serializers.FloatField(help_text="Share of positive posts, 0 to 1.")


class DepartmentSummarySerializer(serializers.Serializer):
    department = serializers.CharField()
    employees = serializers.IntegerField(help_text="Consenting employees.")
    active = serializers.IntegerField(help_text="Consenting employees with posts.")
    posts = serializers.IntegerField()


class RankingsSerializer(serializers.Serializer):
    since = serializers.DateTimeField(allow_null=True)
    until = serializers.DateTimeField(allow_null=True)
    employees = serializers.IntegerField(help_text="Consenting employees.")
    without_consent = serializers.IntegerField(help_text="Employees left out: no consent.")
    most_active = RankingEntrySerializer(many=True)
    most_engaging = RankingEntrySerializer(many=True)
    departments = DepartmentSummarySerializer(many=True)
