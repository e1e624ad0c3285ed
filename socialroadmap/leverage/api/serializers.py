from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from socialroadmap.core.serializers import pattern_choice
from socialroadmap.leverage.choices import Channel, SocialLink
from socialroadmap.leverage.models import MAX_COUNT, Communication
from socialroadmap.leverage.services import COMMUNICATION_FIELDS

AUDIT_FIELDS = ["created_at", "updated_at"]

ChannelField = pattern_choice(
    Channel,
    "newsletter, print_ad, tv_radio, event, press_release, website_banner, email_campaign "
    "or other.",
)
LinkField = pattern_choice(SocialLink, "hashtag, share_buttons, call_to_action or cross_posting.")


def _count() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0, max_value=MAX_COUNT, required=False, allow_null=True
    )


def _money(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        coerce_to_string=False,
        help_text=help_text,
    )


class CommunicationSerializer(serializers.ModelSerializer):
    """A communication with its outcomes; the service checks the rest with readable
    messages (a unique name, a control paired with a linked communication)."""

    channel = ChannelField(required=False)
    links = serializers.ListField(child=LinkField(), required=False)
    control_for = serializers.PrimaryKeyRelatedField(
        queryset=Communication.objects.none(),
        required=False,
        allow_null=True,
        help_text="The id of the linked communication this control is compared with.",
    )
    cost = _money("In euro.")
    revenue = _money("In euro.")
    reach = _count()
    visits = _count()
    leads = _count()
    sales = _count()

    class Meta:
        model = Communication
        fields = ["id", *COMMUNICATION_FIELDS, *AUDIT_FIELDS]
        read_only_fields = ["id", *AUDIT_FIELDS]
        validators: list[Any] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.context.get("organization")
        if organization is not None:
            control_for = cast(serializers.PrimaryKeyRelatedField, self.fields["control_for"])
            control_for.queryset = Communication.objects.for_org(organization)


# The answer of a viewset's list action, yet one object: not an array in the schema.
@extend_schema_serializer(many=False)
class LiftSerializer(serializers.Serializer):
    metric = serializers.CharField()
    per = serializers.CharField(help_text='"cost", "day" or "" (as counted).')
    method = serializers.CharField(help_text='"paired" or "two groups".')
    n_linked = serializers.IntegerField(min_value=0, max_value=1_000_000)
    n_unlinked = serializers.IntegerField(min_value=0, max_value=1_000_000)
    mean_linked = serializers.FloatField(allow_null=True)
    mean_unlinked = serializers.FloatField(allow_null=True)
    lift = serializers.FloatField(allow_null=True, help_text="Relative: 0.12 is 12% more.")
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    verdict = serializers.CharField(
        help_text='"a lift", "no lift shown", "lower" or "too few to tell".'
    )
    min_per_group = serializers.IntegerField(min_value=1, max_value=1_000)
    resamples = serializers.IntegerField(min_value=1, max_value=1_000_000)
    seed = serializers.IntegerField(min_value=0, max_value=2_147_483_647)
    sentence = serializers.CharField(help_text="The result in plain language.")
