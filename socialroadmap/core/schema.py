"""The API schema's inspector: it also documents the error answers every view gives.

drf-spectacular describes only the answers of success; a client generated from such a
schema, and the API fuzz test (tests/test_api_fuzz.py), would take a refusal for a
broken promise. The answers here are those of ``OrganizationScopedMixin`` and DRF.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """DRF's answer to a request it refuses as a whole."""

    detail = serializers.CharField(help_text="What went wrong, for people.")


INVALID = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=(
        "The request is invalid or refused by a rule of the model: each field name maps "
        "to a list of messages; `non_field_errors` and `detail` are about the whole request."
    ),
)
UNAUTHENTICATED = OpenApiResponse(
    ErrorSerializer, description="No valid token or session: send `Authorization: Bearer <token>`."
)
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Your role may not do this.")
NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description=(
        "No such object or page, or an organisation you are not a member of "
        "(an outsider cannot learn that it exists)."
    ),
)
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description=(
        "Too many requests: more than `SOCIALROADMAP_API_RATE` a minute from one person, "
        "all their tokens and their session together (1,200 by default). `Retry-After` "
        "says how many seconds to wait."
    ),
)
CONFLICT = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Someone else changed this since you read it (`version`): reload and retry.",
)


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's inspector, with 400, 401, 403, 404 and 429 where a view can
    give them."""

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:  # the view is left out of the schema
            return operation
        responses = operation["responses"]
        for code, response in self.error_responses(operation).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code)
        return operation

    def _get_paginator(self) -> Any:
        # Only a GET of a list is paged; a write that answers with a list gives all of it.
        return super()._get_paginator() if self.method == "GET" else None

    def error_responses(self, operation: dict[str, Any]) -> dict[str, OpenApiResponse]:
        """Errors this operation can answer: a write or a query can be invalid, and a path
        or a page can name nothing."""
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        errors = {"401": UNAUTHENTICATED, "403": FORBIDDEN, "429": THROTTLED}
        if self.method != "GET" or "query" in places:
            errors["400"] = INVALID
        if places & {"path", "query"}:
            errors["404"] = NOT_FOUND
        return dict(sorted(errors.items()))
