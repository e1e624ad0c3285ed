from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from socialroadmap.accounts.models import User
from socialroadmap.core.departments import Department
from socialroadmap.core.serializers import pattern_choice
from socialroadmap.organizations.models import Membership
from socialroadmap.plans.choices import ObjectiveStatus, PlanStage
from socialroadmap.plans.models import DepartmentPlan, Objective
from socialroadmap.plans.services import OBJECTIVE_FIELDS, PLAN_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]

PlanDepartmentField = pattern_choice(
    Department,
    "marketing, communication, customer_service, hr, it, rnd, sales, management or other "
    "(a department of your own, with its name).",
)
PlanStageField = pattern_choice(
    PlanStage, "not_started, drafting, agreed, in_execution or evaluated."
)
PlanObjectiveStatusField = pattern_choice(ObjectiveStatus, "planned, in_progress, done or dropped.")


class PlanSerializer(serializers.ModelSerializer):
    """A department's plan; the service checks the rest with readable messages (a name
    for a department of your own only, one plan per department, the period, the owner)."""

    department = PlanDepartmentField()
    stage = PlanStageField(required=False)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        required=False,
        allow_null=True,
        help_text="The id of the plan owner, a member of the organisation.",
    )
    objectives = serializers.SerializerMethodField(help_text="The ids of the plan's objectives.")

    class Meta:
        model = DepartmentPlan
        fields = ["id", *PLAN_FIELDS, "objectives", *AUDIT_FIELDS]
        read_only_fields = ["id", "objectives", *AUDIT_FIELDS]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            owner = cast(serializers.PrimaryKeyRelatedField, self.fields["owner"])
            members = Membership.objects.for_org(organization).values("user")
            owner.queryset = User.objects.filter(pk__in=members)

    def get_objectives(self, plan: DepartmentPlan) -> list[int]:
        return [o.pk for o in plan.objectives.all()]


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class PlanIndicatorIdsField(serializers.Field):
    """The ids of the organisation's indicators linked to an objective."""

    def to_representation(self, value: Any) -> list[int]:
        return sorted(i.pk for i in value.all())

    def to_internal_value(self, data: Any) -> list[int]:
        if not isinstance(data, list):
            raise serializers.ValidationError("give a list of indicator ids")
        ids = []
        for item in data:
            if isinstance(item, bool) or not isinstance(item, int | str):
                raise serializers.ValidationError(f"{item!r} is not an indicator id")
            try:
                ids.append(int(item))
            except ValueError as error:
                raise serializers.ValidationError(f"{item!r} is not an indicator id") from error
        return ids


class PlanObjectiveSerializer(serializers.ModelSerializer):
    """A social objective of a plan, with the ids of its linked indicators (only the
    organisation's own; another organisation's id is refused)."""

    plan = serializers.PrimaryKeyRelatedField(
        queryset=DepartmentPlan.objects.none(), help_text="The id of the plan."
    )
    status = PlanObjectiveStatusField(required=False)
    indicators = PlanIndicatorIdsField(required=False)

    class Meta:
        model = Objective
        fields = ["id", "plan", *OBJECTIVE_FIELDS, "indicators", *AUDIT_FIELDS]
        read_only_fields = ["id", *AUDIT_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            plan = cast(serializers.PrimaryKeyRelatedField, self.fields["plan"])
            plan.queryset = DepartmentPlan.objects.for_org(organization)


class PlanMapRowSerializer(serializers.Serializer):
    department = serializers.CharField()
    name = serializers.CharField()
    plan = serializers.IntegerField(allow_null=True, help_text="The plan's id; null: no plan yet.")
    stage = serializers.CharField(
        help_text="not_started, drafting, agreed, in_execution or evaluated."
    )
    step = serializers.IntegerField(min_value=0, max_value=4, help_text="0 = not started … 4.")
    objectives_total = serializers.IntegerField(min_value=0)
    objectives_done = serializers.IntegerField(min_value=0)
    objectives_overdue = serializers.IntegerField(
        min_value=0, help_text="Past their due date, not done or dropped."
    )
    on_track = serializers.IntegerField(min_value=0)
    at_risk = serializers.IntegerField(min_value=0)
    off_track = serializers.IntegerField(min_value=0)
    no_data = serializers.IntegerField(min_value=0, help_text="No value or no target yet.")


# The answer of a viewset's list action, yet one object: not an array in the schema.
@extend_schema_serializer(many=False)
class PlanMapSerializer(serializers.Serializer):
    in_plan = serializers.IntegerField(
        min_value=0, help_text="Model departments whose plan is agreed or further."
    )
    of = serializers.IntegerField(min_value=0, help_text="The model departments (7).")
    departments = PlanMapRowSerializer(many=True)
