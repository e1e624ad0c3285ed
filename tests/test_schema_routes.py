"""The OpenAPI schema and the URL resolver name the same API: no operation of the schema
escapes the isolation checks of tests/test_every_route.py, and no API route is left out
of the schema unless it says why."""

from __future__ import annotations

import itertools
import re

import pytest
from django.urls import NoReverseMatch, Resolver404, ResolverMatch, resolve, reverse
from drf_spectacular.generators import SchemaGenerator

from tests.test_every_route import ORG_ROUTES, ROUTES

# API routes the schema leaves out, with why.
UNDOCUMENTED = {
    "schema": "the schema itself",
    "api-docs": "the Swagger UI page that shows the schema",
}
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def operations() -> list[tuple[str, str]]:
    """Every path and method of the schema, generated from the code now."""
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return [(path, method) for path, item in paths.items() for method in item if method in METHODS]


def route_of(path: str) -> ResolverMatch:
    """The route that serves a schema path: its parameters are ids (numbers) or keys."""
    for filler in ("1", "x"):
        try:
            return resolve(re.sub(r"{\w+}", filler, path))
        except Resolver404:
            continue
    raise AssertionError(f"{path} of the schema matches no route")


def allows(match: ResolverMatch, method: str) -> bool:
    actions = getattr(match.func, "actions", None)  # a viewset's: method → action
    if actions is not None:
        return method in actions
    return method in match.func.view_class.http_method_names  # type: ignore[attr-defined]


def api_path(name: str, params: tuple[str, ...]) -> str | None:
    """A path of the route ``name``, when it is one of the API's."""
    for fillers in itertools.product(("1", "x"), repeat=len(params)):
        try:
            path = reverse(name, kwargs=dict(zip(params, fillers, strict=True)))
        except NoReverseMatch:
            continue
        return path if path.startswith("/api/") else None
    return None


def test_every_operation_of_the_schema_is_a_guarded_route(
    operations: list[tuple[str, str]],
) -> None:
    routes = {name for name, _ in ROUTES}
    org_routes = {name for name, _ in ORG_ROUTES}
    assert len(operations) > 100  # the schema was generated, with the whole API
    for path, method in operations:
        match = route_of(path)
        assert match.view_name in routes, (path, "not enumerated by test_every_route")
        if "{org_slug}" in path:
            assert match.view_name in org_routes, (path, "escapes the organisation checks")
        assert allows(match, method), (method, path, "the route does not answer this method")


def test_every_api_route_is_in_the_schema_or_says_why_not(
    operations: list[tuple[str, str]],
) -> None:
    documented = {route_of(path).view_name for path, _ in operations}
    api_routes = {name for name, params in ROUTES if api_path(name, params)}
    assert api_routes - documented - set(UNDOCUMENTED) == set()
    assert set(UNDOCUMENTED) <= api_routes, "a route listed as undocumented no longer exists"
