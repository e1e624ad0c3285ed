"""Targets of the account routes for tests/test_every_route.py."""

from __future__ import annotations

from tests.conftest import Persona

PK_KIND: dict[str, str] = {}


def targets(owner: Persona) -> dict[str, object]:
    """A reset link that is not valid: the page must say so, never fail."""
    return {"uidb64": "MQ"}
