"""The installed `socialroadmap` command, run as people run it: in a subprocess."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "socialroadmap"]


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "SOCIALROADMAP_DEMO"):
        env.pop(name, None)
    env["SOCIALROADMAP_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def cli(
    data_dir: Path, *args: str, stdin: str = "", **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=clean_env(data_dir, **extra),
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[str], timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                return int(response.status)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


@contextmanager
def running(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    # Its own process group: the server's worker processes are stopped with it, so none
    # is left holding the output pipe (gunicorn's threaded worker can hang when a stop
    # signal meets a thread that is starting).
    process = subprocess.Popen(
        [*COMMAND, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # a worker that outlived its master


def test_the_admin_cli_end_to_end(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert cli(tmp_path, "migrate", "--data-dir", str(data_dir)).returncode == 0
    assert (data_dir / "socialroadmap.sqlite3").exists()
    assert cli(data_dir, "org", "create", "acme", "--name", "Acme Benelux").returncode == 0
    created = cli(
        data_dir,
        "user",
        "create",
        "anna@acme.test",
        "--org",
        "acme",
        "--role",
        "owner",
        "--password-stdin",
        stdin="Str0ng-enough-pass\n",
    )
    assert created.returncode == 0, created.stderr
    duplicate = cli(
        data_dir, "user", "create", "anna@acme.test", "--org", "acme", "--role", "owner"
    )
    assert duplicate.returncode == 1
    assert duplicate.stderr.strip().splitlines() == [
        "error: a user with e-mail address 'anna@acme.test' already exists"
    ]
    bad_role = cli(data_dir, "user", "create", "bob@acme.test", "--org", "acme", "--role", "admin")
    assert bad_role.returncode == 1
    assert len(bad_role.stderr.strip().splitlines()) == 1
    token = cli(data_dir, "token", "create", "anna@acme.test")
    assert token.returncode == 0
    assert token.stdout.rstrip("\n").splitlines()[-1].startswith("srm_")


def test_serve_refuses_without_production_settings(tmp_path: Path) -> None:
    result = cli(tmp_path, "serve", "--bind", f"127.0.0.1:{free_port()}")
    assert result.returncode == 2
    assert "refusing to start: SECRET_KEY is not set" in result.stderr
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_serve_runs_the_production_server(tmp_path: Path) -> None:
    assert cli(tmp_path, "migrate").returncode == 0
    port = free_port()
    env = clean_env(
        tmp_path, SECRET_KEY="k" * 60, ALLOWED_HOSTS="127.0.0.1", SECURE_PROXY_SSL_HEADER="1"
    )
    with running(["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"], env) as server:
        assert wait_for(f"http://127.0.0.1:{port}/healthz", server) == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/socialroadmap/app.css") as css:
            assert b"--brand" in css.read()
        # Behind a TLS-terminating proxy that says so, as in production.
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/account/login/", headers={"X-Forwarded-Proto": "https"}
        )
        with urllib.request.urlopen(request) as page:  # noqa: S310
            assert "Secure" in page.headers["Set-Cookie"]
            assert (
                "HttpOnly" in page.headers["Set-Cookie"]
                or "csrftoken" in page.headers["Set-Cookie"]
            )
            assert page.headers["Strict-Transport-Security"].startswith("max-age=")
            assert page.headers["X-Frame-Options"] == "DENY"


def test_demo_serves_the_demo_organisation(tmp_path: Path) -> None:
    port = free_port()
    with running(
        ["demo", "--port", str(port), "--data-dir", str(tmp_path / "var")], clean_env(tmp_path)
    ) as server:
        # It migrates, seeds every area and collects the static files before it answers.
        assert wait_for(f"http://127.0.0.1:{port}/healthz", server, timeout=240) == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz") as response:
            assert json.load(response)["database"] is True
    output = server.stdout.read() if server.stdout else ""
    assert f"socialroadmap is running at http://127.0.0.1:{port}/" in output
    assert "owner@demo.socialroadmap.test" in output
    assert (tmp_path / "var" / "socialroadmap.sqlite3").exists()
    again = cli(tmp_path, "demo", "--no-serve", "--data-dir", str(tmp_path / "var"))
    assert "nothing changed" in again.stdout


@pytest.mark.parametrize(
    "args", [["org", "list"], ["user", "create", "x@y.test", "--org", "a", "--role", "viewer"]]
)
def test_commands_on_a_database_without_tables_say_what_to_do(
    tmp_path: Path, args: list[str]
) -> None:
    result = cli(tmp_path, *args)
    assert result.returncode == 1
    assert "socialroadmap migrate" in result.stderr
    assert "Traceback" not in result.stderr
