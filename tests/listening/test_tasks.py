"""The import job in Celery (eagerly, as under the embedded default)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import transaction

import socialroadmap.connectors
from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import Post
from socialroadmap.listening.services import queue_import, start_import
from socialroadmap.listening.tasks import import_file_task
from socialroadmap.organizations.models import Organization

POSTS_CSV = Path(socialroadmap.connectors.__file__).parent / "csv/fixtures/posts.csv"


@pytest.mark.django_db(transaction=True)
def test_a_queued_import_runs_once_the_job_is_committed(org: Organization) -> None:
    with transaction.atomic():
        job = start_import(org, format="csv", filename="posts.csv", size=1, actor=None)
        queue_import(job, str(POSTS_CSV))
        assert not Post.objects.for_org(org).exists()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.imported, job.rejected) == (3, 4)


@pytest.mark.django_db
def test_the_task_skips_a_done_job_and_a_missing_one(org: Organization) -> None:
    job = start_import(org, format="csv", filename="posts.csv", size=1, actor=None)

    first = import_file_task.delay(job.pk, str(POSTS_CSV), None, None).get()
    again = import_file_task.delay(job.pk, str(POSTS_CSV), None, None).get()

    assert first["status"] == again["status"] == JobStatus.DONE
    assert again["imported"] == 3 and Post.objects.for_org(org).count() == 3
    assert import_file_task.delay(job.pk + 1000, str(POSTS_CSV)).get() == {"status": "missing"}
