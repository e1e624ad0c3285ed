"""Objects of acme's indicators app for tests/test_every_route.py (filled as the app grows)."""

from __future__ import annotations

from tests.conftest import Persona

PK_KIND: dict[str, str] = {}


def targets(owner: Persona) -> dict[str, object]:
    return {}
