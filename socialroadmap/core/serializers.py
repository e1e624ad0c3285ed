"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def pattern_choice(choices: type[models.TextChoices], description: str) -> Any:
    """A choice field the schema describes by a pattern, not an enum: spectacular names
    enums after the field, and several serializers have a "kind" or a "role" of their
    own (KindEnum would clash)."""

    @extend_schema_field(
        {
            "type": "string",
            "pattern": f"^({'|'.join(choices.values)})$",
            "description": description,
        }
    )
    class PatternChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(choices=choices.choices, **kwargs)

    return PatternChoiceField


class PlausibleDateTimeField(serializers.DateTimeField):
    """A date and time from 1900 on. Before it, time zones kept local mean time, with
    offsets in seconds (Brussels: +00:17:30) that an ISO 8601 answer cannot write."""

    default_error_messages = {"too_early": "Give a date from 1900 on."}

    def to_internal_value(self, value: Any) -> Any:
        moment = super().to_internal_value(value)
        if moment.year < 1900:
            self.fail("too_early")
        return moment


# For a ModelSerializer's ``serializer_field_mapping``: its model's date-times plausible.
PLAUSIBLE_DATES_MAPPING = {
    **serializers.ModelSerializer.serializer_field_mapping,
    models.DateTimeField: PlausibleDateTimeField,
}
