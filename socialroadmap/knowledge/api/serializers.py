from __future__ import annotations

from typing import Any, cast

from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.internalscan.models import Employee
from socialroadmap.knowledge.choices import CompletionSource
from socialroadmap.knowledge.models import Completion, Module, Question
from socialroadmap.knowledge.services import MODULE_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]

SourceField = pattern_choice(CompletionSource, "manager, quiz or import.")


class QuestionSerializer(serializers.ModelSerializer):
    """A quiz question without its right answer: members read the API too."""

    class Meta:
        model = Question
        fields = ["id", "text", "options", "position"]
        read_only_fields = fields


class ModuleSerializer(serializers.ModelSerializer):
    """A module; the service checks the title's uniqueness with a readable message."""

    level = serializers.IntegerField(min_value=1, max_value=3, required=False)
    duration_minutes = serializers.IntegerField(
        min_value=1, max_value=10_000, required=False, allow_null=True
    )
    due_days = serializers.IntegerField(
        min_value=1, max_value=3650, required=False, allow_null=True
    )
    pass_mark = serializers.IntegerField(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    departments = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        help_text="Departments of the roster that must take a compulsory module; empty: everybody.",
    )
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Module
        fields = ["id", *MODULE_FIELDS, "questions", *AUDIT_FIELDS]
        read_only_fields = ["id", "questions", *AUDIT_FIELDS]
        validators: list[Any] = []


class CompletionSerializer(serializers.ModelSerializer):
    module = serializers.PrimaryKeyRelatedField(queryset=Module.objects.none())
    employee = serializers.PrimaryKeyRelatedField(
        queryset=Employee.objects.none(), help_text="The person's id on the internal scan's roster."
    )
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    department = serializers.CharField(source="employee.department", read_only=True)
    score = serializers.IntegerField(min_value=0, max_value=100, required=False, allow_null=True)
    source = SourceField(read_only=True)

    class Meta:
        model = Completion
        fields = [
            "id",
            "module",
            "employee",
            "employee_name",
            "department",
            "completed_on",
            "score",
            "source",
            *AUDIT_FIELDS,
        ]
        read_only_fields = ["id", "source", *AUDIT_FIELDS]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            module = cast(serializers.PrimaryKeyRelatedField, self.fields["module"])
            module.queryset = Module.objects.for_org(organization)
            employee = cast(serializers.PrimaryKeyRelatedField, self.fields["employee"])
            employee.queryset = Employee.objects.for_org(organization)


class CoverageCellSerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=3)
    must_take = serializers.IntegerField(min_value=0, max_value=1_000_000, source="required")
    completed = serializers.IntegerField(min_value=0, max_value=1_000_000, source="done")
    share = serializers.FloatField(
        allow_null=True, help_text="completed / must_take; null when nobody must take the level."
    )


class CoverageRowSerializer(serializers.Serializer):
    department = serializers.CharField(
        help_text='As spelled on the roster; "" for the whole organisation or no department.'
    )
    whole_organisation = serializers.BooleanField()
    people = serializers.IntegerField(min_value=0, max_value=1_000_000)
    levels = CoverageCellSerializer(many=True)
