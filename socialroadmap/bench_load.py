"""`socialroadmap bench load`: the production set-up under load, on the loopback only.

Figures, not tests. One run creates a scratch PostgreSQL database with the demo
organisation, starts the production web server (gunicorn) and Celery workers on Redis,
and lets Locust play browsing members and API clients against it: first one user alone
on an idle server (the baseline), then many users while the workers import a large file
of posts. It prints p50/p95/p99 latency, throughput and errors per page beside the
baseline, and how far the import got meanwhile. Everything it starts it stops, and the
scratch database is dropped.
"""

from __future__ import annotations

import csv
import json
import math
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from socialroadmap.bench_import import DEFAULT_POSTGRES, postgres_database

TARGET_P95_MS = 300.0
LOCUSTFILE = Path(__file__).parent / "loadtest" / "locustfile.py"
# Made-up posts in both languages about the demo's coffee roaster and its competitors;
# what matters here is their number, not what the model makes of them.
PHRASES = (
    "Mertens koffie is heerlijk vanochtend",
    "De espresso van Mertens was koud en duur, teleurgesteld",
    "Great coffee at Mertens today, friendly staff",
    "Waiting 20 minutes for my order at Mertens, not great",
    "Lavazza of Mertens? Ik twijfel nog",
    "Nieuwe koffiebar in Gent geopend, zaterdag gaan proeven",
    "Customer service answered my question within an hour #mertens",
    "Weekend! Koffie en croissants",
)
SOURCES = ("x", "instagram", "facebook", "linkedin", "mastodon")


def write_posts(path: Path, count: int, seed: int = 11) -> None:
    """``count`` posts over the last 30 days."""
    rng = random.Random(seed)  # noqa: S311 - made-up posts, not secrets
    now = datetime.now(UTC)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            post = {
                "id": f"load-{number}",
                "text": f"{rng.choice(PHRASES)} ({number})",
                "author": f"user{rng.randrange(5000)}",
                "source": rng.choice(SOURCES),
                "created_at": (now - timedelta(minutes=rng.randrange(30 * 24 * 60))).isoformat(),
                "likes": rng.randrange(50),
            }
            out.write(json.dumps(post) + "\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def internal(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run one of the hidden `bench load-…` steps in a fresh process; its JSON answer."""
    command = [sys.executable, "-m", "socialroadmap", "bench", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own command
    if done.returncode != 0:
        raise click.ClickException(f"bench {args[0]} failed:\n{done.stderr[-2000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


@contextmanager
def running(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A background process in its own process group, stopped (and its children) on exit."""
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


# The server collects and compresses its static files before it answers.
SERVER_START_SECONDS = 240


def wait_for_server(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise click.ClickException(f"the server stopped:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise click.ClickException(
        f"the server did not answer {url} within {SERVER_START_SECONDS} s:\n"
        f"{log.read_text()[-2000:]}"
    )


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    p50: float
    p95: float
    p99: float
    per_second: float


@dataclass
class Run:
    rows: dict[str, Row]  # per request name, and "Aggregated" (Locust's, logins included)
    overall: Overall
    steady: Overall  # after the users have started and logged in


# Users start at a fifth of them per second and log in first. A login hashes the
# password on purpose (about half a second of CPU each), so 30 at once hold the server
# for many seconds and the first pages queue behind them. The steady state begins this
# long after the last user has started *and* the last login has been answered, at the
# latest half-way through the run.
SETTLE_SECONDS = 10


def locust(
    env: dict[str, str], host: str, users: int, seconds: int, folder: Path, label: str
) -> Run:
    """One headless Locust run: its figures per request name and over all but logins."""
    prefix = folder / label
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // 5)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "5",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
    ]
    log = folder / f"{label}.log"
    env = {**env, "LOAD_SAMPLES": str(folder / f"{label}_samples.json")}
    with log.open("wb") as out:
        done = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)  # noqa: S603
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        raise click.ClickException(
            f"Locust wrote no figures (exit {done.returncode}):\n{log.read_text()[-2000:]}"
        )
    rows = {}
    with stats.open(newline="") as lines:
        for line in csv.DictReader(lines):
            rows[line["Name"]] = Row(
                name=line["Name"],
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                p50=float(line["50%"] or 0),
                p95=float(line["95%"] or 0),
                p99=float(line["99%"] or 0),
                per_second=float(line["Requests/s"] or 0),
            )
    ramp = users / max(1, users // 5)
    return Run(
        rows,
        overall(folder, label, seconds),
        overall(folder, label, seconds, steady_after=ramp),
    )


@dataclass
class Overall:
    """Percentiles over every request but the logins (a login hashes a password on
    purpose: it is slow by design and happens once per visit)."""

    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    per_second: float
    after: float = 0.0  # the seconds from the start of the run left out


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def overall(folder: Path, label: str, seconds: int, steady_after: float | None = None) -> Overall:
    """Over every request but the logins. With ``steady_after`` (the seconds it takes
    every user to start), only the steady state: the requests answered SETTLE_SECONDS
    or more after the last user started and the last login was answered."""
    samples = json.loads((folder / f"{label}_samples.json").read_text())
    start = min((at for *_, at in samples), default=0.0)
    settle = 0.0
    if steady_after is not None:
        logins = [at - start for name, _ms, _ok, at in samples if name == "web: log in"]
        settle = min(seconds / 2, max([steady_after, *logins]) + SETTLE_SECONDS)
    kept = [
        (ms, ok)
        for name, ms, ok, at in samples
        if not name.startswith("web: log") and at >= start + settle
    ]
    ordered = sorted(ms for ms, _ in kept)
    return Overall(
        requests=len(kept),
        errors=sum(1 for _, ok in kept if not ok),
        p50=percentile(ordered, 0.50),
        p95=percentile(ordered, 0.95),
        p99=percentile(ordered, 0.99),
        per_second=len(kept) / max(1.0, seconds - settle),
        after=settle,
    )


def failures(folder: Path, label: str) -> list[str]:
    """What went wrong, from Locust's failures file: "count x name: error"."""
    path = folder / f"{label}_failures.csv"
    if not path.exists():
        return []
    with path.open(newline="") as lines:
        return [
            f"{row['Occurrences']}x {row['Name']}: {row['Error']}" for row in csv.DictReader(lines)
        ]


def print_figures(baseline: Run, loaded: Run, users: int) -> None:
    click.echo(f"  {'':<28}{'1 user, idle (baseline)':>27}   {f'{users} users, importing':>33}")
    click.echo(
        f"  {'':<28}{'p50':>8}{'p95':>8}{'p99':>8}   {'requests':>9}{'errors':>7}"
        f"{'p50':>8}{'p95':>8}{'p99':>8}"
    )
    lines: list[tuple[str, Row | Overall | None, Row | Overall]] = [
        (name, baseline.rows.get(name), row)
        for name, row in sorted(loaded.rows.items())
        if name != "Aggregated"
    ]
    lines.append(("all but the logins", baseline.overall, loaded.overall))
    lines.append(
        (f"  the same, from {loaded.steady.after:.0f} s on", baseline.steady, loaded.steady)
    )
    for name, base, row in lines:
        before = (
            f"{base.p50:8.0f}{base.p95:8.0f}{base.p99:8.0f}"
            if base and base.requests
            else f"{'-':>8}" * 3
        )
        errors = row.failures if isinstance(row, Row) else row.errors
        click.echo(
            f"  {name:<28}{before}   {row.requests:>9,}{errors:>7}"
            f"{row.p50:8.0f}{row.p95:8.0f}{row.p99:8.0f}"
        )


@click.command("load")
@click.option("--users", default=50, show_default=True, help="Concurrent users under load.")
@click.option("--seconds", default=60, show_default=True, help="Length of the loaded run.")
@click.option(
    "--baseline-seconds", default=20, show_default=True, help="Length of the one-user run."
)
@click.option("--posts", default=1_000_000, show_default=True, help="Posts the workers import.")
@click.option(
    "--server-workers",
    default=max(2, os.cpu_count() or 1),
    show_default="the cores, at least 2",
    help="gunicorn worker processes (4 threads each).",
)
@click.option("--worker-concurrency", default=1, show_default=True, help="Celery processes.")
@click.option(
    "--postgres",
    default=lambda: os.environ.get("SOCIALROADMAP_TEST_DATABASE_URL", DEFAULT_POSTGRES),
    show_default="$SOCIALROADMAP_TEST_DATABASE_URL or the local server",
    help="A PostgreSQL server URL to create a scratch database on.",
)
@click.option(
    "--redis",
    default="redis://127.0.0.1:6379/9",
    show_default=True,
    help="The Redis broker (a database of its own: the run empties its queues).",
)
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path))
def load_bench(
    users: int,
    seconds: int,
    baseline_seconds: int,
    posts: int,
    server_workers: int,
    worker_concurrency: int,
    postgres: str,
    redis: str,
    json_path: Path | None,
) -> None:
    """The production server under USERS members and API clients while an import runs."""
    with ExitStack() as stack:
        folder = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="socialroadmap-load-"))
        )
        database = stack.enter_context(postgres_database(postgres))
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "REDIS_URL": redis,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SOCIALROADMAP_DATA_DIR": str(folder / "data"),
            "SOCIALROADMAP_SECURE_COOKIES": "0",  # plain HTTP on the loopback
            "SITE_URL": host,
        }
        for name in ("DEBUG", "SOCIALROADMAP_DEMO"):
            env.pop(name, None)
        click.echo("Preparing: scratch database, demo organisation, posts file …", err=True)
        ready = internal(env, "load-prepare")
        path = folder / "posts.ndjson"
        write_posts(path, posts)
        env.update(
            LOAD_ORG=ready["org"],
            LOAD_EMAIL=ready["email"],
            LOAD_PASSWORD=ready["password"],
            LOAD_TOKEN=ready["token"],
        )
        python = [sys.executable, "-m", "socialroadmap"]
        server_log, worker_log = folder / "server.log", folder / "worker.log"
        server = stack.enter_context(
            running(
                [*python, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(server_workers)],
                env,
                server_log,
            )
        )
        stack.enter_context(
            running(
                [
                    *python,
                    "worker",
                    "--concurrency",
                    str(worker_concurrency),
                    "--loglevel",
                    "warning",
                ],
                env,
                worker_log,
            )
        )
        wait_for_server(f"{host}/healthz", server, server_log)
        click.echo("Warming up: 2 users for 5 s …", err=True)
        locust(env, host, 2, 5, folder, "warm-up")
        click.echo(f"Baseline: 1 user for {baseline_seconds} s, no import …", err=True)
        baseline = locust(env, host, 1, baseline_seconds, folder, "baseline")
        job = internal(env, "load-import", str(path))["job"]
        before = wait_for_progress(env, job)
        click.echo(f"Load: {users} users for {seconds} s while the workers import …", err=True)
        loaded = locust(env, host, users, seconds, folder, "loaded")
        after = internal(env, "load-progress", str(job))
        problems = failures(folder, "loaded")
    report(
        users, seconds, posts, server_workers, worker_concurrency, baseline, loaded, before, after
    )
    for problem in problems[:10]:
        click.echo(f"  error: {problem}")
    errors = loaded.rows["Aggregated"].failures
    progressed = after["read"] > before["read"]
    if json_path is not None:
        json_path.write_text(
            json.dumps(
                {
                    "users": users,
                    "seconds": seconds,
                    "port": port,
                    "baseline": {name: vars(row) for name, row in baseline.rows.items()},
                    "baseline_overall": vars(baseline.overall),
                    "loaded": {name: vars(row) for name, row in loaded.rows.items()},
                    "loaded_overall": vars(loaded.overall),
                    "loaded_steady": vars(loaded.steady),
                    "import_before": before,
                    "import_after": after,
                },
                indent=2,
            )
        )
    if errors or not progressed:
        raise SystemExit(1)


def wait_for_progress(env: dict[str, str], job: int) -> dict[str, Any]:
    """The job's counters once the workers have started on it (or after 60 s)."""
    deadline = time.monotonic() + 60
    progress = internal(env, "load-progress", str(job))
    while progress["status"] == "queued" and time.monotonic() < deadline:
        time.sleep(1)
        progress = internal(env, "load-progress", str(job))
    return progress


def report(
    users: int,
    seconds: int,
    posts: int,
    server_workers: int,
    worker_concurrency: int,
    baseline: Run,
    loaded: Run,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    total = loaded.steady
    errors = loaded.rows["Aggregated"].failures
    click.echo(
        f"Load: {users} users for {seconds} s against gunicorn ({server_workers} workers x 4 "
        f"threads) on PostgreSQL, {worker_concurrency} Celery worker process(es) importing "
        f"{posts:,} posts (latency in ms)"
    )
    print_figures(baseline, loaded, users)
    stored_before, stored_after = before["read"], after["read"]
    click.echo(
        f"  throughput {loaded.overall.per_second:,.1f} requests/s (logins left out); "
        f"errors {errors} of {loaded.rows['Aggregated'].requests:,} requests (logins included)"
    )
    click.echo(
        f"Import during the run: {stored_before:,} → {stored_after:,} posts read "
        f"({(stored_after - stored_before) / seconds:,.0f} posts/s), status {after['status']}"
    )
    verdict = "met" if total.p95 < TARGET_P95_MS else "missed"
    progressed = "yes" if stored_after > stored_before else "NO"
    click.echo(
        f"Targets: p95 under {TARGET_P95_MS:.0f} ms in the steady state: {verdict} "
        f"({total.p95:.0f} ms); "
        f"errors: {errors}; import progressing: {progressed}"
    )


@click.command("load-prepare", hidden=True)
def load_prepare() -> None:
    """(Internal) migrate the scratch database, seed the demo, make an API token; JSON."""
    from socialroadmap.cli import setup_django

    setup_django()
    from django.core.management import call_command

    from socialroadmap.accounts.models import User
    from socialroadmap.accounts.services import create_api_token
    from socialroadmap.demo import DEMO_PASSWORD, PEOPLE, seed_demo

    call_command("migrate", interactive=False, verbosity=0)
    seed_demo()
    owner = User.objects.get(email=PEOPLE[0].email)
    _token, raw = create_api_token(owner, "load")
    answer = {"org": "demo", "email": owner.email, "password": DEMO_PASSWORD, "token": raw}
    click.echo(json.dumps(answer))


@click.command("load-import", hidden=True)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def load_import(path: Path) -> None:
    """(Internal) queue the import of PATH for the workers; JSON with the job's id."""
    from socialroadmap.cli import setup_django

    setup_django()
    from socialroadmap.accounts.models import User
    from socialroadmap.demo import PEOPLE
    from socialroadmap.listening.services import queue_import, start_import
    from socialroadmap.organizations.services import find_organization

    organization = find_organization("demo")
    owner = User.objects.get(email=PEOPLE[0].email)
    job = start_import(
        organization, format="ndjson", filename=path.name, size=path.stat().st_size, actor=owner
    )
    queue_import(job, str(path))
    click.echo(json.dumps({"job": job.pk}))


@click.command("load-progress", hidden=True)
@click.argument("job_id", type=int)
def load_progress(job_id: int) -> None:
    """(Internal) the import job's counters; JSON."""
    from socialroadmap.cli import setup_django

    setup_django()
    from socialroadmap.listening.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    fields = ("status", "read", "imported", "duplicates", "rejected", "done_bytes", "size")
    click.echo(json.dumps({name: getattr(job, name) for name in fields}))
