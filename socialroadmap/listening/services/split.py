"""Large imports split over the workers.

With workers behind a broker, the task that gets a large file (``IMPORT_SPLIT_BYTES``
and up) does not analyse it itself: ``split_import`` reads it through its connector,
which checks every row, writes parts of ``IMPORT_PART_ROWS`` rows into files beside it
and enqueues a task per part as soon as the part is written, so workers analyse and
store parts side by side while the file is still being read.

``store_part`` stores a part in one transaction: its posts and matches, its quarantined
rows, the job's counters, the rollups of its hours and its own "done" mark. A part is so
stored exactly once, whether its task is retried, delivered twice or killed half-way. A
split that stops half-way is run again by the retried task: parts already stored are
skipped, the others written and enqueued again. The job is done when its last part is
stored after the whole file was read (``finish_split_import``).
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from socialroadmap.connectors import ImportFileError, Rejected, read_file
from socialroadmap.engine.posts import Post as EnginePost
from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import ImportJob, ImportPart, QuarantinedRow
from socialroadmap.listening.services.imports import (
    CHUNK_SIZE,
    _batched,
    _finish,
    _keep_statistics,
    _mark_running,
    _opened,
    _reason,
    analyzer_for,
    refresh_rollups,
    settle_once,
    store_posts,
)

logger = logging.getLogger(__name__)


def should_split(job: ImportJob) -> bool:
    """Whether the job's file is large enough to spread over the workers (never when
    tasks run in this process, as under the embedded default)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return False
    return job.size >= settings.IMPORT_SPLIT_BYTES


def parts_folder(path: str | os.PathLike[str]) -> Path:
    """Where the parts of the file at ``path`` wait: a folder beside it, which the
    workers reach as they reach the file itself."""
    file = Path(path)
    return file.with_name(file.name + ".parts")


def split_import(
    job: ImportJob,
    path: str | os.PathLike[str],
    *,
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
    part_rows: int | None = None,
) -> ImportJob:
    """Read the job's file into parts and enqueue a task per part; returns the job.

    A done job is returned as it is; run again after a crash, parts already stored are
    skipped. A file that cannot be read marks the job failed (parts already enqueued
    are still stored, as whole parts).
    """
    from socialroadmap.core.jobs import enqueue
    from socialroadmap.listening.tasks import import_part_task

    rows_per_part = max(1, part_rows or settings.IMPORT_PART_ROWS)
    job.refresh_from_db()
    if job.status == JobStatus.DONE:
        return job
    _mark_running(job)
    organization = job.organization
    folder = parts_folder(path)
    folder.mkdir(exist_ok=True)
    stored = set(
        ImportPart.objects.for_org(organization)
        .filter(import_job=job, done=True)
        .values_list("number", flat=True)
    )
    number = 0
    first_row = 1
    analysed_at = 0
    try:
        with _opened(path, job.format) as (source, done_bytes):
            items = read_file(job.format, source, mapping, author=author)
            for number, batch in enumerate(_batched(items, rows_per_part), start=1):
                if number not in stored:
                    file = _write_part(folder, number, batch)
                    part, _created = ImportPart.objects.get_or_create(
                        organization=organization,
                        import_job=job,
                        number=number,
                        defaults={"first_line": first_row, "rows": len(batch)},
                    )
                    enqueue(import_part_task, part.pk, str(file))
                first_row += len(batch)
                read_bytes = min(done_bytes(), job.size or done_bytes())
                ImportJob.objects.filter(pk=job.pk, done_bytes__lt=read_bytes).update(
                    done_bytes=read_bytes
                )
                imported = ImportJob.objects.values_list("imported", flat=True).get(pk=job.pk)
                analysed_at = _keep_statistics(imported, analysed_at)
    except (ImportFileError, ValueError, OSError) as error:
        _fail(job, _reason(error))
        return job
    except BaseException as error:
        _fail(job, _reason(error))
        raise
    ImportJob.objects.filter(pk=job.pk).update(parts=number, done_bytes=job.size)
    return finish_split_import(job)


def store_part(part_id: int, path: str | os.PathLike[str]) -> bool:
    """Store the part ``part_id`` from its file at ``path``, all at once; False when
    it was stored already (a retried or repeated task) or its job is gone."""
    with transaction.atomic():
        part = (
            ImportPart.objects.select_for_update()
            .select_related("import_job__organization")
            .filter(pk=part_id)
            .first()
        )
        if part is None:
            return False
        if part.done:
            # A worker killed after storing the job's last part but before finishing
            # the job: its redelivered task finishes it.
            finish_split_import(part.import_job)
            return False
        job = part.import_job
        organization = job.organization
        items = _read_part(Path(path))
        posts = [item for item in items if isinstance(item, EnginePost)]
        rejected = [item for item in items if isinstance(item, Rejected)]
        analyzer = analyzer_for(organization)
        settle_once()
        imported = 0
        hours: set[datetime] = set()
        for chunk_posts in _batched(posts, CHUNK_SIZE):
            chunk = store_posts(organization, chunk_posts, job=job, analyzer=analyzer)
            imported += chunk.stored
            hours |= chunk.hours
        QuarantinedRow.objects.bulk_create(
            (
                QuarantinedRow(
                    organization=organization, import_job=job, line=r.line, reason=r.reason
                )
                for r in rejected
            ),
            ignore_conflicts=True,
        )
        refresh_rollups(organization, hours)
        ImportJob.objects.filter(pk=job.pk).update(
            read=F("read") + len(items),
            imported=F("imported") + imported,
            duplicates=F("duplicates") + len(posts) - imported,
            rejected=F("rejected") + len(rejected),
            updated_at=timezone.now(),
        )
        part.done = True
        part.save(update_fields=["done"])
    Path(path).unlink(missing_ok=True)
    finish_split_import(job)
    return True


def finish_split_import(job: ImportJob) -> ImportJob:
    """Mark a split import done once its file is read and every part is stored; the
    job as it stands."""
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.RUNNING or locked.parts == 0:
            return locked
        done = ImportPart.objects.for_org(locked.organization).filter(import_job=locked, done=True)
        if done.count() < locked.parts:
            return locked
        locked.status = JobStatus.DONE
        locked.done_bytes = max(locked.done_bytes, locked.size)
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "done_bytes", "finished_at", "updated_at"])
        logger.info("split import %s done: %s parts", locked.pk, locked.parts)
    return locked


def fail_split_import(job_id: int, reason: str) -> None:
    """Mark a split import failed (a part that could not be stored); stored parts stay."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is not None and job.status == JobStatus.RUNNING:
        _fail(job, reason)


def remove_parts(folder: str | os.PathLike[str]) -> None:
    """Remove a folder of parts (``parts_folder``) once its import has ended."""
    shutil.rmtree(folder, ignore_errors=True)


def _fail(job: ImportJob, reason: str) -> None:
    # The counters are the parts' own (F() updates): read them back before saving.
    job.refresh_from_db()
    _finish(job, JobStatus.FAILED, reason)


def _write_part(folder: Path, number: int, items: Sequence[EnginePost | Rejected]) -> Path:
    """Write a part's rows to its file in one step: a worker never reads half of one."""
    file = folder / f"{number:06d}.ndjson"
    scratch = folder / f".{number:06d}.ndjson.tmp"
    with scratch.open("wb") as out:
        for item in items:
            out.write(orjson.dumps(_part_row(item)) + b"\n")
    os.replace(scratch, file)
    return file


def _part_row(item: EnginePost | Rejected) -> dict[str, Any]:
    if isinstance(item, Rejected):
        return {"rejected": {"line": item.line, "reason": item.reason}}
    reactions = item.engagement
    row: dict[str, Any] = {
        "id": item.id,
        "text": item.text,
        "author": item.author,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "source": item.source,
        "url": item.url,
        "lang": item.lang,
        "likes": reactions.likes,
        "shares": reactions.shares,
        "replies": reactions.replies,
        "reach": reactions.reach,
    }
    return {name: value for name, value in row.items() if value is not None}


def _read_part(file: Path) -> list[EnginePost | Rejected]:
    items: list[EnginePost | Rejected] = []
    with file.open("rb") as lines:
        for line in lines:
            row = orjson.loads(line)
            if "rejected" in row:
                items.append(Rejected(row["rejected"]["line"], row["rejected"]["reason"]))
            else:
                items.append(EnginePost.from_mapping(row))
    return items
