"""`socialroadmap bench import`: import posts end to end into SQLite and PostgreSQL.

Figures, not tests. One run generates the posts (texts from the labelled data, read in
place), times the engine alone on them in this process, then, for each database, runs
a fresh process (`bench import-run`) that migrates an empty database, imports the file
(parse, analyse, store, roll up) and times the dashboard API on the result.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

QUERIES = [
    ("mertens", "brand", "mertens OR #mertens OR coffee OR koffie"),
    ("lavazza", "competitor", "lavazza OR espresso OR #lavazza"),
    ("service", "sector", "service OR klant* OR customer*"),
    ("weekend", "other", "weekend OR zaterdag OR saturday"),
]
SOURCES = ("x", "instagram", "facebook", "linkedin", "mastodon")
DASHBOARD = {
    "volume per day, 90 days": "rollups/?interval=day&since={since}",
    "volume per hour, 2 days": "rollups/?interval=hour&since={recent}",
    "share of voice, 90 days": "rollups/share-of-voice/?since={since}",
    "posts, filtered, page 1": "posts/?sentiment=negative&source=x",
}
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def write_posts(path: Path, texts: list[str], count: int, seed: int = 7) -> None:
    """``count`` posts over the last 90 days, cycling through ``texts``."""
    rng = random.Random(seed)  # noqa: S311 - made-up posts, not secrets
    now = datetime.now(UTC)
    authors = [f"user{n}" for n in range(5000)]
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            post = {
                "id": str(number),
                "text": texts[number % len(texts)],
                "author": rng.choice(authors),
                "source": rng.choice(SOURCES),
                "created_at": (now - timedelta(minutes=rng.randrange(90 * 24 * 60))).isoformat(),
                "likes": rng.randrange(50),
                "shares": rng.randrange(10),
                "replies": rng.randrange(10),
            }
            out.write(json.dumps(post) + "\n")


def engine_seconds(path: Path) -> float:
    """The analysis alone (as `socialroadmap analyze` runs it) over the file."""
    from socialroadmap.engine.pipeline import Analyzer, run_serial, settle

    analyzer = Analyzer([(name, query) for name, _, query in QUERIES])
    settle()
    with path.open("rb") as lines:
        start = time.perf_counter()
        deque(run_serial(analyzer, lines, encoded=True), maxlen=0)
        return time.perf_counter() - start


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``server_url``, dropped afterwards."""
    import psycopg

    name = f"socialroadmap_bench_{secrets.token_hex(4)}"
    base, _, _ = server_url.rpartition("/")
    # Through the server's "postgres" database: the one in the URL may not exist (the
    # test database's name before the tests create it).
    admin = f"{base}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_backend(database_url: str, path: Path, requests: int, data_dir: Path) -> dict[str, Any]:
    """Import the file in a fresh process on ``database_url``; its figures as a dict."""
    env = {**os.environ, "DATABASE_URL": database_url, "SOCIALROADMAP_DATA_DIR": str(data_dir)}
    env.pop("REDIS_URL", None)  # the import runs in that process, not on a worker
    command = [sys.executable, "-m", "socialroadmap", "bench", "import-run", str(path)]
    command += ["--requests", str(requests)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own command
    if done.returncode != 0:
        raise click.ClickException(f"the import on {database_url} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@click.command("import")
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared/data/sentiment"),
    show_default=True,
)
@click.option("--posts", default=1_000_000, show_default=True, help="Posts to import.")
@click.option(
    "--postgres",
    default=lambda: os.environ.get("SOCIALROADMAP_TEST_DATABASE_URL", DEFAULT_POSTGRES),
    show_default="$SOCIALROADMAP_TEST_DATABASE_URL or the local server",
    help="A PostgreSQL server URL to create a scratch database on; 'none' to skip.",
)
@click.option("--requests", default=50, show_default=True, help="Requests per dashboard call.")
def import_bench(data_dir: Path, posts: int, postgres: str, requests: int) -> None:
    """Import posts into SQLite and PostgreSQL beside the engine alone; dashboard latency."""
    from socialroadmap.bench import speed_sets

    try:
        sets = speed_sets(data_dir, 10**9)
    except OSError as error:
        message = f"cannot read the labelled data in {data_dir}: {error}"
        raise click.ClickException(message) from None
    texts = sets["English"] + sets["Dutch"]
    with tempfile.TemporaryDirectory(prefix="socialroadmap-bench-") as scratch:
        folder = Path(scratch)
        path = folder / "posts.ndjson"
        write_posts(path, texts, posts)
        click.echo(f"Import of {posts:,} posts (NDJSON, {path.stat().st_size / 2**20:,.0f} MB)")
        seconds = engine_seconds(path)
        engine_rate = posts / seconds
        click.echo(f"  engine alone (analyze pipeline, 1 core)   {engine_rate:>10,.0f} posts/s")
        backends: list[tuple[str, str, str | None]] = [
            ("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}", None)
        ]
        if postgres.lower() != "none":
            backends.append(("PostgreSQL", "", postgres))
        results: dict[str, dict[str, Any]] = {}
        for label, url, server in backends:
            if server is None:
                results[label] = run_backend(url, path, requests, folder / label)
            else:
                with postgres_database(server) as scratch_url:
                    results[label] = run_backend(scratch_url, path, requests, folder / label)
            figures = results[label]
            rate = figures["imported"] / figures["seconds"]
            click.echo(
                f"  import into {label:<11} end to end        {rate:>10,.0f} posts/s"
                f"  ({rate / engine_rate:.2f} of the engine alone)"
            )
        click.echo(
            f"Dashboard API latency at {posts:,} posts (ms, p50 / p95 of {requests}): "
            "computed → from the figures cache"
        )
        for name in DASHBOARD:
            cells = []
            for label, figures in results.items():
                computed, cached = (figures["latency"][name][way] for way in ("computed", "cached"))
                cells.append(
                    f"{label} {computed[0]:6.1f} /{computed[1]:6.1f} → "
                    f"{cached[0]:5.1f} /{cached[1]:5.1f}"
                )
            click.echo(f"  {name:<28} {'  '.join(cells)}")


@click.command("import-run", hidden=True)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--requests", default=50)
def import_run(path: Path, requests: int) -> None:
    """(Internal) migrate, import PATH and time the dashboard API; prints JSON."""
    from socialroadmap.cli import setup_django

    setup_django()
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from socialroadmap.accounts.models import User
    from socialroadmap.accounts.services import create_api_token
    from socialroadmap.listening import figures
    from socialroadmap.listening.services.imports import run_import, start_import
    from socialroadmap.listening.services.queries import create_query
    from socialroadmap.organizations.services import create_organization

    call_command("migrate", interactive=False, verbosity=0)
    owner = User.objects.create_user("bench@example.test", secrets.token_urlsafe(16))
    organization = create_organization("bench", "Bench", actor=owner)
    for name, kind, query in QUERIES:
        create_query(organization, name=name, query=query, kind=kind, actor=owner)
    job = start_import(
        organization, format="ndjson", filename=path.name, size=path.stat().st_size, actor=owner
    )
    start = time.perf_counter()
    job = run_import(job, path)
    seconds = time.perf_counter() - start

    _token, raw = create_api_token(owner, "bench")
    client = APIClient(SERVER_NAME="localhost")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    now = datetime.now(UTC)
    values = {
        "since": (now - timedelta(days=90)).date().isoformat(),
        "recent": (now - timedelta(days=2)).date().isoformat(),
    }
    latency: dict[str, dict[str, tuple[float, float]]] = {}
    for name, template in DASHBOARD.items():
        url = f"/api/v1/organizations/bench/listening/{template.format(**values)}"
        latency[name] = {}
        # Computed: the figures cache emptied before each request (as after a rebuild);
        # cached: the same request again, as every request until the next rebuild.
        for way in ("computed", "cached"):
            times = []
            for _ in range(requests):
                if way == "computed":
                    figures.clear()
                begin = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - begin) * 1000)
                if response.status_code != 200:
                    raise click.ClickException(f"{url}: {response.status_code}")
            times.sort()
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            latency[name][way] = (statistics.median(times), p95)
    click.echo(json.dumps({"seconds": seconds, "imported": job.imported, "latency": latency}))
