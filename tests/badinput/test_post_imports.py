"""Post imports against the bad-input corpus, through the import service: refused lines
land in the quarantine with their line and reason, good posts are stored once, a file
that cannot be read fails its job with the reason and stores nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from socialroadmap.connectors import ImportFileError, Rejected, read_file
from socialroadmap.listening.models import ImportJob, Post, QuarantinedRow
from socialroadmap.listening.services.imports import run_import, start_import
from socialroadmap.organizations.models import Organization
from tests.badinput.corpus import (
    NUL,
    Case,
    Expect,
    Table,
    csv_cases,
    json_export_cases,
    ndjson_cases,
)

CONNECTORS = Path(__file__).resolve().parents[2] / "socialroadmap" / "connectors"
POSTS_TABLE = Table(
    ("id", "text", "author", "likes"),
    (("a1", "Koffie bij Zoë", "zoe", "3"), ("a3", "Thee bij Jan", "jan", "")),
    ("a2", "Slecht getal", "jan", "-4"),
    "likes",
    free="text",
)


def imported(organization: Organization, format: str, data: bytes) -> ImportJob:
    job = start_import(
        organization, format=format, filename=f"f.{format}", size=len(data), actor=None
    )
    return run_import(job, io.BytesIO(data), chunk_size=2)


def check(organization: Organization, format: str, case: Case) -> ImportJob:
    job = imported(organization, format, case.data)
    lines = case.data.count(b"\n") + 1
    quarantined = list(QuarantinedRow.objects.filter(import_job=job).order_by("line"))
    assert all(1 <= row.line <= lines and row.reason for row in quarantined)
    assert job.status in ("done", "failed")
    if job.status == "failed":
        assert job.error and Post.objects.filter(import_job=job).count() == 0
    else:
        assert job.imported + job.duplicates + job.rejected == job.read
    # The same file again stores nothing more.
    stored = Post.objects.count()
    again = imported(organization, format, case.data)
    assert Post.objects.count() == stored and again.imported == 0
    if format == "csv" and case.name.startswith("utf16"):
        assert job.status == "failed" and "UTF-16" in job.error
    elif format == "csv" and case.name == "truncated-mid-char":
        # Read a line at a time: the cut character is a row of its own, refused.
        assert [row.line for row in quarantined] == [3, 5] and job.imported == 2
    elif case.expect is Expect.SAME:
        assert (job.status, job.imported) == ("done", 2), job.error
        assert [row.line for row in quarantined] == list(case.refused_lines)
    elif case.expect is Expect.NOTHING:
        assert job.imported == 0
    return job


@pytest.mark.parametrize("case", ndjson_cases(), ids=repr)
def test_ndjson(org: Organization, case: Case) -> None:
    job = check(org, "ndjson", case)
    if case.name == "nul-bytes":
        assert NUL not in Post.objects.get(external_id="p1").text
    if case.name == "long-post":
        reason = QuarantinedRow.objects.get(import_job=job).reason
        assert reason == "field 'text' is longer than 100,000 characters (150,000)"


@pytest.mark.parametrize("case", csv_cases(POSTS_TABLE), ids=repr)
def test_csv(org: Organization, case: Case) -> None:
    check(org, "csv", case)


def test_a_nul_byte_in_a_csv_header_fails_the_job_with_a_clean_reason(org: Organization) -> None:
    job = imported(org, "csv", b"bericht\x00,wie\nhallo,zoe\n")
    assert job.status == "failed" and "\x00" not in job.error and "no text column" in job.error


EXPORTS = {
    "x-archive": CONNECTORS / "x_archive/fixtures/data/tweets.js",
    "facebook": CONNECTORS / "facebook/fixtures/your_posts_1.json",
    "instagram": CONNECTORS / "instagram/fixtures/content/posts_1.json",
}


@pytest.mark.parametrize(
    ("format", "case"),
    [
        pytest.param(name, case, id=f"{name}-{case.name}")
        for name, path in EXPORTS.items()
        for case in json_export_cases(path.read_bytes())
    ],
)
def test_json_exports_are_refused_whole(format: str, case: Case) -> None:
    with pytest.raises(ImportFileError) as refused:
        list(read_file(format, io.BytesIO(case.data), author="zoe"))
    assert str(refused.value)


def test_a_lone_surrogate_in_a_json_export_is_replaced(org: Organization) -> None:
    data = b'[{"timestamp": 1700000000, "data": [{"post": "caf\\ud800e"}]}]'
    job = imported(org, "facebook", data)
    assert (job.status, job.imported) == ("done", 1), job.error
    assert Post.objects.get().text == "caf?e"


def test_a_linkedin_export_without_its_columns_is_refused(org: Organization) -> None:
    items = read_file("linkedin", io.BytesIO(b"Date,Text\n2024-01-01,hallo\n"), author="z")
    with pytest.raises(ImportFileError, match="ShareCommentary"):
        list(items)


def test_rejected_rows_of_every_reader_carry_a_line(org: Organization) -> None:
    data = b"Date,ShareLink,ShareCommentary\nnot a date,https://l.test/1,hallo\n"
    items = list(read_file("linkedin", io.BytesIO(data), author="zoe"))
    assert [(item.line, "Date" in item.reason or "created_at" in item.reason)
            for item in items if isinstance(item, Rejected)] == [(2, True)]  # fmt: skip
