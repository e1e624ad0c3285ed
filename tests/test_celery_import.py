"""An import queued through Redis runs on a real `socialroadmap worker` (marker celery).

The test, the enqueuing process and the worker share one SQLite database in a temporary
data directory; the test database of pytest-django is not involved.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.celery_helpers import client_celery_app, migrate, running_worker, worker_env

pytestmark = pytest.mark.celery

ENQUEUE = """
import json, sys
from socialroadmap.cli import setup_django
setup_django()
from django.db import transaction
from socialroadmap.listening.models import ImportJob
from socialroadmap.listening.services.imports import queue_import, start_import
from socialroadmap.organizations.models import Organization
from socialroadmap.organizations.services import create_organization

path = sys.argv[1]
organization = (
    Organization.objects.filter(slug="acme").first() or create_organization("acme", "Acme")
)
with transaction.atomic():
    job = start_import(organization, format="ndjson", filename="posts.ndjson", size=1, actor=None)
    queue_import(job, path)
print(json.dumps({"job": job.pk}))
"""


def write_posts(path: Path) -> None:
    lines = [
        json.dumps({"id": str(n), "text": f"Koffie nummer {n} bij Mertens, heerlijk!"})
        for n in range(40)
    ]
    lines.insert(10, "{broken")
    path.write_text("\n".join(lines) + "\n")


def enqueue(env: dict[str, str], path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", ENQUEUE, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return int(json.loads(done.stdout.strip().splitlines()[-1])["job"])


def wait_for_job(database: Path, job: int, timeout: float = 90) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(database) as connection:
            row = connection.execute(
                "SELECT status, read, imported, duplicates, rejected, error "
                "FROM listening_importjob WHERE id = ?",
                (job,),
            ).fetchone()
        if row and row[0] in ("done", "failed"):
            keys = ("status", "read", "imported", "duplicates", "rejected", "error")
            return dict(zip(keys, row, strict=True))
        time.sleep(0.5)
    raise AssertionError(f"import {job} did not finish within {timeout} s")


def test_a_queued_import_runs_on_a_worker_and_a_second_one_adds_nothing(tmp_path: Path) -> None:
    env = worker_env(tmp_path)
    migrate(env)
    posts = tmp_path / "posts.ndjson"
    write_posts(posts)
    database = next(tmp_path.glob("*.sqlite3"))

    with client_celery_app() as client, running_worker(client, tmp_path) as worker:
        first = wait_for_job(database, enqueue(env, posts))
        assert first == {
            "status": "done",
            "read": 41,
            "imported": 40,
            "duplicates": 0,
            "rejected": 1,
            "error": "",
        }, worker.output()
        again = wait_for_job(database, enqueue(env, posts))
        assert (again["imported"], again["duplicates"], again["rejected"]) == (0, 40, 1)

    with sqlite3.connect(database) as connection:
        (stored,) = connection.execute("SELECT COUNT(*) FROM listening_post").fetchone()
        (quarantined,) = connection.execute(
            "SELECT COUNT(*) FROM listening_quarantinedrow WHERE line = 11"
        ).fetchone()
    assert stored == 40
    assert quarantined == 2  # once per import


def test_a_large_import_is_split_over_the_workers_and_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file counts as large here, in parts of 10 rows; two worker processes.
    monkeypatch.setenv("SOCIALROADMAP_IMPORT_SPLIT_BYTES", "0")
    monkeypatch.setenv("SOCIALROADMAP_IMPORT_PART_ROWS", "10")
    env = worker_env(tmp_path)
    migrate(env)
    upload = tmp_path / "upload"
    upload.mkdir()
    posts = upload / "posts.ndjson"
    write_posts(posts)
    database = next(tmp_path.glob("*.sqlite3"))

    with (
        client_celery_app() as client,
        running_worker(client, tmp_path, concurrency=2) as worker,
    ):
        job = enqueue(env, posts)
        result = wait_for_job(database, job)
        assert result == {
            "status": "done",
            "read": 41,
            "imported": 40,
            "duplicates": 0,
            "rejected": 1,
            "error": "",
        }, worker.output()
        assert "listening.import_part" in worker.output()

    with sqlite3.connect(database) as connection:
        parts = connection.execute(
            "SELECT COUNT(*), SUM(done), SUM(rows) FROM listening_importpart "
            "WHERE import_job_id = ?",
            (job,),
        ).fetchone()
        (stored,) = connection.execute("SELECT COUNT(*) FROM listening_post").fetchone()
        (rolled_up,) = connection.execute(
            "SELECT SUM(posts) FROM listening_rollup WHERE query_id IS NULL"
        ).fetchone()
    assert parts == (5, 5, 41)
    assert stored == rolled_up == 40
    assert not (upload / "posts.ndjson.parts").exists()
