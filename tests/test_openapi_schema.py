"""The committed OpenAPI schema (docs/openapi.yaml) must match the code.

Regenerate it with:
    DJANGO_SETTINGS_MODULE=socialroadmap.settings django-admin spectacular --file docs/openapi.yaml
"""

from pathlib import Path

from django.core.management import call_command
from django.utils import translation

SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"


def test_the_committed_schema_is_current(tmp_path: Path) -> None:
    generated = tmp_path / "openapi.yaml"
    # Field help texts are translatable: the schema is written in English.
    with translation.override("en"):
        call_command("spectacular", file=str(generated), validate=True, fail_on_warn=True)
    assert generated.read_text() == SCHEMA.read_text(), (
        "docs/openapi.yaml is stale: regenerate it (see this test's docstring) and commit it"
    )
