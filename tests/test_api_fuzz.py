"""Fuzzing of the whole API against its committed OpenAPI schema (docs/openapi.yaml).

Schemathesis generates requests for every operation of the schema, valid and invalid,
and sends them in-process to the WSGI application as the owner of organisation acme,
aimed at real objects of acme. No answer may be a 500, and every answer must be one the
schema promises: its status code, its content type, its body and its headers.

Bounded and derandomized, so that CI is deterministic; ``FUZZ_EXAMPLES=200`` runs a
longer fuzz locally (docs/api.md, "API fuzzing").
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from socialroadmap.organizations.choices import Role
from socialroadmap.organizations.services import create_organization
from tests.conftest import Persona, make_persona
from tests.test_every_route import build_targets, url_for
from tests.test_schema_routes import route_of

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))

schema = schemathesis.openapi.from_path(
    SCHEMA_FILE,
    config=SchemathesisConfig.from_dict(
        {
            # The token goes in the header below; generated credentials would only be refused.
            "generation": {"with-security-parameters": False, "deterministic": True},
            # The coverage phase sends hundreds of boundary requests per operation: too
            # many for CI. `FUZZ_COVERAGE=1` turns it on for a longer local run.
            "phases": {"coverage": {"enabled": os.environ.get("FUZZ_COVERAGE") == "1"}},
        }
    ),
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
# The application as a WSGI server runs it (socialroadmap.wsgi also refuses to start
# without production settings, which a test does not have).
application = WSGIHandler()


@dataclass
class Acme:
    """The owner who sends the requests, and the objects of acme to aim them at."""

    owner: Persona
    target: dict[str, object]


@pytest.fixture(scope="module")
def acme(django_db_setup: None, django_db_blocker: object) -> Iterator[Acme]:
    """Built once for all operations (every example rolls back what it changed), and
    removed at the end of the module."""
    with (
        django_db_blocker.unblock(),  # type: ignore[attr-defined]
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        organization = create_organization("acme", "Acme Benelux")
        owner = make_persona("owner@acme.test", organization, Role.OWNER)
        yield Acme(owner=owner, target=targets(owner))
        transaction.set_rollback(True)


def targets(owner: Persona) -> dict[str, object]:
    """The objects of tests/test_every_route.py's ``target``, and a query template's key."""
    member = make_persona("member@acme.test", owner.organization, Role.VIEWER)
    return {"key": "brand", **build_targets(owner, member)}


@pytest.fixture(scope="module")
def in_process() -> Iterator[None]:
    """Keep the test's database connection through each request, as Django's test client
    does: the handler would close it at the end of a request, inside the test's
    transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def real_path_parameters(template: str, target: dict[str, object]) -> dict[str, str]:
    """The path parameters of ``template`` (``{org_slug}``, ``{id}``…) that name real
    objects of acme: the route's name says which kind of object (as for every route)."""
    names = re.findall(r"{(\w+)}", template)
    if not names:
        return {}
    match = route_of(template)
    url = url_for(match.view_name, tuple(match.kwargs), target)
    pattern = re.escape(template)
    for name in names:
        pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>[^/]+)")
    found = re.fullmatch(pattern, url)
    assert found, (template, url)
    return found.groupdict()


@pytest.mark.usefixtures("db", "in_process")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    # The database fixtures hold across examples on purpose: each example rolls back.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_the_promises_of_its_schema(case: Case, acme: Acme) -> None:
    case.path_parameters = {
        **(case.path_parameters or {}),
        **real_path_parameters(case.operation.path, acme.target),
    }
    with transaction.atomic():  # a DELETE or a change must not spoil the next example
        response = case.call(
            app=application, headers={"Authorization": f"Bearer {acme.owner.token}"}
        )
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)
