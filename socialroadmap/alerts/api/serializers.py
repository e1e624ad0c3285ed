from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from socialroadmap.alerts.choices import AlertKind
from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.alerts.services import LIMITS
from socialroadmap.core.serializers import pattern_choice
from socialroadmap.listening.models import ListeningQuery


def limited(name: str) -> serializers.IntegerField:
    """A rule's numeric setting, with the range the service allows."""
    lowest, highest = LIMITS[name]
    field = AlertRule._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101 - the names above are model fields
    return serializers.IntegerField(
        required=False, min_value=lowest, max_value=highest, label=field.verbose_name
    )


class ScopedQueryField(serializers.PrimaryKeyRelatedField):
    """A listening query of the organisation in the URL; others do not exist."""

    def get_queryset(self) -> Any:
        view = self.context.get("view")
        if view is None:
            return ListeningQuery.objects.none()
        return ListeningQuery.objects.for_org(view.organization)


AlertKindField = pattern_choice(
    AlertKind, "`volume`: a spike in posts; `negative_share`: in the negative share."
)


class AlertRuleSerializer(serializers.ModelSerializer):
    kind = AlertKindField()
    query = ScopedQueryField(
        allow_null=True, required=False, help_text="A listening query's id; null: all posts."
    )
    threshold = serializers.FloatField(
        required=False,
        allow_null=True,
        help_text="Volume: a factor over the baseline (default 3). "
        "Negative share: percentage points over the baseline (default 20).",
    )
    recipients = serializers.ListField(
        child=serializers.EmailField(), required=False, max_length=20, help_text="E-mail addresses."
    )
    # Declared with the service's limits: the model fields' own limits depend on the
    # database (SQLite and PostgreSQL integers differ), and so would the schema.
    min_posts = limited("min_posts")
    window_hours = limited("window_hours")
    baseline_days = limited("baseline_days")
    cooldown_hours = limited("cooldown_hours")

    class Meta:
        model = AlertRule
        fields = [
            "id",
            "name",
            "query",
            "kind",
            "threshold",
            "min_posts",
            "window_hours",
            "baseline_days",
            "cooldown_hours",
            "recipients",
            "webhook_url",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        # The service checks "already a rule named …" with a readable message.
        validators: list[Any] = []


class DeletedRuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    events = serializers.IntegerField(help_text="Alert events deleted with the rule.")


class AlertEventSerializer(serializers.ModelSerializer):
    kind = AlertKindField(read_only=True)
    rule_name = serializers.CharField(source="rule.name", read_only=True)
    message = serializers.CharField(read_only=True, help_text="In the caller's language.")
    acknowledged_by = serializers.EmailField(
        source="acknowledged_by.email", read_only=True, allow_null=True
    )

    class Meta:
        model = AlertEvent
        fields = [
            "id",
            "rule",
            "rule_name",
            "kind",
            "threshold",
            "fired_at",
            "window_start",
            "window_end",
            "posts",
            "observed",
            "baseline",
            "message",
            "emailed_at",
            "email_error",
            "webhook_status",
            "webhook_at",
            "acknowledged_at",
            "acknowledged_by",
        ]
        read_only_fields = fields
