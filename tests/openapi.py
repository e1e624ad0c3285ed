"""The API schema as the code generates it now, for tests of what it promises."""

from __future__ import annotations

import functools
from typing import Any

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

ORG = "/api/v1/organizations/{org_slug}"


@functools.cache
def generated_schema() -> dict[str, Any]:
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-any-return]


def responses(path: str, method: str) -> dict[str, Any]:
    """The documented answers of an operation, by status code."""
    return generated_schema()["paths"][path][method]["responses"]  # type: ignore[no-any-return]


def body_schema(path: str, method: str, code: str) -> dict[str, Any]:
    """The JSON schema of an answer's body, its ``$ref`` followed."""
    schema = responses(path, method)[code]["content"]["application/json"]["schema"]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = generated_schema()["components"]["schemas"][name]
    return schema  # type: ignore[no-any-return]
