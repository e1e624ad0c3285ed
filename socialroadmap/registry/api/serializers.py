from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from socialroadmap.registry.choices import HardwareKind, HealthKind
from socialroadmap.registry.models import Hardware, SocialAccount, Tool
from socialroadmap.registry.services import ACCOUNT_FIELDS, HARDWARE_FIELDS, TOOL_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]


def described_as_pattern(choices: type[models.TextChoices], description: str) -> Any:
    """Describe a choice field as a pattern, not an enum: spectacular names enums by
    field, and listening's "kind" already owns the name KindEnum."""
    return extend_schema_field(
        {
            "type": "string",
            "pattern": f"^({'|'.join(choices.values)})$",
            "description": description,
        }
    )


@described_as_pattern(HardwareKind, "laptop, phone, tablet, camera or other.")
class HardwareKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=HardwareKind.choices, **kwargs)


@described_as_pattern(
    HealthKind, "no_backup_owner, no_two_factor, shared_credentials, dormant or unofficial."
)
class HealthKindField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=HealthKind.choices, **kwargs)


class RegistrySerializer(serializers.ModelSerializer):
    """A registry row; the service checks "already registered" with a readable message."""

    class Meta:
        read_only_fields = ["id", *AUDIT_FIELDS]
        validators: list[Any] = []


class SocialAccountSerializer(RegistrySerializer):
    class Meta(RegistrySerializer.Meta):
        model = SocialAccount
        fields = ["id", *ACCOUNT_FIELDS, *AUDIT_FIELDS]


class ToolSerializer(RegistrySerializer):
    # Bounds of its own: the model field's range differs between SQLite and PostgreSQL,
    # and the schema must not depend on the database.
    licences = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True
    )

    class Meta(RegistrySerializer.Meta):
        model = Tool
        fields = ["id", *TOOL_FIELDS, *AUDIT_FIELDS]


class HardwareSerializer(RegistrySerializer):
    kind = HardwareKindField(required=False)

    class Meta(RegistrySerializer.Meta):
        model = Hardware
        fields = ["id", *HARDWARE_FIELDS, *AUDIT_FIELDS]


class HealthWarningSerializer(serializers.Serializer):
    kind = HealthKindField()
    account = serializers.IntegerField(
        source="account.pk",
        allow_null=True,
        help_text="The registered account's id; null for an unofficial account.",
    )
    network = serializers.CharField()
    handle = serializers.CharField()
    message = serializers.CharField(help_text="In the caller's language.")
    fix = serializers.CharField(help_text="How to fix it, in the caller's language.")
