"""Background jobs of social listening.

``import_file_task`` runs an import in a worker; ``services.queue_import`` enqueues it
once the job row is committed. Large files: the import stores each chunk of posts as it
is read (its own transaction, counters included), so memory stays flat, a worker that
dies leaves whole chunks, and the retried task resumes after the last stored row.
Analysis is the costly step; to spread one file over several workers the chunks could
go through ``socialroadmap.core.analysis.run_celery`` (analysis in the workers, storing
in order here). Not built yet: one worker per file keeps up with the imports we expect.
"""

from __future__ import annotations

from collections.abc import Mapping

from celery import shared_task
from django.db import DatabaseError

from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import ImportJob
from socialroadmap.listening.services.imports import run_import


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
        job = run_import(job, path, mapping=mapping, author=author)
    return {
        "status": job.status,
        "read": job.read,
        "imported": job.imported,
        "duplicates": job.duplicates,
        "rejected": job.rejected,
        "error": job.error,
    }
