"""Background jobs of social listening.

``import_file_task`` runs an import in a worker; ``services.queue_import`` enqueues it
once the job row is committed. Large files: the import stores each chunk of posts as it
is read (its own transaction, counters included), so memory stays flat, a worker that
dies leaves whole chunks, and the retried task resumes after the last stored row.
A file of ``IMPORT_SPLIT_BYTES`` and up, with workers behind a broker, is split
instead (``services.split``): this task reads it into parts and ``import_part_task``
stores each part, on whichever worker is free, exactly once.

``fetch_due_sources`` runs every minute (``CELERY_BEAT_SCHEDULE``) and enqueues
``fetch_source_task`` for each live source that is due.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

from celery import Task, shared_task
from django.db import DatabaseError
from django.utils import timezone

from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import ImportJob, ImportPart, LiveSource
from socialroadmap.listening.services.imports import run_import
from socialroadmap.listening.services.sources import claim_due, due_sources, fetch_source
from socialroadmap.listening.services.split import (
    fail_split_import,
    parts_folder,
    remove_parts,
    should_split,
    split_import,
    store_part,
)
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)


@shared_task(
    name="listening.import_file",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def import_file_task(
    job_id: int,
    path: str,
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
) -> dict[str, object]:
    """Import the file at ``path`` for job ``job_id``; a done job is skipped, a retry
    resumes where the stored chunks end. Returns the job's status and counters."""
    # A task receives only the job's id; the job row carries its organisation.
    job = ImportJob.objects.filter(pk=job_id).select_related("organization").first()
    if job is None:
        return {"status": "missing"}
    if job.status != JobStatus.DONE:
        if job.parts or should_split(job):
            job = split_import(job, path, mapping=mapping, author=author)
            if job.status == JobStatus.RUNNING:
                return {"status": "split", "parts": job.parts}
            remove_parts(parts_folder(path))
        else:
            job = run_import(job, path, mapping=mapping, author=author)
        if job.status == JobStatus.DONE and job.imported:
            _check_alerts(job.organization)
    return {
        "status": job.status,
        "read": job.read,
        "imported": job.imported,
        "duplicates": job.duplicates,
        "rejected": job.rejected,
        "error": job.error,
    }


@shared_task(
    name="listening.import_part",
    bind=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def import_part_task(self: Task, part_id: int, path: str) -> dict[str, object]:
    """Store one part of a split import (``services.split.store_part``): all of it or
    nothing, once, however often it is delivered. The last part finishes the job."""
    try:
        stored = store_part(part_id, path)
    except Exception as error:
        retrying = isinstance(error, DatabaseError) and self.request.retries < (
            self.max_retries or 0
        )
        part = ImportPart.objects.filter(pk=part_id).values("import_job", "number").first()
        if part is not None and not retrying:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            fail_split_import(part["import_job"], f"part {part['number']}: {reason}")
        raise
    owner = ImportPart.objects.filter(pk=part_id).values("import_job")
    job = ImportJob.objects.filter(pk__in=owner).select_related("organization").first()
    if job is not None and job.status == JobStatus.DONE:
        remove_parts(Path(path).parent)
        if stored and job.imported:
            _check_alerts(job.organization)
    return {"status": "stored" if stored else "skipped", "part": part_id}


@shared_task(
    name="listening.fetch_source",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=3,
)
def fetch_source_task(source_id: int) -> dict[str, object]:
    """Fetch live source ``source_id`` from its cursor; a missing or paused source is
    skipped. Safe to retry or to deliver twice: every page is stored with its cursor,
    and posts are unique per source and id."""
    source = LiveSource.objects.filter(pk=source_id).select_related("organization").first()
    if source is None:
        return {"status": "missing"}
    if not source.is_active:
        return {"status": "inactive"}
    result = fetch_source(source)
    if result.stored:
        _check_alerts(source.organization)
    outcome = {**asdict(result), "fetched_at": result.fetched_at.isoformat()}
    return {"status": "failed" if result.error else "done", **outcome}


@shared_task(name="listening.fetch_due_sources")
def fetch_due_sources() -> dict[str, int]:
    """Enqueue a fetch of every active source that is due (run every minute by
    ``celery beat``). Each source is claimed first, so overlapping runs enqueue it
    once; one source failing does not keep the others from being fetched."""
    now = timezone.now()
    queued = failed = 0
    for source_id in list(due_sources(now).values_list("pk", flat=True)):
        if not claim_due(source_id, now):
            continue
        try:
            # Eager (the embedded default) runs it here and now; errors stay its own.
            fetch_source_task.delay(source_id)
        except Exception:
            failed += 1
            logger.exception("fetching live source %s failed", source_id)
        else:
            queued += 1
    return {"queued": queued, "failed": failed}


def _check_alerts(organization: Organization) -> None:
    """New posts may make a spike: evaluate the organisation's alert rules soon."""
    from socialroadmap.alerts.services import evaluate_organization_soon

    evaluate_organization_soon(organization)
