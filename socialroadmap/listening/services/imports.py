"""Imports of post files, the matches of listening queries, and the hourly rollups.

An import streams its file through the connectors in chunks: each chunk is analysed by
the engine and stored in its own transaction together with the job's counters, so a
crash leaves whole chunks and a retry of the job resumes after the last stored row.
Posts are unique per organisation on (source, external id): importing a file again adds
nothing and counts its posts as duplicates. Dashboards read ``Rollup`` rows, rebuilt
here for each hour that an import, a query change or a deletion touched.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar

from django.db import connection, models, transaction
from django.db.models import BigIntegerField, Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncHour
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.connectors import ImportFileError, Rejected, read_file
from socialroadmap.core.errors import ServiceError
from socialroadmap.engine.pipeline import Analyzer, settle
from socialroadmap.engine.posts import Post as EnginePost
from socialroadmap.engine.query import QueryError, parse
from socialroadmap.listening.choices import ImportFormat, JobStatus
from socialroadmap.listening.figures import changed
from socialroadmap.listening.models import (
    ImportJob,
    ListeningQuery,
    Post,
    PostMatch,
    QuarantinedRow,
    Rollup,
)
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)

CHUNK_SIZE = 2000
# Hours rebuilt per aggregation query: keeps the statement's parameters well below
# SQLite's limit while a long import touches thousands of hours.
HOURS_PER_QUERY = 200
# Formats whose connector needs the file's path (the X archive reads account.js beside
# tweets.js); the others are read from a stream that counts the bytes for progress.
_NEEDS_PATH = {ImportFormat.X_ARCHIVE.value}
_COUNTERS = ["read", "imported", "duplicates", "rejected", "done_bytes"]
_MAX_ID = Post._meta.get_field("external_id").max_length or 200

Key = tuple[str, str]
T = TypeVar("T")


@dataclass(frozen=True)
class DeletedImport:
    """What ``delete_import`` removed, for a confirmation message."""

    posts: int
    matches: int
    quarantined: int


def start_import(
    organization: Organization, *, format: str, filename: str, size: int, actor: User | None
) -> ImportJob:
    """A queued import job of ``filename`` (``size`` bytes) in ``format``."""
    if format not in ImportFormat.values:
        known = ", ".join(ImportFormat.values)
        raise ServiceError(f"unknown file format '{format}' (choose {known})", field="format")
    job = ImportJob(
        organization=organization,
        format=format,
        filename=os.path.basename(filename)[:255],
        size=max(size, 0),
    )
    job.stamp(actor)
    job.save()
    return job


def run_import(
    job: ImportJob,
    stream_or_path: str | os.PathLike[str] | IO[bytes],
    *,
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
    progress: Callable[[ImportJob], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> ImportJob:
    """Read, analyse and store the job's file chunk by chunk; returns the finished job.

    A done job is returned as it is. A job that stopped half-way (a crash, a retried
    task) resumes after the rows its stored chunks counted, so every post ends up
    stored once. A file that cannot be read marks the job failed with the reason; any
    other error marks it failed too and is raised again, for the caller to retry.
    """
    job.refresh_from_db(fields=[*_COUNTERS, "status"])  # resume from what was stored
    if job.status == JobStatus.DONE:
        return job
    # A worker killed half-way stored chunks without refreshing their hours' rollups.
    hours = (
        _hours_of(Post.objects.for_org(job.organization).filter(import_job=job))
        if job.read
        else set()
    )
    _mark_running(job)
    analyzer = analyzer_for(job.organization)
    settle_once()
    writer = _ChunkWriter(job, progress) if _can_overlap() else None
    try:
        with _opened(stream_or_path, job.format) as (source, done_bytes):
            items = read_file(job.format, source, mapping, author=author)
            analysed_at = 0
            for chunk in _batched(itertools.islice(items, job.read, None), chunk_size):
                prepared = _prepare_chunk(job, chunk, analyzer, done_bytes())
                if writer is not None:
                    writer.put(prepared)
                else:
                    hours |= _write_chunk(job, prepared)
                    if progress is not None:
                        progress(job)
                analysed_at = _keep_statistics(job.imported, analysed_at)
        if writer is not None:
            hours |= writer.close()
    except BaseException as error:
        cause = error
        if writer is not None:
            hours |= writer.close(raising=False)
            cause = writer.error or error  # a failed store stopped the reading
        _finish(job, JobStatus.FAILED, _reason(cause))
        if isinstance(cause, ImportFileError | ValueError | OSError):
            pass  # the file's fault: the job says why
        elif cause is error:
            raise
        else:
            raise cause from error
    else:
        job.done_bytes = max(job.done_bytes, job.size)
        _finish(job, JobStatus.DONE)
    finally:
        refresh_rollups(job.organization, hours)
    return job


def queue_import(
    job: ImportJob,
    path: str,
    *,
    mapping: Mapping[str, str | None] | None = None,
    author: str | None = None,
) -> None:
    """Run the import of the file at ``path`` in a worker once the transaction commits."""
    from socialroadmap.core.jobs import enqueue
    from socialroadmap.listening.tasks import import_file_task

    enqueue(import_file_task, job.pk, str(path), dict(mapping) if mapping else None, author)


@transaction.atomic
def delete_import(job: ImportJob, actor: User | None) -> DeletedImport:
    """Delete the import with its posts (and so their matches) and quarantined rows."""
    organization = job.organization
    locked = ImportJob.objects.for_org(organization).select_for_update().get(pk=job.pk)
    if locked.status == JobStatus.RUNNING:
        raise ServiceError("this import is still running; delete it once it has finished")
    posts = Post.objects.for_org(organization).filter(import_job=locked)
    hours = _hours_of(posts)
    deleted = DeletedImport(
        posts=posts.count(),
        matches=PostMatch.objects.for_org(organization).filter(post__import_job=locked).count(),
        quarantined=QuarantinedRow.objects.for_org(organization).filter(import_job=locked).count(),
    )
    posts.delete()
    locked.delete()
    refresh_rollups(organization, hours)
    logger.info("import %s deleted by %s: %s", job.pk, getattr(actor, "pk", None), deleted)
    return deleted


def rematch_query(query: ListeningQuery, *, chunk_size: int = CHUNK_SIZE) -> int:
    """Recompute which stored posts ``query`` matches and the rollups of the hours that
    changed; returns its number of matches. An inactive query keeps no matches."""
    organization = query.organization
    analyzer = None
    if query.is_active:
        try:
            analyzer = Analyzer([(str(query.pk), query.query)])
        except QueryError as error:
            raise ServiceError(str(error), field="query") from None
    hours: set[datetime] = set()
    last = 0
    while True:
        rows = list(
            Post.objects.for_org(organization)
            .filter(pk__gt=last)
            .order_by("pk")
            .values("pk", "external_id", "text", "lang", "source", "author", "url")
            .annotate(moment=_moment())[:chunk_size]
        )
        if not rows:
            break
        last = rows[-1]["pk"]
        hours |= _rematch_chunk(query, rows, analyzer)
    refresh_rollups(organization, hours)
    return PostMatch.objects.for_org(organization).filter(query=query).count()


@transaction.atomic
def refresh_rollups(organization: Organization, hours: Iterable[datetime]) -> None:
    """Rebuild the rollups of ``hours`` (any time in the hour; naive means UTC) from the
    organisation's posts and matches."""
    wanted = sorted({_hour(moment) for moment in hours})
    if not wanted:
        return
    # One rebuild at a time per organisation (the workers of a split import, a live
    # fetch): two at once could each miss the other's rows and store an hour twice.
    list(Organization.objects.select_for_update().filter(pk=organization.pk).values("pk"))
    for batch in _batched(wanted, HOURS_PER_QUERY):
        Rollup.objects.for_org(organization).filter(period__in=batch).delete()
        _insert(Rollup, _ROLLUP_FIELDS, list(_rollups(organization, batch)))
    changed(organization)


# --- the steps of an import ------------------------------------------------------------


class _CountingStream:
    """A binary stream handed to a connector, counting the bytes it has read."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.read_bytes = 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self._stream:
            self.read_bytes += len(line)
            yield line

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        line = self._stream.readline(size)
        self.read_bytes += len(line)
        return line


@contextmanager
def _opened(
    stream_or_path: str | os.PathLike[str] | IO[bytes], format: str
) -> Iterator[tuple[Any, Callable[[], int]]]:
    """What to hand to ``read_file``, and how many bytes of it were read so far."""
    if not isinstance(stream_or_path, str | os.PathLike):
        counting = _CountingStream(stream_or_path)
        yield counting, lambda: counting.read_bytes
    elif format in _NEEDS_PATH:
        yield Path(stream_or_path), lambda: 0
    else:
        with open(stream_or_path, "rb") as stream:
            counting = _CountingStream(stream)
            yield counting, lambda: counting.read_bytes


def _mark_running(job: ImportJob) -> None:
    job.status = JobStatus.RUNNING
    job.error = ""
    job.started_at = job.started_at or timezone.now()
    job.finished_at = None
    job.save(update_fields=["status", "error", "started_at", "finished_at", "updated_at"])


def _finish(job: ImportJob, status: str, error: str = "") -> None:
    if status == JobStatus.FAILED:
        # The failed chunk was rolled back: the counters are those of the stored chunks.
        job.refresh_from_db(fields=_COUNTERS)
    job.status = status
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=[*_COUNTERS, "status", "error", "finished_at", "updated_at"])


def _reason(error: BaseException) -> str:
    text = _clean(str(error)).strip()
    return text.splitlines()[0] if text else type(error).__name__


_settled = False


def settle_once() -> None:
    """``engine.pipeline.settle`` once per process, once the engine's models are loaded:
    the many small objects of an import otherwise make every full garbage collection
    walk the models again (an import of 100,000 posts took 10 % longer)."""
    global _settled
    if not _settled:
        _settled = True
        settle()


def analyzer_for(organization: Organization) -> Analyzer:
    """One analyser for the organisation's active queries, named by their ids."""
    queries = []
    for pk, text in (
        ListeningQuery.objects.for_org(organization)
        .filter(is_active=True)
        .values_list("pk", "query")
    ):
        try:
            parse(text)
        except QueryError:
            logger.warning("listening query %s does not parse; it is left out", pk)
            continue
        queries.append((str(pk), text))
    return Analyzer(queries)


@dataclass(frozen=True)
class _Prepared:
    """Posts analysed and ready to store: those not stored yet (``fresh``) with their
    outcomes; ``given`` posts in all."""

    given: int
    fresh: list[_Row]
    outcomes: list[dict[str, Any]]


@dataclass(frozen=True)
class _PreparedChunk:
    """A chunk of an import, analysed: its posts, its rejected rows, how many rows it
    had and how far into the file it ends."""

    rows: int
    posts: _Prepared
    rejected: list[Rejected]
    read_bytes: int


def _prepare_chunk(
    job: ImportJob, items: Sequence[EnginePost | Rejected], analyzer: Analyzer, read_bytes: int
) -> _PreparedChunk:
    rejected = [item for item in items if isinstance(item, Rejected)]
    posts = [item for item in items if not isinstance(item, Rejected)]
    prepared = _prepare(job.organization, posts, job=job, analyzer=analyzer)
    return _PreparedChunk(len(items), prepared, rejected, read_bytes)


def _write_chunk(job: ImportJob, chunk: _PreparedChunk) -> set[datetime]:
    """Store one chunk's new posts, matches and rejected rows with the job's counters,
    all or nothing; returns the hours of the posts it stored."""
    organization = job.organization
    with transaction.atomic():
        stored = _write(organization, job, chunk.posts)
        QuarantinedRow.objects.bulk_create(
            (
                QuarantinedRow(
                    organization=organization,
                    import_job=job,
                    line=r.line,
                    reason=_clean(r.reason),
                )
                for r in chunk.rejected
            ),
            ignore_conflicts=True,
        )
        job.read += chunk.rows
        job.imported += stored.stored
        job.duplicates += stored.duplicates
        job.rejected += len(chunk.rejected)
        job.done_bytes = max(job.done_bytes, min(chunk.read_bytes, job.size or chunk.read_bytes))
        job.save(update_fields=[*_COUNTERS, "updated_at"])
    return set(stored.hours)


def _can_overlap() -> bool:
    """Whether an import may store chunks in a thread of its own while it analyses the
    next: on PostgreSQL (the server works on the inserts while this process analyses),
    outside a transaction (another thread has its own connection, which sees only
    what is committed)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block


class _ChunkWriter:
    """Stores an import's analysed chunks, in order, in a thread with its own database
    connection, at most one chunk behind the analysis (memory stays flat). The first
    error stops the storing; ``put`` and ``close`` raise it."""

    def __init__(self, job: ImportJob, progress: Callable[[ImportJob], None] | None) -> None:
        self._job = job
        self._progress = progress
        self._queue: queue.Queue[_PreparedChunk | None] = queue.Queue(maxsize=1)
        self._hours: set[datetime] = set()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=f"import-{job.pk}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (chunk := self._queue.get()) is not None:
                if self.error is not None:
                    continue  # drain what is sent until close() says stop
                try:
                    self._hours |= _write_chunk(self._job, chunk)
                    if self._progress is not None:
                        self._progress(self._job)
                except BaseException as error:  # handed to the importing thread
                    self.error = error
        finally:
            connection.close()  # this thread's own connection

    def put(self, chunk: _PreparedChunk) -> None:
        if self.error is not None:
            raise self.error
        self._queue.put(chunk)

    def close(self, *, raising: bool = True) -> set[datetime]:
        """Wait for the chunks sent so far; the hours of the posts stored."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if raising and self.error is not None:
            raise self.error
        return self._hours


@dataclass(frozen=True)
class StoredChunk:
    """What ``store_posts`` did with a chunk: posts stored, posts already there, and
    the hours of the stored ones (whose rollups need rebuilding)."""

    stored: int
    duplicates: int
    hours: frozenset[datetime]


def store_posts(
    organization: Organization,
    posts: Sequence[EnginePost],
    *,
    job: ImportJob | None = None,
    analyzer: Analyzer | None = None,
) -> StoredChunk:
    """Analyse and store the posts not stored yet, with their query matches, all or
    nothing; posts already stored (same source and id) count as duplicates.

    ``job`` is the import they came from (None for a live source). Rollups are left to
    the caller, who knows when a run's hours are complete (``refresh_rollups``).
    """
    with transaction.atomic():
        prepared = _prepare(organization, posts, job=job, analyzer=analyzer)
        return _write(organization, job, prepared)


def _prepare(
    organization: Organization,
    posts: Sequence[EnginePost],
    *,
    job: ImportJob | None,
    analyzer: Analyzer | None,
) -> _Prepared:
    """The posts not stored yet, analysed (``store_posts``'s first half)."""
    analyzer = analyzer if analyzer is not None else analyzer_for(organization)
    rows: dict[Key, _Row] = {}
    for item in posts:
        row = _post_row(organization, job, item)
        rows.setdefault((row.source, row.external_id), row)
    existing = _existing_keys(organization, rows)
    fresh = [row for key, row in rows.items() if key not in existing]
    outcomes = analyzer.analyze_posts([_engine_object(row) for row in fresh])
    return _Prepared(len(posts), fresh, outcomes)


def _write(organization: Organization, job: ImportJob | None, prepared: _Prepared) -> StoredChunk:
    """Store prepared posts and their matches, all or nothing; a post stored meanwhile
    (by another import, or in the chunk before) counts as a duplicate."""
    fresh, outcomes = prepared.fresh, prepared.outcomes
    with transaction.atomic():
        stored = _insert_posts(organization, job, fresh, outcomes)
        _insert(
            PostMatch,
            ("organization", "post", "query"),
            [
                (organization.pk, stored[key][0], int(name))
                for row, outcome in zip(fresh, outcomes, strict=True)
                if (key := (row.source, row.external_id)) in stored
                for name in outcome["matches"]
            ],
            conflict=("post", "query"),
        )
    return StoredChunk(
        stored=len(stored),
        duplicates=prepared.given - len(stored),
        hours=frozenset(_hour(moment) for _pk, moment in stored.values()),
    )


class _Row(NamedTuple):
    """A post to store, before analysis (a model instance per post costs more than the
    rest of storing it)."""

    source: str
    external_id: str
    text: str
    author: str
    created_at: datetime | None
    url: str
    lang: str
    likes: int | None
    shares: int | None
    replies: int | None
    reach: int | None


_POST_FIELDS = (
    "organization",
    "import_job",
    "stored_at",
    "source",
    "external_id",
    "text",
    "author",
    "created_at",
    "url",
    "lang",
    "likes",
    "shares",
    "replies",
    "reach",
    "sentiment",
    "sentiment_score",
)


def _insert_posts(
    organization: Organization,
    job: ImportJob | None,
    rows: Sequence[_Row],
    outcomes: Sequence[dict[str, Any]],
) -> dict[Key, tuple[int, datetime]]:
    """Insert analysed posts, a chunk at a time; a post stored meanwhile by another
    import or fetch is skipped (the unique source and id). Returns the posts this call
    stored: their id and when they count (posted, or else stored)."""
    adapt = connection.ops.adapt_datetimefield_value
    now = timezone.now()
    stored_at = adapt(now)
    job_id = job.pk if job is not None else None
    values = [
        (
            organization.pk,
            job_id,
            stored_at,
            row.source,
            row.external_id,
            row.text,
            row.author,
            adapt(row.created_at),
            row.url,
            ((outcome["lang"] or row.lang) or "")[:12],
            row.likes,
            row.shares,
            row.replies,
            row.reach,
            outcome["sentiment"]["label"],
            outcome["sentiment"]["score"],
        )
        for row, outcome in zip(rows, outcomes, strict=True)
    ]
    inserted = _insert(
        Post,
        _POST_FIELDS,
        values,
        conflict=("organization", "source", "external_id"),
        returning=("id", "source", "external_id"),
    )
    moments = {(row.source, row.external_id): row.created_at or now for row in rows}
    return {(source, eid): (pk, moments[source, eid]) for pk, source, eid in inserted}


def _insert(
    model: type[models.Model],
    fields: Sequence[str],
    values: Sequence[tuple[Any, ...]],
    *,
    conflict: Sequence[str] = (),
    returning: Sequence[str] = (),
) -> list[tuple[Any, ...]]:
    """``INSERT`` of many rows, ``ON CONFLICT DO NOTHING`` on the ``conflict`` columns
    when given, ``RETURNING`` the ``returning`` columns of the rows inserted (SQLite
    and PostgreSQL). The ORM's bulk_create prepares every value of every field in
    Python, which took most of an import's time."""
    if not values:
        return []
    quote = connection.ops.quote_name
    meta = model._meta
    table = quote(meta.db_table)
    columns = ", ".join(quote(_column(model, name)) for name in fields)
    keys = ", ".join(quote(_column(model, name)) for name in conflict)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Only the model's own table and column names go into the text; values are bound.
    tail = f" ON CONFLICT ({keys}) DO NOTHING" if conflict else ""
    if returning:
        tail += " RETURNING " + ", ".join(quote(_column(model, name)) for name in returning)
    found: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY into a scratch table of this session, then one INSERT … SELECT with
            # the conflict rule: far fewer round trips and parsing than row by row.
            stage = quote(f"stage_{meta.db_table}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {stage} AS "  # noqa: S608
                f"SELECT {columns} FROM {table} WITH NO DATA"
            )
            with cursor.copy(f"COPY {stage} ({columns}) FROM STDIN") as copy:
                for item in values:
                    copy.write_row(item)
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage}{tail}")  # noqa: S608
            found = cursor.fetchall() if returning else []
            cursor.execute(f"DELETE FROM {stage}")  # noqa: S608
            return found
        # SQLite: as many rows per statement as it takes parameters.
        limit = connection.features.max_query_params or 999
        per_statement = max(1, min(1000, limit // len(fields)))
        for start in range(0, len(values), per_statement):
            batch = values[start : start + per_statement]
            sql = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
            sql += ", ".join([row] * len(batch)) + tail
            cursor.execute(sql, [value for item in batch for value in item])
            if returning:
                found.extend(cursor.fetchall())
    return found


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column  # noqa: S101 - our own names
    return field.column


def _post_row(organization: Organization, job: ImportJob | None, post: EnginePost) -> _Row:
    external_id = post.id
    if len(external_id) > _MAX_ID:
        # Still one id per post, so that importing the file again finds it.
        external_id = "sha256:" + hashlib.sha256(external_id.encode()).hexdigest()
    created_at = post.created_at
    if created_at is not None and timezone.is_naive(created_at):
        created_at = created_at.replace(tzinfo=UTC)
    reactions = post.engagement
    return _Row(
        source=_clean(post.source or (job.format if job else "live"))[:40],
        external_id=_clean(external_id),
        text=_clean(post.text),
        author=_clean(post.author or "")[:200],
        created_at=created_at,
        url=_clean(post.url or "")[:1000],
        lang=_clean(post.lang or "")[:12],
        likes=reactions.likes,
        shares=reactions.shares,
        replies=reactions.replies,
        reach=reactions.reach,
    )


def _clean(text: str) -> str:
    # PostgreSQL refuses NUL characters in text.
    return text.replace("\x00", "")


def _engine_object(row: _Row) -> dict[str, Any]:
    obj = {"id": row.external_id, "text": row.text, "source": row.source}
    obj.update({name: value for name in ("lang", "author", "url") if (value := getattr(row, name))})
    return obj


def _existing_keys(organization: Organization, rows: Mapping[Key, _Row]) -> set[Key]:
    if not rows:
        return set()
    if connection.vendor == "postgresql":
        # One lookup per key in the unique index (LATERAL … LIMIT 1 keeps it so). A
        # join or IN lists let the planner hash every post of the organisation
        # instead, which it prefers below some 300,000 posts: 60 ms a chunk at 100,000.
        table = connection.ops.quote_name(Post._meta.db_table)
        sql = (
            "SELECT k.source, k.external_id "  # noqa: S608 - our own table name
            "FROM unnest(%s::varchar[], %s::varchar[]) AS k(source, external_id) "
            f"CROSS JOIN LATERAL (SELECT 1 FROM {table} p WHERE p.organization_id = %s "
            "AND p.source = k.source AND p.external_id = k.external_id LIMIT 1) AS found"
        )
        sources = [source for source, _id in rows]
        ids = [external_id for _source, external_id in rows]
        with connection.cursor() as cursor:
            cursor.execute(sql, [sources, ids, organization.pk])
            return {(source, external_id) for source, external_id in cursor.fetchall()}
    found = (
        Post.objects.for_org(organization)
        .filter(
            source__in={source for source, _id in rows},
            external_id__in=[external_id for _source, external_id in rows],
        )
        .order_by()  # the model's default order would make SQLite walk every post
        .values_list("source", "external_id")
    )
    return {key for key in found if key in rows}


def _keep_statistics(stored: int, last: int) -> int:
    """Have PostgreSQL re-read the posts' statistics each time an import has doubled
    what it stored since the last time (from 10,000 posts on); returns the count they
    were last read at. An import outgrows them within a minute, before autovacuum
    looks, and with a table it thinks empty the planner reads every post for each
    chunk's duplicate check."""
    if connection.vendor != "postgresql" or stored < max(10_000, 2 * last):
        return last
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in (Post, PostMatch))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
    return stored


# --- matches and rollups ---------------------------------------------------------------


@transaction.atomic
def _rematch_chunk(
    query: ListeningQuery, rows: Sequence[dict[str, Any]], analyzer: Analyzer | None
) -> set[datetime]:
    organization = query.organization
    wanted: set[int] = set()
    if analyzer is not None:
        objects = [_row_object(row) for row in rows]
        outcomes = analyzer.analyze_posts(objects)
        wanted = {row["pk"] for row, out in zip(rows, outcomes, strict=True) if out["matches"]}
    matches = PostMatch.objects.for_org(organization).filter(query=query)
    had = set(
        matches.filter(post_id__in=[row["pk"] for row in rows]).values_list("post_id", flat=True)
    )
    matches.filter(post_id__in=had - wanted).delete()
    PostMatch.objects.bulk_create(
        (PostMatch(organization=organization, post_id=pk, query=query) for pk in wanted - had),
        ignore_conflicts=True,
    )
    changed = had ^ wanted
    return {_hour(row["moment"]) for row in rows if row["pk"] in changed}


def _row_object(row: Mapping[str, Any]) -> dict[str, Any]:
    obj = {"id": row["external_id"], "text": row["text"]}
    obj.update({name: row[name] for name in ("lang", "source", "author", "url") if row[name]})
    return obj


def _moment(prefix: str = "") -> Coalesce:
    """When a post counts: when it was posted, or else when it was stored."""
    return Coalesce(f"{prefix}created_at", f"{prefix}stored_at")


def _hour(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _hours_of(posts: QuerySet[Post]) -> set[datetime]:
    hours = posts.annotate(hour=TruncHour(_moment(), tzinfo=UTC)).order_by()
    return set(hours.values_list("hour", flat=True).distinct())


def _in_hours(batch: Sequence[datetime], field: str) -> Q:
    """Times within the hours of ``batch`` (sorted), consecutive hours as one range."""
    window = Q(pk__in=[])
    hour = timedelta(hours=1)
    for _key, run in itertools.groupby(enumerate(batch), lambda item: item[1] - item[0] * hour):
        span = [moment for _index, moment in run]
        window |= Q(**{f"{field}__gte": span[0], f"{field}__lt": span[-1] + hour})
    return window


def _sums(prefix: str = "") -> dict[str, Any]:
    def zero(name: str) -> Coalesce:
        return Coalesce(f"{prefix}{name}", Value(0), output_field=BigIntegerField())

    return {
        "count": Count("pk"),
        "engagement_sum": Sum(zero("likes") + zero("shares") + zero("replies")),
        "reach_sum": Sum(zero("reach")),
    }


_ROLLUP_FIELDS = (
    "organization",
    "period",
    "query",
    "source",
    "lang",
    "sentiment",
    "posts",
    "engagement",
    "reach",
)


def _rollups(organization: Organization, batch: Sequence[datetime]) -> Iterator[tuple[Any, ...]]:
    """The rollup rows of the hours of ``batch`` (values of ``_ROLLUP_FIELDS``)."""
    posts = (
        Post.objects.for_org(organization)
        .annotate(moment=_moment())
        .filter(_in_hours(batch, "moment"))
        .annotate(period=TruncHour("moment", tzinfo=UTC))
        .order_by()
        .values("period", "source", "lang", "sentiment")
        .annotate(**_sums())
    )
    for group in posts:
        yield _rollup(organization, group, None, "")
    matches = (
        PostMatch.objects.for_org(organization)
        .annotate(moment=_moment("post__"))
        .filter(_in_hours(batch, "moment"))
        .annotate(period=TruncHour("moment", tzinfo=UTC))
        .order_by()
        .values("period", "query_id", "post__source", "post__lang", "post__sentiment")
        .annotate(**_sums("post__"))
    )
    for group in matches:
        yield _rollup(organization, group, group["query_id"], "post__")


def _rollup(
    organization: Organization, group: Mapping[str, Any], query_id: int | None, prefix: str
) -> tuple[Any, ...]:
    return (
        organization.pk,
        connection.ops.adapt_datetimefield_value(group["period"]),
        query_id,
        group[f"{prefix}source"],
        group[f"{prefix}lang"],
        group[f"{prefix}sentiment"],
        group["count"],
        group["engagement_sum"] or 0,
        group["reach_sum"] or 0,
    )


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
