"""Deleting an organisation removes every row of it and nothing of another."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.apps import apps
from django.db import models
from django.utils.module_loading import import_string

from socialroadmap.accounts.models import User
from socialroadmap.cli import main
from socialroadmap.core.errors import ServiceError
from socialroadmap.demo import DEMO_SEEDERS
from socialroadmap.organizations.models import Organization
from socialroadmap.organizations.services import delete_organization
from socialroadmap.portability.catalog import catalog, upload_folders

# Left out for the second organisation to keep the test quick; the demo one has them.
SLOW_SEEDERS = {"content", "feedback", "panel"}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def second(demo) -> Organization:
    """The other demo organisation, with demo data of its own."""
    organization = Organization.objects.get(slug="vandijk-fietsen")
    owner = User.objects.get(email="consultant@demo.socialroadmap.test")
    for path in DEMO_SEEDERS:
        if path.split(".")[1] not in SLOW_SEEDERS:
            import_string(path)(organization, owner)
    return organization


def _dangling(model: type[models.Model]) -> int:
    """Rows whose key points to a row that is not there."""
    count = 0
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey):
            targets = field.related_model._base_manager.values("pk")
            count += (
                model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                .exclude(**{f"{field.attname}__in": targets})
                .count()
            )
    return count


def test_deleting_the_demo_organisation_leaves_no_row_of_it_and_the_other_intact(
    demo, second, django_capture_on_commit_callbacks
):
    demo_pk = demo.pk
    kept = catalog().counts(second)
    assert sum(kept.values()) > 100
    upload = upload_folders(demo_pk)[0] / "7" / "posts.csv"
    upload.parent.mkdir(parents=True)
    upload.write_text("text\nhello\n")

    with django_capture_on_commit_callbacks(execute=True):
        result = run("org", "delete", "demo", "--yes")
    assert result.exit_code == 0, result.output

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Organization:
                refers = model._base_manager.filter(**{field.attname: demo_pk}).count()
                assert refers == 0, f"{model._meta.label}.{field.name}"
        assert _dangling(model) == 0, model._meta.label
    assert catalog().counts(second) == kept
    assert not upload_folders(demo_pk)[0].exists()
    assert User.objects.filter(email="owner@demo.socialroadmap.test").exists()


def test_without_yes_it_shows_the_counts_and_deletes_nothing(small):
    result = run("org", "delete", "acme")
    assert result.exit_code == 1
    assert "listening.listeningquery\t1" in result.output
    assert "run again with --yes" in result.output
    assert Organization.objects.filter(slug="acme").exists()


def test_only_an_owner_may_delete(small, manager):
    with pytest.raises(ServiceError, match="only an owner"):
        delete_organization(small, actor=manager.user)
    owner = User.objects.get(email="owner@acme.test")
    assert delete_organization(small, actor=owner)["listening.listeningquery"] == 1
    assert not Organization.objects.filter(slug="acme").exists()
