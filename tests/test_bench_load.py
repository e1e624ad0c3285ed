"""`socialroadmap bench load`, short and bounded: the production server on a scratch
PostgreSQL database with a Celery worker, a few Locust users, and an import running.
The figures are printed, not checked; what is checked is that no request failed, the
import went on meanwhile, and everything it started was stopped."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

# The server of the test database; the run creates its own scratch database there,
# connecting through the "postgres" database (the test database may not exist yet).
POSTGRES = (
    os.environ.get("SOCIALROADMAP_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
).rpartition("/")[0] + "/postgres"

# The test Redis server (scripts/test may start its own on another port), database 7:
# the Celery tests count down from 15.
REDIS = (
    os.environ.get("SOCIALROADMAP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15").rpartition("/")[0]
    + "/7"
)


def postgres_answers() -> bool:
    import psycopg

    try:
        with psycopg.connect(POSTGRES, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@pytest.mark.celery
def test_a_short_load_run_has_no_errors_and_the_import_progresses(tmp_path) -> None:
    if not postgres_answers():
        pytest.skip("no PostgreSQL server answers at $SOCIALROADMAP_TEST_DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    command = [sys.executable, "-m", "socialroadmap", "bench", "load"]
    command += ["--users", "4", "--seconds", "8", "--baseline-seconds", "3"]
    command += ["--posts", "30000", "--server-workers", "1", "--postgres", POSTGRES]
    command += ["--redis", REDIS, "--json", str(tmp_path / "load.json")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "all but the logins" in done.stdout
    assert "errors: 0; import progressing: yes" in done.stdout
    figures = json.loads((tmp_path / "load.json").read_text())
    assert figures["loaded_overall"]["requests"] > 0
    stopped = ("127.0.0.1", figures["port"])
    with pytest.raises(ConnectionRefusedError), socket.create_connection(stopped, 2):
        pass
