from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from socialroadmap.content.choices import ChannelKind, ItemStatus, ItemType
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from socialroadmap.content.services import CHANNEL_FIELDS, ITEM_FIELDS, MAX_METRIC
from socialroadmap.core.serializers import PLAUSIBLE_DATES_MAPPING, pattern_choice
from socialroadmap.excellence.choices import Department

AUDIT_FIELDS = ["created_at", "updated_at"]

ChannelKindField = pattern_choice(
    ChannelKind,
    "website, newsletter, instagram, facebook, linkedin, x, tiktok, youtube, mastodon, "
    "bluesky or other.",
)
ItemTypeField = pattern_choice(ItemType, "always_on or campaign.")
ItemStatusField = pattern_choice(ItemStatus, "idea, draft, approved, published or cancelled.")
DepartmentField = pattern_choice(Department, "A department of the roster, or empty.")


class ContentChannelSerializer(serializers.ModelSerializer):
    kind = ChannelKindField(required=False)
    credential = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        help_text="Mastodon access token or Bluesky app password, or env:NAME; never returned.",
    )
    credential_stored = serializers.SerializerMethodField()

    class Meta:
        model = Channel
        fields = ["id", *CHANNEL_FIELDS, "credential", "credential_stored", *AUDIT_FIELDS]
        read_only_fields = ["id", *AUDIT_FIELDS]
        validators: list[Any] = []

    def get_credential_stored(self, channel: Channel) -> bool:
        return bool(channel.credential)


class ContentMetricsSerializer(serializers.ModelSerializer):
    class Meta:
        model = ItemMetrics
        fields = ["reach", "impressions", "clicks", "likes", "shares", "comments", "measured_at"]
        extra_kwargs = {
            name: {"min_value": 0, "max_value": MAX_METRIC}
            for name in ("reach", "impressions", "clicks", "likes", "shares", "comments")
        }


class ContentItemSerializer(serializers.ModelSerializer):
    channel = serializers.PrimaryKeyRelatedField(
        queryset=Channel.objects.all(), required=False, allow_null=True
    )
    item_type = ItemTypeField(required=False)
    department = DepartmentField(required=False, allow_blank=True)
    status = ItemStatusField(
        required=False, help_text="On creation: idea or draft. Change it with /transition."
    )
    metrics = ContentMetricsSerializer(read_only=True, allow_null=True)
    serializer_field_mapping = PLAUSIBLE_DATES_MAPPING

    class Meta:
        model = ContentItem
        fields = [
            "id",
            *ITEM_FIELDS,
            "status",
            "published_at",
            "approved_at",
            "publish_error",
            "metrics",
            *AUDIT_FIELDS,
        ]
        read_only_fields = ["id", "published_at", "approved_at", "publish_error", *AUDIT_FIELDS]

    def validate_channel(self, channel: Channel | None) -> Channel | None:
        organization = self.context["organization"]
        if channel is not None and channel.organization_id != organization.pk:
            raise serializers.ValidationError("no such channel")
        return channel


class ContentTransitionSerializer(serializers.Serializer):
    status = ItemStatusField()
    published_url = serializers.URLField(required=False, allow_blank=True, max_length=500)


class ContentChannelGapSerializer(serializers.Serializer):
    channel = serializers.IntegerField(source="channel.pk")
    name = serializers.CharField(source="channel.name")
    gap_start = serializers.DateField(source="gap.start", allow_null=True, default=None)
    gap_days = serializers.IntegerField(
        source="gap.length", allow_null=True, default=None, min_value=0, max_value=60
    )


# The answer of a viewset's list action, yet one object: not an array in the schema.
@extend_schema_serializer(many=False)
class ContentGapsSerializer(serializers.Serializer):
    start = serializers.DateField()
    days = serializers.IntegerField(min_value=1, max_value=60)
    empty = serializers.ListField(child=serializers.DateField())
    channels = ContentChannelGapSerializer(many=True)
