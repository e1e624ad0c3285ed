"""`socialroadmap import`: the JSON last line, rejected rows on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import socialroadmap.connectors
from socialroadmap.cli import main
from socialroadmap.cli_import import IMPORT_FORMATS
from socialroadmap.connectors import FILE_FORMATS
from socialroadmap.listening.models import ImportJob, Post
from socialroadmap.organizations.models import Organization

pytestmark = pytest.mark.django_db

CONNECTORS = Path(socialroadmap.connectors.__file__).parent
POSTS_NDJSON = CONNECTORS / "ndjson/fixtures/posts.ndjson"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def last_json(result: Result) -> dict[str, int]:
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_formats_are_those_of_the_connectors() -> None:
    assert set(IMPORT_FORMATS) == set(FILE_FORMATS)


def test_it_imports_a_file_and_ends_with_the_counts(org: Organization, tmp_path: Path) -> None:
    clean = tmp_path / "clean.ndjson"
    clean.write_text('{"id": "1", "text": "Goede koffie", "source": "x"}\n', encoding="utf-8")

    result = run("import", "--org", "acme", "--format", "ndjson", clean)

    assert result.exit_code == 0, result.stderr
    assert last_json(result) == {"read": 1, "imported": 1, "duplicates": 0, "rejected": 0}
    assert Post.objects.for_org(org).get().external_id == "1"


def test_rejected_rows_are_listed_and_exit_one(org: Organization) -> None:
    first = run("import", "--org", "acme", "--format", "ndjson", POSTS_NDJSON)
    again = run("import", "--org", "acme", "--format", "ndjson", POSTS_NDJSON)

    assert first.exit_code == 1
    assert last_json(first) == {"read": 9, "imported": 4, "duplicates": 0, "rejected": 5}
    assert first.stderr.splitlines()[1] == "line 6: missing field 'text'"
    assert [line.split(":")[0] for line in first.stderr.splitlines()] == [
        "line 5",
        "line 6",
        "line 7",
        "line 9",
        "line 10",
    ]
    assert last_json(again) == {"read": 9, "imported": 0, "duplicates": 4, "rejected": 5}


def test_a_mapping_file_names_the_columns(org: Organization, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("id: guid\ntext: content.body\nsource: network\n", encoding="utf-8")
    export = CONNECTORS / "ndjson/fixtures/listening_export.ndjson"

    result = run("import", "--org", "acme", "--format", "ndjson", "--mapping", mapping, export)

    assert last_json(result)["imported"] == 2
    assert Post.objects.for_org(org).get(external_id="bw-20240311-0001").source == "instagram"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "nope", "--format", "ndjson", "FILE"], "error: no organisation with short"),
        (["--org", "acme", "--format", "ndjson", "/no/such/file"], "error: cannot read"),
        (["--org", "acme", "--format", "facebook", "FILE"], "expected a JSON list"),
        (["--org", "acme", "--format", "ndjson", "--mapping", "BAD", "FILE"], "not valid YAML"),
        (["--org", "acme", "--format", "ndjson", "--mapping", "LIST", "FILE"], "must be an"),
        (["--org", "acme", "--format", "ndjson", "--mapping", "NOID", "FILE"], "must name"),
        (["--org", "acme", "--format", "facebook", "--mapping", "NOID", "FILE"], "no mapping"),
    ],
)
def test_unusable_input_is_one_error_line_and_exit_two(
    org: Organization, tmp_path: Path, args: list[str], message: str
) -> None:
    files = {
        "FILE": POSTS_NDJSON,
        "BAD": tmp_path / "bad.yaml",
        "LIST": tmp_path / "list.yaml",
        "NOID": tmp_path / "noid.yaml",
    }
    files["BAD"].write_text("id: [unclosed\n", encoding="utf-8")
    files["LIST"].write_text("- id\n", encoding="utf-8")
    files["NOID"].write_text("text: body\n", encoding="utf-8")

    result = run("import", *[files.get(arg, arg) for arg in args])

    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr and result.stderr.startswith("error: ")


def test_a_file_of_the_wrong_shape_leaves_a_failed_job(org: Organization) -> None:
    run("import", "--org", "acme", "--format", "facebook", POSTS_NDJSON)

    job = ImportJob.objects.for_org(org).get()
    assert job.status == "failed" and not Post.objects.for_org(org).exists()
