"""A real Celery worker, started through the product's CLI, answers tasks sent via Redis.

Needs Redis (default redis://127.0.0.1:6379/15, or SOCIALROADMAP_TEST_REDIS_URL). Without
it the tests fail with a clear message instead of being skipped. The worker keeps its
own SQLite database in a temporary data directory; no test database is involved.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery

from tests.celery_helpers import (
    WORKER,
    RunningWorker,
    client_celery_app,
    running_worker,
    worker_env,
)

pytestmark = pytest.mark.celery


@pytest.fixture(scope="module")
def client_app() -> Iterator[Celery]:
    with client_celery_app() as app:
        yield app


@pytest.fixture(scope="module")
def worker(client_app: Celery, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWorker]:
    with running_worker(client_app, tmp_path_factory.mktemp("worker-data")) as running:
        yield running


def test_worker_runs_a_task_sent_through_the_broker(
    client_app: Celery, worker: RunningWorker
) -> None:
    token = uuid.uuid4().hex
    result = client_app.send_task("core.check_worker", args=[token])
    try:
        answer = result.get(timeout=60)
    except Exception as error:  # any failure: show the worker's log with it
        pytest.fail(f"no answer from the worker ({error!r}):\n{worker.output()}", pytrace=False)
    result.forget()
    assert answer["token"] == token
    assert answer["database"] is True
    assert answer["hostname"]
    assert worker.process.poll() is None


def test_worker_check_prints_the_answer(worker: RunningWorker) -> None:
    done = subprocess.run(
        [*WORKER, "--check"], env=worker.env, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\nworker:\n{worker.output()}"
    assert "check" in done.stdout
    assert "database" in done.stdout
    assert "True" in done.stdout or "true" in done.stdout


def test_worker_without_redis_url_refuses_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        WORKER, env=worker_env(tmp_path, redis_url=None), capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "REDIS_URL" in lines[0]
    assert "Traceback" not in done.stderr


def test_worker_check_on_an_unreachable_broker_says_so_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [*WORKER, "--check"],
        env=worker_env(tmp_path, redis_url="redis://127.0.0.1:1/0"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: cannot reach the broker at REDIS_URL")
