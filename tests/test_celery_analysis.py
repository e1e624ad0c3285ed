"""`run_celery` against a real worker: `socialroadmap worker` analyses through Redis.

The sending side runs in its own process with ``REDIS_URL`` set, so the product's Celery
app is configured exactly as in production (broker and result backend both Redis, not
eager), rather than by reconfiguring the app this test process already uses eagerly.
See `tests/celery_helpers.py` for what Redis the tests need.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from celery import Celery

from socialroadmap.engine.pipeline import Analyzer, LineError, run_serial
from tests.celery_helpers import (
    ANALYSIS_QUERIES,
    REDIS_URL,
    RunningWorker,
    analysis_lines,
    client_celery_app,
    running_worker,
)

pytestmark = pytest.mark.celery

# Reads NDJSON from argv[1], writes each outcome as a JSON line to stdout; a LineError as
# {"line", "error"}. argv[2]: the run_celery keyword arguments as JSON; argv[3], if given:
# a queue to send to instead of the default one.
SENDER = """
import json, sys
import django
django.setup()
from socialroadmap.core.analysis import BatchFailed, run_celery
from socialroadmap.engine.pipeline import LineError

options = json.loads(sys.argv[2])
if len(sys.argv) > 3:
    from socialroadmap.celery_app import app
    app.conf.task_default_queue = sys.argv[3]
with open(sys.argv[1], "rb") as lines:
    try:
        for outcome in run_celery(lines, **options):
            if isinstance(outcome, LineError):
                outcome = {"line": outcome.line, "error": outcome.reason}
            print(json.dumps(outcome))
    except BatchFailed as error:
        sys.exit(f"error: {error}")
"""


@pytest.fixture(scope="module")
def client_app() -> Iterator[Celery]:
    with client_celery_app() as app:
        yield app


@pytest.fixture(scope="module")
def worker(client_app: Celery, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWorker]:
    with running_worker(
        client_app, tmp_path_factory.mktemp("analysis-worker"), concurrency=2
    ) as running:
        yield running


def send(
    worker: RunningWorker, source: Path, options: dict[str, Any], *queue: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SENDER, str(source), json.dumps(options), *queue],
        env={**worker.env, "DJANGO_SETTINGS_MODULE": "socialroadmap.settings"},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_worker_gives_the_serial_runners_outcomes(
    worker: RunningWorker, tmp_path: Path
) -> None:
    lines = analysis_lines(400)
    source = tmp_path / "posts.ndjson"
    source.write_bytes(b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines))
    expected = [
        {"line": outcome.line, "error": outcome.reason}
        if isinstance(outcome, LineError)
        else outcome
        for outcome in run_serial(Analyzer(ANALYSIS_QUERIES), source.read_bytes().splitlines(True))
    ]

    done = send(
        worker,
        source,
        {"queries": ANALYSIS_QUERIES, "batch_size": 25, "window": 4, "timeout": 120},
    )

    assert done.returncode == 0, f"{done.stderr}\nworker:\n{worker.output()}"
    assert [json.loads(line) for line in done.stdout.splitlines()] == expected
    assert "core.analyze_lines" in worker.output()
    assert worker.process.poll() is None


def test_a_batch_nobody_answers_times_out_naming_its_first_line(
    worker: RunningWorker, tmp_path: Path
) -> None:
    source = tmp_path / "posts.ndjson"
    source.write_bytes(b"".join(analysis_lines(10, broken=False)))
    queue = f"nobody-listens-{uuid.uuid4().hex}"
    try:
        done = send(worker, source, {"timeout": 2}, queue)
    finally:
        broker = redis.Redis.from_url(REDIS_URL)
        for key in broker.scan_iter(f"*{queue}*"):  # the queue and kombu's bindings of it
            broker.delete(key)

    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "error: the batch starting at line 1 did not finish within 2 s "
        "(is `socialroadmap worker` running?)"
    )
    assert done.stdout == ""
