from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.excellence.choices import Department
from socialroadmap.excellence.models import TeamMember
from socialroadmap.pilots.choices import (
    SCORE_MAX,
    SCORE_MIN,
    Criterion,
    Decision,
    Direction,
    KpiKind,
    KpiStatus,
    PilotStatus,
)
from socialroadmap.pilots.models import Pilot, PilotKpi, PortfolioSettings
from socialroadmap.pilots.services import KPI_FIELDS, PILOT_FIELDS, THRESHOLD_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]

PilotDepartmentField = pattern_choice(Department, "The department that runs the pilot.")
PilotStatusField = pattern_choice(
    PilotStatus, "candidate, selected, running, evaluating, completed or stopped."
)
DecisionField = pattern_choice(Decision, "The retrospective's decision: continue, stop or scale.")
KpiKindField = pattern_choice(KpiKind, "intrinsic (the project), learning or change (management).")
DirectionField = pattern_choice(Direction, "higher or lower (is better).")
KpiStatusField = pattern_choice(KpiStatus, "met, not_met or not_measured.")
CriterionField = pattern_choice(Criterion, "fit, return or learning.")


def _score(help_text: str, *, required: bool = False) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=SCORE_MIN, max_value=SCORE_MAX, required=required, help_text=help_text
    )


class ScopedMemberField(serializers.PrimaryKeyRelatedField):
    """A team member of the organisation in the URL; others do not exist."""

    def get_queryset(self) -> Any:
        view = self.context.get("view")
        if view is None:
            return TeamMember.objects.none()
        return TeamMember.objects.for_org(view.organization)


class ScopedPilotField(serializers.PrimaryKeyRelatedField):
    """A pilot of the organisation in the URL; others do not exist."""

    def get_queryset(self) -> Any:
        view = self.context.get("view")
        if view is None:
            return Pilot.objects.none()
        return Pilot.objects.for_org(view.organization)


class PilotSerializer(serializers.ModelSerializer):
    department = PilotDepartmentField(required=False, allow_blank=True)
    manager = ScopedMemberField(
        required=False, allow_null=True, help_text="The accountable team member's id."
    )
    budget = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text="In euro.",
    )
    fit_score = _score("Fits the organisation, 1 to 5.")
    return_score = _score("Immediate return, 1 to 5.")
    learning_score = _score("Raises the learning curve, 1 to 5.")
    feasibility = _score("Feasibility, 1 to 5 (5: easy).")
    decision = DecisionField(required=False, allow_blank=True)
    status = PilotStatusField(read_only=True, help_text="Changed through the transition.")

    class Meta:
        model = Pilot
        fields = ["id", *PILOT_FIELDS, "status", *AUDIT_FIELDS]
        read_only_fields = ["id", "status", *AUDIT_FIELDS]
        # The service refuses a second pilot of the same name readably.
        validators: list[Any] = []


class PilotTransitionSerializer(serializers.Serializer):
    status = PilotStatusField()


class PilotKpiSerializer(serializers.ModelSerializer):
    pilot = ScopedPilotField()
    kind = KpiKindField()
    direction = DirectionField(required=False)
    baseline = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    measured = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    status = KpiStatusField(read_only=True)

    class Meta:
        model = PilotKpi
        fields = ["id", "pilot", *KPI_FIELDS, "status", *AUDIT_FIELDS]
        read_only_fields = ["id", "status", *AUDIT_FIELDS]


class PortfolioSettingsSerializer(serializers.ModelSerializer):
    fit_threshold = _score("The fit a pilot needs, 1 to 5.", required=True)
    return_threshold = _score("The immediate return a pilot needs, 1 to 5.", required=True)
    learning_threshold = _score("The learning value a pilot needs, 1 to 5.", required=True)

    class Meta:
        model = PortfolioSettings
        fields = list(THRESHOLD_FIELDS)


class RecommendedPilotSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    fit_score = _score("1 to 5.")
    return_score = _score("1 to 5.")
    learning_score = _score("1 to 5.")
    feasibility = _score("1 to 5.")


class MissSerializer(serializers.Serializer):
    criterion = CriterionField()
    score = _score("The pilot's score.")
    threshold = _score("The organisation's threshold.")


class RejectedPilotSerializer(RecommendedPilotSerializer):
    misses = MissSerializer(many=True)


# The answer of a viewset's list action, yet one object: not an array in the schema.
@extend_schema_serializer(many=False)
class RecommendationSerializer(serializers.Serializer):
    thresholds = PortfolioSettingsSerializer()
    selected = RecommendedPilotSerializer(many=True, help_text="Chosen, best first.")
    rejected = RejectedPilotSerializer(many=True, help_text="With the criteria each misses.")
