from __future__ import annotations

from typing import Any

from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.registry.choices import HardwareKind, HealthKind
from socialroadmap.registry.models import Hardware, SocialAccount, Tool
from socialroadmap.registry.services import ACCOUNT_FIELDS, HARDWARE_FIELDS, TOOL_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]


HardwareKindField = pattern_choice(HardwareKind, "laptop, phone, tablet, camera or other.")
HealthKindField = pattern_choice(
    HealthKind, "no_backup_owner, no_two_factor, shared_credentials, dormant or unofficial."
)


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
