"""Export the demo organisation, delete it, restore it: the same rows and results."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from socialroadmap.accounts.models import User
from socialroadmap.cli import main
from socialroadmap.listening.models import ListeningQuery
from socialroadmap.organizations.models import Organization
from socialroadmap.portability.catalog import catalog
from socialroadmap.portability.export import FORMAT_VERSION, export_organization
from socialroadmap.portability.restore import RestoreError, restore_organization
from tests.portability.conftest import figures


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_demo_organisation_comes_back_with_the_same_rows_and_results(demo, tmp_path):
    before = figures(demo)
    counts = catalog().counts(demo)
    plan_links = _plan_links(demo)
    queries = list(ListeningQuery.objects.for_org(demo))
    out = tmp_path / "demo.zip"

    exported = run("export", "--org", "demo", str(out))
    assert exported.exit_code == 0, exported.output
    manifest = _check_zip(out, demo)
    assert run("org", "delete", "demo", "--yes").exit_code == 0
    assert not Organization.objects.filter(slug="demo").exists()
    # A person with no account left in this database comes back without a password.
    User.objects.filter(email="viewer@demo.socialroadmap.test").delete()
    _rewind_sequence(ListeningQuery, min(q.pk for q in queries))
    restored = run("restore", str(out))
    assert restored.exit_code == 0, restored.output
    # Keys came from the zip; the next row still gets a fresh one.
    ListeningQuery.objects.create(organization_id=demo.pk, name="after restore", query="x")

    organization = Organization.objects.get(slug="demo")
    ListeningQuery.objects.filter(name="after restore").delete()
    assert organization.pk == demo.pk
    assert catalog().counts(organization) == counts
    assert {k: v for k, v in manifest["counts"].items() if k in counts} == counts
    assert figures(organization) == before
    assert _plan_links(organization) == plan_links
    viewer = User.objects.get(email="viewer@demo.socialroadmap.test")
    assert not viewer.has_usable_password()
    assert viewer.full_name == "Luc Peeters"
    owner = User.objects.get(email="owner@demo.socialroadmap.test")
    assert owner.has_usable_password(), "an existing account keeps its password"


def _rewind_sequence(model, value: int) -> None:
    """As in a freshly migrated PostgreSQL database: the key counter behind the keys the
    restore brings."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)",
                [model._meta.db_table, value],
            )


def _plan_links(organization: Organization) -> list[tuple[int, int]]:
    """The many-to-many links of plan objectives to indicators."""
    from django.apps import apps

    objectives = catalog().rows(apps.get_model("plans.objective"), organization)
    return sorted((o.pk, i.pk) for o in objectives for i in o.indicators.all())


def _check_zip(out: Path, organization: Organization) -> dict:
    """A manifest with counts and checksums; people without passwords; no tokens."""
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
        people = json.loads(archive.read("data/accounts.user.json"))
        posts_csv = archive.read("posts.csv").decode().splitlines()
    assert names == {"manifest.json", *manifest["files"]}
    assert all(len(f["sha256"]) == 64 for f in manifest["files"].values())
    assert manifest["counts"]["listening.post"] == len(posts_csv) - 1 == 300
    assert manifest["organization"] == {"slug": "demo", "name": organization.name}
    assert {p["email"] for p in people} >= {"owner@demo.socialroadmap.test"}
    assert all(
        set(p) == {"id", "email", "full_name", "language", "is_active", "date_joined"}
        for p in people
    )
    assert "data/accounts.apitoken.json" not in names
    assert "data/organizations.invitation.json" not in names
    return manifest


def _rewrite(source: Path, target: Path, change) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))


def test_a_tampered_zip_is_refused_and_nothing_is_written(small, tmp_path):
    out, tampered = tmp_path / "demo.zip", tmp_path / "tampered.zip"
    export_organization(small, out)
    run("org", "delete", "acme", "--yes")
    _rewrite(
        out,
        tampered,
        lambda name, data: (
            data.replace(b'"name":"Brand"', b'"name":"Brandy"')
            if name == "data/listening.listeningquery.json"
            else data
        ),
    )
    result = run("restore", str(tampered))
    assert result.exit_code == 1
    assert "does not match its checksum" in result.output
    assert not Organization.objects.filter(slug="acme").exists()
    restore_organization(out)
    assert Organization.objects.filter(slug="acme").exists(), "the untouched zip restores"


def test_a_zip_from_a_newer_format_is_refused(small, tmp_path):
    out, newer = tmp_path / "demo.zip", tmp_path / "newer.zip"
    export_organization(small, out)
    run("org", "delete", "acme", "--yes")

    def bump(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["format_version"] = FORMAT_VERSION + 1
        return json.dumps(manifest).encode()

    _rewrite(out, newer, bump)
    with pytest.raises(RestoreError, match="format version 2"):
        restore_organization(newer)
    assert not Organization.objects.filter(slug="acme").exists()


def test_restoring_an_organisation_that_exists_is_refused_with_nothing_written(small, tmp_path):
    out = tmp_path / "acme.zip"
    export_organization(small, out)
    before = _all_counts()
    result = run("restore", str(out))
    assert result.exit_code == 1
    assert "'acme' exists already" in result.output
    assert _all_counts() == before


def _all_counts() -> dict[str, int]:
    from django.apps import apps

    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}
