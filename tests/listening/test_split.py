"""Large imports split into parts that workers store side by side, each exactly once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import ImportJob, ImportPart, Post, PostMatch, QuarantinedRow
from socialroadmap.listening.services import split
from socialroadmap.listening.services.imports import start_import
from socialroadmap.listening.services.split import (
    parts_folder,
    should_split,
    split_import,
    store_part,
)
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona
from tests.listening.test_imports import (
    counts,
    expected_rollups,
    generated,
    import_file,
    make_query,
    rollup_rows,
)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """The part tasks ``split_import`` enqueues, kept here instead of run."""
    calls: list[tuple[int, str]] = []

    def keep(task: Any, part_id: int, path: str) -> None:
        assert task.name == "listening.import_part"
        calls.append((part_id, path))

    monkeypatch.setattr("socialroadmap.core.jobs.enqueue", keep)
    return calls


def posts_file(tmp_path: Path, count: int, *, broken_at: int | None = None) -> Path:
    lines = generated(count).getvalue().splitlines(keepends=True)
    if broken_at is not None:
        lines.insert(broken_at, b"{not json\n")
    path = tmp_path / "upload" / "posts.ndjson"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"".join(lines))
    return path


def start(organization: Organization, path: Path) -> ImportJob:
    size = path.stat().st_size
    return start_import(organization, format="ndjson", filename=path.name, size=size, actor=None)


def test_a_split_import_stores_every_part_once_in_any_order(
    org: Organization, other_org: Organization, tmp_path: Path, sent: list[tuple[int, str]]
) -> None:
    make_query(org, "Koffie", "koffie")
    make_query(other_org, "Koffie", "koffie")
    path = posts_file(tmp_path, 45, broken_at=12)
    job = split_import(start(org, path), path, part_rows=10)

    assert job.status == JobStatus.RUNNING and job.parts == 5
    assert len(sent) == 5 and all(Path(file).parent == parts_folder(path) for _, file in sent)
    assert Post.objects.for_org(org).count() == 0  # the workers store them

    for part_id, file in reversed(sent):  # workers finish in any order
        assert store_part(part_id, file) is True
        assert not Path(file).exists()

    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.error == ""
    assert counts(job) == {"read": 46, "imported": 45, "duplicates": 0, "rejected": 1}
    assert QuarantinedRow.objects.for_org(org).get().line == 13
    assert ImportPart.objects.for_org(org).filter(done=True).count() == 5
    # The same posts and rollups as the same file imported in one go.
    whole = import_file(other_org, path)
    assert counts(whole) == counts(job)
    assert Post.objects.for_org(org).count() == Post.objects.for_org(other_org).count() == 45
    assert PostMatch.objects.for_org(org).count() == PostMatch.objects.for_org(other_org).count()
    assert rollup_rows(org) == expected_rollups(org)
    assert sum(row[5] for row in rollup_rows(org) if row[1] is None) == 45


def test_a_part_delivered_twice_is_stored_once(
    org: Organization, tmp_path: Path, sent: list[tuple[int, str]]
) -> None:
    path = posts_file(tmp_path, 12)
    job = split_import(start(org, path), path, part_rows=5)
    part_id, file = sent[0]
    kept = Path(file).read_bytes()

    assert store_part(part_id, file) is True
    Path(file).write_bytes(kept)  # as if the task were delivered again
    assert store_part(part_id, file) is False

    job.refresh_from_db()
    assert counts(job) == {"read": 5, "imported": 5, "duplicates": 0, "rejected": 0}
    assert Post.objects.for_org(org).count() == 5
    assert job.status == JobStatus.RUNNING  # two parts to go


def test_a_last_part_stored_by_a_worker_killed_before_it_finished_the_job_finishes_it_again(
    org: Organization, tmp_path: Path, sent: list[tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = posts_file(tmp_path, 8)
    job = split_import(start(org, path), path, part_rows=8)
    [(part_id, file)] = sent
    kept = Path(file).read_bytes()
    # The part commits, then the worker dies before the job is marked done.
    monkeypatch.setattr(split, "finish_split_import", lambda job: job)
    assert store_part(part_id, file) is True
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING
    Path(file).write_bytes(kept)  # its task is delivered again

    assert store_part(part_id, file) is False

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert counts(job) == {"read": 8, "imported": 8, "duplicates": 0, "rejected": 0}


def test_a_part_that_fails_half_way_leaves_nothing_and_its_retry_stores_it(
    org: Organization, tmp_path: Path, sent: list[tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_query(org, "Koffie", "koffie")
    path = posts_file(tmp_path, 8)
    job = split_import(start(org, path), path, part_rows=8)
    [(part_id, file)] = sent

    def lost(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("worker lost")

    monkeypatch.setattr(split, "refresh_rollups", lost)  # after the posts, before the commit
    with pytest.raises(RuntimeError):
        store_part(part_id, file)
    assert Post.objects.for_org(org).count() == 0
    assert not ImportPart.objects.get(pk=part_id).done
    monkeypatch.undo()

    assert store_part(part_id, file) is True

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert counts(job) == {"read": 8, "imported": 8, "duplicates": 0, "rejected": 0}
    assert rollup_rows(org) == expected_rollups(org)


def test_a_split_stopped_half_way_resumes_without_gaps_or_duplicates(
    org: Organization, tmp_path: Path, sent: list[tuple[int, str]]
) -> None:
    path = posts_file(tmp_path, 30)
    job = split_import(start(org, path), path, part_rows=10)
    store_part(*sent[1])
    del sent[:]
    # The task that split the file is delivered again (its worker died, say).
    ImportJob.objects.filter(pk=job.pk).update(parts=0)

    job = split_import(job, path, part_rows=10)

    assert job.parts == 3 and len(sent) == 2  # part 2 was stored already
    for part_id, file in sent:
        store_part(part_id, file)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert counts(job) == {"read": 30, "imported": 30, "duplicates": 0, "rejected": 0}
    assert Post.objects.for_org(org).count() == 30


def test_a_file_that_cannot_be_read_fails_the_split_import(
    org: Organization, tmp_path: Path, sent: list[tuple[int, str]]
) -> None:
    path = tmp_path / "tweets.js"
    path.write_text("window.YTD.tweets.part0 = [{")
    job = start_import(org, format="x-archive", filename="tweets.js", size=10, actor=None)

    job = split_import(job, path, part_rows=10)

    assert job.status == JobStatus.FAILED and job.error
    assert sent == []


@pytest.mark.django_db
def test_only_large_files_with_workers_are_split(org: Organization) -> None:
    job = ImportJob(organization=org, format="ndjson", filename="f", size=5 * 2**20)
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        assert not should_split(job)  # the embedded default: one process does it all
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False, IMPORT_SPLIT_BYTES=4 * 2**20):
        assert should_split(job)
        job.size = 2**20
        assert not should_split(job)


def test_the_import_page_counts_the_parts_the_workers_stored(
    owner: Persona, tmp_path: Path, sent: list[tuple[int, str]]
) -> None:
    path = posts_file(tmp_path, 25)
    job = split_import(start(owner.organization, path), path, part_rows=10)
    store_part(*sent[0])
    url = reverse("listening:import", args=[owner.organization.slug, job.pk])

    page = owner.client().get(url).content.decode()

    assert "1 of 3 parts stored" in page
    assert 'hx-trigger="every 2s"' in page  # still running: the page keeps polling
