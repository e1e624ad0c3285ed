"""Helpers of the tests that start a real Celery worker against Redis (marker `celery`).

Redis: redis://127.0.0.1:6379/15 by default, or SOCIALROADMAP_TEST_REDIS_URL (each
xdist process counts down from its database number: 15, 14, …). Without it
the tests fail with a clear message instead of being skipped. A worker keeps its own
SQLite database in a temporary data directory; no test database is involved.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from celery import Celery


def _own_database(url: str) -> str:
    """The Redis database of this xdist process (15, 14, …, counting down from the
    one given): tests in two processes never share a broker, or one test's worker
    would take the other's tasks."""
    base, _, number = url.rpartition("/")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    if not number.isdigit() or not worker.isdigit():
        return url
    return f"{base}/{max(0, int(number) - int(worker))}"


REDIS_URL = _own_database(
    os.environ.get("SOCIALROADMAP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
)
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


def migrate(env: dict[str, str]) -> None:
    """Create the database of the data directory in ``env`` (the worker's)."""
    migrated = subprocess.run(
        [sys.executable, "-m", "socialroadmap", "migrate"],
        env=env,
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert migrated.returncode == 0, migrated.stderr


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


@contextmanager
def client_celery_app() -> Iterator[Celery]:
    """A Celery client independent of the product's app: only the broker connects them."""
    require_redis()
    app = Celery("socialroadmap-tests", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
    )
    try:
        yield app
    finally:
        app.close()


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


@contextmanager
def running_worker(
    client: Celery, data_dir: Path, *, concurrency: int = 1
) -> Iterator[RunningWorker]:
    """`socialroadmap worker` on the test broker, once it answers a ping; stopped after."""
    log = data_dir / "worker.log"
    env = worker_env(data_dir)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*WORKER, "--concurrency", str(concurrency), "--loglevel", "info"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = RunningWorker(process=process, log=log, env=env)
    try:
        wait_for_ping(client, running)
        yield running
    finally:
        stop(process)


def wait_for_ping(client: Celery, worker: RunningWorker) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not client.control.ping(timeout=1.0):
        if worker.process.poll() is not None:
            pytest.fail(
                f"the worker exited with {worker.process.returncode} while starting:\n"
                f"{worker.output()}",
                pytrace=False,
            )
        if time.monotonic() > deadline:
            pytest.fail(
                f"the worker did not answer a ping within {STARTUP_TIMEOUT}s:\n{worker.output()}",
                pytrace=False,
            )


# --- Posts for the analysis runners ------------------------------------------------

ANALYSIS_QUERIES = [("mertens", "mertens OR #mertens"), ("koffie", "koffie OR coffee")]

_POSTS = [
    "Wat een heerlijke koffie vandaag bij Mertens! #koffie",
    "The coffee at Mertens was cold and the service terrible",
    "Nieuwe vestiging van de concurrent geopend in Gent",
    "Le café de Mertens est vraiment excellent ce matin",
    "Der Kaffee bei Mertens war leider kalt und teuer",
]
_BROKEN = [
    b"\n",  # blank lines are dropped
    b"",
    b"   \t\r\n",
    "\u3000\u00a0\n".encode(),  # only Unicode white space: blank too
    b"{not json\n",
    b"[1, 2]\n",
    b'{"id": "x", "text": "caf\xe9"}\n',  # Latin-1, not UTF-8
    b'{"text": "no id"}\n',
    b'{"id": 5, "text": "id is a number"}\n',
]


def analysis_lines(count: int, *, broken: bool = True) -> list[bytes]:
    """``count`` NDJSON lines; post ids are their line numbers. Every third line is
    blank or broken in one of the ways the engine reports, unless ``broken`` is False."""
    lines = []
    for number in range(1, count + 1):
        if broken and number % 3 == 0:
            lines.append(_BROKEN[(number // 3) % len(_BROKEN)])
            continue
        post: dict[str, str] = {"id": str(number), "text": _POSTS[number % len(_POSTS)]}
        if number % 7 == 0:
            post["lang"] = "nl"
        lines.append(json.dumps(post, ensure_ascii=number % 2 == 0).encode() + b"\n")
    return lines
