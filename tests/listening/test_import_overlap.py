"""On PostgreSQL an import stores each chunk in a thread of its own while it analyses
the next; it must end the same as storing them one after the other. Outside a test
transaction (the storing thread has its own connection), so PostgreSQL only."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import Post, PostMatch
from socialroadmap.listening.services import imports as import_services
from socialroadmap.listening.services.imports import run_import, start_import
from socialroadmap.organizations.models import Organization
from tests.listening.test_imports import (
    counts,
    expected_rollups,
    generated,
    make_query,
    rollup_rows,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="overlapped storing is for PostgreSQL"
    ),
]


def test_chunks_stored_beside_the_analysis_end_as_one_after_the_other(
    org: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert import_services._can_overlap()
    threads = set()
    write = import_services._write_chunk

    def spy(*args: Any, **kwargs: Any) -> Any:
        import threading

        threads.add(threading.current_thread().name)
        return write(*args, **kwargs)

    monkeypatch.setattr(import_services, "_write_chunk", spy)
    make_query(org, "Koffie", "koffie")
    seen: list[int] = []
    stream = generated(23)
    stream = type(stream)(stream.getvalue() + generated(5, start=20).getvalue())
    job = start_import(org, format="ndjson", filename="posts", size=0, actor=None)

    job = run_import(job, stream, chunk_size=4, progress=lambda j: seen.append(j.read))

    assert threads and not threads & {"MainThread"}
    assert job.status == JobStatus.DONE
    assert counts(job) == {"read": 28, "imported": 25, "duplicates": 3, "rejected": 0}
    assert seen == sorted(seen) and seen[-1] == 28
    assert Post.objects.for_org(org).count() == 25
    assert PostMatch.objects.for_org(org).count() == 9
    assert rollup_rows(org) == expected_rollups(org)


def test_a_store_that_fails_stops_the_import_and_a_retry_stores_every_post_once(
    org: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = import_services._write_chunk
    calls = []

    def lost_on_third(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("connection lost")
        return write(*args, **kwargs)

    monkeypatch.setattr(import_services, "_write_chunk", lost_on_third)
    job = start_import(org, format="ndjson", filename="posts", size=0, actor=None)
    with pytest.raises(RuntimeError, match="connection lost"):
        run_import(job, generated(23), chunk_size=5)

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "connection lost")
    assert job.read == 10 and Post.objects.for_org(org).count() == 10
    monkeypatch.undo()

    job = run_import(job, generated(23), chunk_size=5)

    assert job.status == JobStatus.DONE
    assert counts(job) == {"read": 23, "imported": 23, "duplicates": 0, "rejected": 0}
    assert Post.objects.for_org(org).count() == 23
    assert rollup_rows(org) == expected_rollups(org)
