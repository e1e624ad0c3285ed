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
