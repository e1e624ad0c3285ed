"""A real Celery worker, started through the product's CLI, answers tasks sent via Redis.

Needs Redis (default redis://127.0.0.1:6379/15, or SOCIALROADMAP_TEST_REDIS_URL). Without
it the tests fail with a clear message instead of being skipped. The worker keeps its
own SQLite database in a temporary data directory; no test database is involved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from celery import Celery

pytestmark = pytest.mark.celery

REDIS_URL = os.environ.get("SOCIALROADMAP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
WORKER = [sys.executable, "-m", "socialroadmap", "worker"]
STARTUP_TIMEOUT = 60
STOP_TIMEOUT = 20


def worker_env(data_dir: Path, *, redis_url: str | None = REDIS_URL) -> dict[str, str]:
    """The environment of a worker process: its own data directory, the test broker."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["SOCIALROADMAP_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def require_redis() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problem = str(error)
    else:
        return
    pytest.fail(
        f"Redis does not answer at {REDIS_URL} ({problem}). Start Redis or point "
        "SOCIALROADMAP_TEST_REDIS_URL at one; these tests need a real broker.",
        pytrace=False,
    )


@dataclass
class RunningWorker:
    process: subprocess.Popen[bytes]
    log: Path
    env: dict[str, str]

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (Celery's warm shutdown), then SIGKILL for the worker's process group."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture(scope="module")
def client_app() -> Iterator[Celery]:
    """A Celery client independent of the product's app: only the broker connects them."""
    require_redis()
    app = Celery("socialroadmap-tests", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
    )
    yield app
    app.close()


@pytest.fixture(scope="module")
def worker(client_app: Celery, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWorker]:
    data_dir = tmp_path_factory.mktemp("worker-data")
    log = data_dir / "worker.log"
    env = worker_env(data_dir)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*WORKER, "--concurrency", "1", "--loglevel", "info"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = RunningWorker(process=process, log=log, env=env)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"the worker exited with {process.returncode} while starting:\n"
                    f"{running.output()}",
                    pytrace=False,
                )
            if client_app.control.ping(timeout=1.0):
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the worker did not answer a ping within {STARTUP_TIMEOUT}s:\n"
                    f"{running.output()}",
                    pytrace=False,
                )
        yield running
    finally:
        stop(process)


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
