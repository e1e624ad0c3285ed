"""Imports: chunks stored whole, duplicates counted, matches and rollups kept exact."""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import socialroadmap.connectors
from socialroadmap.core.errors import ServiceError
from socialroadmap.listening.choices import JobStatus
from socialroadmap.listening.models import (
    ImportJob,
    ListeningQuery,
    Post,
    PostMatch,
    QuarantinedRow,
    Rollup,
)
from socialroadmap.listening.services import (
    delete_import,
    refresh_rollups,
    rematch_query,
    run_import,
    start_import,
)
from socialroadmap.listening.services import imports as import_services
from socialroadmap.organizations.models import Organization
from tests.conftest import Persona

CONNECTORS = Path(socialroadmap.connectors.__file__).parent
POSTS_NDJSON = CONNECTORS / "ndjson/fixtures/posts.ndjson"
POSTS_CSV = CONNECTORS / "csv/fixtures/posts.csv"
START = datetime(2024, 3, 11, 8, 0, tzinfo=UTC)


def make_query(organization: Organization, name: str, text: str, **fields: Any) -> ListeningQuery:
    return ListeningQuery.objects.create(organization=organization, name=name, query=text, **fields)


def import_file(
    organization: Organization, path: Path | io.BytesIO, file_format: str = "ndjson", **options: Any
) -> ImportJob:
    size = path.stat().st_size if isinstance(path, Path) else len(path.getvalue())
    job = start_import(organization, format=file_format, filename="posts", size=size, actor=None)
    return run_import(job, path, **options)


def generated(count: int, *, start: int = 0) -> io.BytesIO:
    """NDJSON posts over several hours, every third about coffee, every fifth undated."""
    lines = []
    for number in range(start, start + count):
        post: dict[str, Any] = {
            "id": f"p{number}",
            "text": "Lekkere koffie vandaag, echt top!" if number % 3 == 0 else "Mooi weer hier",
            "source": "x" if number % 2 else "mastodon",
            "lang": "nl",
            "likes": number,
            "replies": 1,
            "reach": 10 * number,
        }
        if number % 5:
            post["created_at"] = (START + timedelta(minutes=37 * number)).isoformat()
        lines.append(json.dumps(post))
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def counts(job: ImportJob) -> dict[str, int]:
    return {key: getattr(job, key) for key in ("read", "imported", "duplicates", "rejected")}


def rollup_rows(organization: Organization) -> Counter[tuple[Any, ...]]:
    return Counter(
        Rollup.objects.for_org(organization).values_list(
            "period", "query_id", "source", "lang", "sentiment", "posts", "engagement", "reach"
        )
    )


def expected_rollups(organization: Organization) -> Counter[tuple[Any, ...]]:
    """The rollups computed in Python from the stored posts and matches."""
    groups: dict[tuple[Any, ...], list[int]] = {}

    def add(post: Post, query_id: int | None) -> None:
        moment = (post.created_at or post.stored_at).astimezone(UTC)
        hour = moment.replace(minute=0, second=0, microsecond=0)
        key = (hour, query_id, post.source, post.lang, post.sentiment)
        totals = groups.setdefault(key, [0, 0, 0])
        totals[0] += 1
        totals[1] += post.engagement
        totals[2] += post.reach or 0

    for post in Post.objects.for_org(organization):
        add(post, None)
    for match in PostMatch.objects.for_org(organization).select_related("post"):
        add(match.post, match.query_id)
    return Counter(key + tuple(totals) for key, totals in groups.items())


def test_it_imports_the_valid_posts_and_quarantines_the_rest_with_line_numbers(
    org: Organization,
) -> None:
    job = import_file(org, POSTS_NDJSON)

    assert job.status == JobStatus.DONE
    assert counts(job) == {"read": 9, "imported": 4, "duplicates": 0, "rejected": 5}
    assert job.done_bytes == job.size == POSTS_NDJSON.stat().st_size
    assert job.started_at is not None and job.finished_at is not None
    post = Post.objects.for_org(org).get(external_id="1766012345678901234")
    assert (post.source, post.author, post.lang) == ("x", "bakkerij_devries", "nl")
    assert (post.likes, post.shares, post.replies, post.reach) == (42, 7, 3, 5120)
    assert post.created_at == datetime(2024, 3, 11, 7, 30, tzinfo=UTC)
    assert post.import_job == job
    assert post.sentiment in {"positive", "neutral", "negative"}
    quarantine = list(
        QuarantinedRow.objects.for_org(org).filter(import_job=job).values_list("line", "reason")
    )
    assert [line for line, _reason in quarantine] == [5, 6, 7, 9, 10]
    assert quarantine[1] == (6, "missing field 'text'")


def test_a_csv_export_is_imported_with_its_columns(org: Organization) -> None:
    job = import_file(org, POSTS_CSV, "csv")

    assert job.status == JobStatus.DONE
    assert job.imported == 3 and job.rejected == 4
    reddit = Post.objects.for_org(org).get(external_id="t3_1b9xk2p")
    assert (reddit.source, reddit.likes, reddit.replies) == ("reddit", 1204, 31)


def test_posts_without_a_source_take_the_import_format(org: Organization) -> None:
    stream = io.BytesIO(b'{"id": "a1", "text": "hallo"}\n')

    import_file(org, stream)

    assert Post.objects.for_org(org).get(external_id="a1").source == "ndjson"


def test_importing_a_file_again_adds_nothing_and_counts_duplicates(org: Organization) -> None:
    import_file(org, POSTS_NDJSON)
    again = import_file(org, POSTS_NDJSON)

    assert counts(again) == {"read": 9, "imported": 0, "duplicates": 4, "rejected": 5}
    assert Post.objects.for_org(org).count() == 4


def test_posts_repeated_within_a_file_are_stored_once(org: Organization) -> None:
    first = generated(7).getvalue()
    stream = io.BytesIO(first + generated(4, start=2).getvalue())

    job = import_file(org, stream, chunk_size=3)

    assert counts(job) == {"read": 11, "imported": 7, "duplicates": 4, "rejected": 0}
    assert Post.objects.for_org(org).count() == 7


def test_a_crash_keeps_whole_chunks_and_a_retry_stores_every_post_once(
    org: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_query(org, "Koffie", "koffie")
    store = import_services._write_chunk
    calls = []

    def crash_on_third(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("worker lost")
        return store(*args, **kwargs)

    monkeypatch.setattr(import_services, "_write_chunk", crash_on_third)
    job = start_import(org, format="ndjson", filename="big.ndjson", size=0, actor=None)
    with pytest.raises(RuntimeError):
        run_import(job, generated(23), chunk_size=5)

    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, "worker lost")
    assert job.read == 10 and Post.objects.for_org(org).count() == 10
    monkeypatch.undo()
    Rollup.objects.for_org(org).delete()  # as if the worker had been killed

    job = run_import(job, generated(23), chunk_size=5)

    assert job.status == JobStatus.DONE and job.error == ""
    assert counts(job) == {"read": 23, "imported": 23, "duplicates": 0, "rejected": 0}
    assert Post.objects.for_org(org).count() == 23
    assert PostMatch.objects.for_org(org).count() == 8
    assert rollup_rows(org) == expected_rollups(org)


def test_a_done_job_is_not_run_again(org: Organization) -> None:
    job = import_file(org, generated(3))

    again = run_import(job, generated(6))

    assert again.read == 3 and Post.objects.for_org(org).count() == 3


def test_an_unusable_file_fails_the_job_with_the_reason(org: Organization) -> None:
    job = import_file(org, io.BytesIO(b"id,text\n1,hallo\n"), "facebook")

    assert job.status == JobStatus.FAILED
    assert job.error == "expected a JSON list at the top level"


def test_a_bad_format_is_refused(org: Organization) -> None:
    with pytest.raises(ServiceError, match="unknown file format 'pdf'"):
        start_import(org, format="pdf", filename="x.pdf", size=1, actor=None)


def test_matches_are_stored_for_active_queries_only(org: Organization) -> None:
    coffee = make_query(org, "Koffie", "koffie")
    weather = make_query(org, "Weer", "weer")
    paused = make_query(org, "Top", "top", is_active=False)

    import_file(org, generated(9))

    matches = PostMatch.objects.for_org(org)
    assert set(matches.filter(query=coffee).values_list("post__external_id", flat=True)) == {
        "p0",
        "p3",
        "p6",
    }
    assert matches.filter(query=weather).count() == 6
    assert not matches.filter(query=paused).exists()


def test_rollups_equal_a_direct_aggregation_of_the_posts(org: Organization) -> None:
    make_query(org, "Koffie", "koffie")
    make_query(org, "Weer", "weer")

    import_file(org, generated(40))
    import_file(org, POSTS_NDJSON)

    assert Rollup.objects.for_org(org).filter(query=None).count() > 5
    assert rollup_rows(org) == expected_rollups(org)
    total = sum(Rollup.objects.for_org(org).filter(query=None).values_list("posts", flat=True))
    assert total == Post.objects.for_org(org).count()


def test_refresh_rollups_rebuilds_only_the_hours_given(org: Organization) -> None:
    import_file(org, generated(10))
    Post.objects.for_org(org).filter(external_id="p1").update(likes=1000)

    refresh_rollups(org, [START + timedelta(hours=5)])
    assert rollup_rows(org) != expected_rollups(org)

    refresh_rollups(org, [(START + timedelta(minutes=59)).replace(tzinfo=None)])
    assert rollup_rows(org) == expected_rollups(org)


def test_rematch_query_follows_a_changed_and_a_paused_query(org: Organization) -> None:
    query = make_query(org, "Koffie", "koffie")
    import_file(org, generated(12))
    assert PostMatch.objects.for_org(org).filter(query=query).count() == 4

    query.query = "weer"
    query.save()
    assert rematch_query(query, chunk_size=5) == 8
    assert rollup_rows(org) == expected_rollups(org)

    query.is_active = False
    query.save()
    assert rematch_query(query) == 0
    assert not Rollup.objects.for_org(org).filter(query=query).exists()
    assert rollup_rows(org) == expected_rollups(org)


def test_delete_import_removes_its_posts_matches_and_quarantine(
    org: Organization, owner: Persona
) -> None:
    make_query(org, "Koffie", "koffie")
    kept = import_file(org, generated(6, start=100))
    job = import_file(org, POSTS_NDJSON)
    job_with_matches = import_file(org, generated(6))

    deleted = delete_import(job_with_matches, owner.user)
    assert (deleted.posts, deleted.matches, deleted.quarantined) == (6, 2, 0)
    deleted = delete_import(job, owner.user)
    assert (deleted.posts, deleted.quarantined) == (4, 5)

    assert not ImportJob.objects.for_org(org).filter(pk__in=[job.pk, job_with_matches.pk])
    assert not QuarantinedRow.objects.for_org(org).exists()
    assert set(Post.objects.for_org(org).values_list("import_job", flat=True)) == {kept.pk}
    assert rollup_rows(org) == expected_rollups(org)


def test_a_running_import_cannot_be_deleted(org: Organization, owner: Persona) -> None:
    job = start_import(org, format="ndjson", filename="x", size=0, actor=owner.user)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)

    with pytest.raises(ServiceError, match="still running"):
        delete_import(job, owner.user)


def test_everything_is_scoped_to_the_organisation(
    org: Organization, other_org: Organization, owner: Persona
) -> None:
    theirs = make_query(other_org, "Koffie", "koffie")
    import_file(other_org, generated(9))
    before = (rollup_rows(other_org), PostMatch.objects.for_org(other_org).count())

    ours = make_query(org, "Koffie", "weer")
    job = import_file(org, generated(9))
    assert job.imported == 9 and job.duplicates == 0
    rematch_query(ours)
    delete_import(job, owner.user)

    assert Post.objects.for_org(other_org).count() == 9
    assert (rollup_rows(other_org), PostMatch.objects.for_org(other_org).count()) == before
    assert PostMatch.objects.for_org(other_org).filter(query=theirs).count() == 3
    assert not Post.objects.for_org(org).exists() and not Rollup.objects.for_org(org).exists()
