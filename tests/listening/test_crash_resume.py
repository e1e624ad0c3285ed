"""A worker killed in the middle of a large import or of a live fetch, and started again,
stores every post exactly once, with the rollups of a clean run (marker celery).

The kill is SIGKILL to the worker's whole process group: a crash (a power cut, the
host's OOM killer), not a shutdown, so the worker acknowledges, rejects and restores
nothing on its way out. As in ``tests/test_celery_import.py``, the test, its scripts and
the workers share one SQLite database in a temporary data directory (migrated once for
the module). The clean run goes into another organisation of that database, in-process
and without a worker; rollups are compared row by row, queries by name.

Redis gives a task that a dead worker had taken back to the queue once its visibility
timeout (an hour by default) has passed; ``Broker.redeliver_unacknowledged`` does at
once what that timeout does.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from kombu import Connection

from socialroadmap.connectors.mastodon.tests.test_mastodon import TAG_PATH, FakeTimeline, recorded
from socialroadmap.connectors.testing import FixtureServer, Reply, Request
from tests.celery_helpers import (
    ANALYSIS_QUERIES,
    REDIS_URL,
    RunningWorker,
    client_celery_app,
    migrate,
    require_redis,
    running_worker,
    worker_env,
)

# One xdist process runs both: they share the migrated data directory.
pytestmark = [pytest.mark.celery, pytest.mark.xdist_group("crash_resume")]

SCRIPT = """
import json, os, sys
from socialroadmap.cli import setup_django
setup_django()
from socialroadmap.listening.models import LiveSource
from socialroadmap.listening.services.imports import run_import, start_import
from socialroadmap.listening.services.queries import create_query
from socialroadmap.listening.services.sources import create_source, fetch_source
from socialroadmap.organizations.services import create_organization

command, queries, clean_slug, crash_slug, *args = sys.argv[1:]


def organization(slug):
    made = create_organization(slug, slug.title())
    for name, text in json.loads(queries):
        create_query(made, name=name, query=text, kind="brand", actor=None)
    return made


def import_job(org, path):
    size = os.path.getsize(path)
    return start_import(org, format="ndjson", filename="posts.ndjson", size=size, actor=None)


def source(org, url, newest_id):
    made = create_source(
        org, name="Koffie", kind="mastodon", config={"instance_url": url, "hashtag": "koffie"},
        actor=None,
    )
    # Fetched up to newest_id before: this fetch walks forward, a page per request.
    LiveSource.objects.filter(pk=made.pk).update(cursor={"newest_id": newest_id})
    return made


if command == "import":
    [path] = args
    clean = run_import(import_job(organization(clean_slug), path), path)
    assert clean.status == "done", clean.error
    # The job as the upload page leaves it; the test sends its task once a worker runs.
    print(json.dumps({"job": import_job(organization(crash_slug), path).pk}))
elif command == "sources":
    url, newest_id = args
    clean = fetch_source(source(organization(clean_slug), url, newest_id))
    assert clean.error == "", clean.error
    print(json.dumps({"source": source(organization(crash_slug), url, newest_id).pk}))
"""

TEXTS = [
    "Wat een heerlijke koffie vandaag bij Mertens! #koffie",
    "The coffee at Mertens was cold and the service terrible",
    "Nieuwe vestiging van de concurrent geopend in Gent",
    "Le café de Mertens est vraiment excellent ce matin",
    "Der Kaffee bei Mertens war leider kalt und teuer",
]
START = datetime(2026, 3, 2, 6, tzinfo=UTC)
WAIT = 25.0  # seconds for any one thing the workers do

# The import: parts of PART_ROWS rows; the worker is killed once KILL_AFTER_PARTS are
# stored.
POSTS = 2000
PART_ROWS = 100
PARTS = -(-POSTS // PART_ROWS)
KILL_AFTER_PARTS = 3

# The live source: STATUSES new statuses, 40 a page (the Mastodon connector's most),
# each page answered after PAGE_DELAY seconds (once the clean run has fetched them);
# killed once KILL_AFTER_POSTS are stored.
STATUSES = 400
PAGE_DELAY = 0.15
KILL_AFTER_POSTS = 120
BASE_ID = 113600000000000000


def test_an_import_killed_half_way_stores_every_post_once_with_the_rollups_of_a_clean_run(
    data_dir: Path, broker: Broker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file counts as large: the worker splits it into parts.
    monkeypatch.setenv("SOCIALROADMAP_IMPORT_SPLIT_BYTES", "0")
    monkeypatch.setenv("SOCIALROADMAP_IMPORT_PART_ROWS", str(PART_ROWS))
    database = data_dir / "socialroadmap.sqlite3"
    path = data_dir / "upload" / "posts.ndjson"
    ids = write_posts(path, POSTS)
    job = run_script(data_dir, "import", "clean-import", "crash-import", str(path))["job"]

    def stored_parts() -> int:
        return one(
            database,
            "SELECT COUNT(*) FROM listening_importpart WHERE import_job_id = ? AND done",
            job,
        )

    with client_celery_app() as client:
        with running_worker(client, data_dir) as worker:
            # What services.queue_import sends.
            client.send_task("listening.import_file", args=[job, str(path), None, None])
            wait_until(
                lambda: stored_parts() >= KILL_AFTER_PARTS and broker.unacknowledged() > 0,
                f"{KILL_AFTER_PARTS} parts stored",
                worker,
            )
            crash(worker)
        at_crash = stored_parts()
        redelivered = broker.redeliver_unacknowledged()
        with running_worker(client, data_dir) as worker:
            wait_until(
                lambda: (
                    one(database, "SELECT status FROM listening_importjob WHERE id = ?", job)
                    in ("done", "failed")
                ),
                "the import finished after the restart",
                worker,
            )
            log = worker.output()

    assert KILL_AFTER_PARTS <= at_crash < PARTS, "the worker was not killed half-way"
    assert redelivered == 1, "the part in flight was not waiting to be delivered again"
    counters = rows(
        database,
        "SELECT status, read, imported, duplicates, rejected, error, parts "
        "FROM listening_importjob WHERE id = ?",
        job,
    )
    assert counters == [("done", POSTS, POSTS, 0, 0, "", PARTS)], log
    assert rows(
        database,
        "SELECT COUNT(*), SUM(done), SUM(rows) FROM listening_importpart WHERE import_job_id = ?",
        job,
    ) == [(PARTS, PARTS, POSTS)]
    stored = external_ids(database, "crash-import")
    assert len(stored) == len(set(stored)) == POSTS
    assert set(stored) == set(ids)
    assert rollups(database, "crash-import") == rollups(database, "clean-import")
    assert not path.with_name("posts.ndjson.parts").exists()


def test_a_fetch_killed_half_way_resumes_at_its_cursor_and_stores_every_post_once(
    data_dir: Path, broker: Broker
) -> None:
    database = data_dir / "socialroadmap.sqlite3"
    timeline = FakeTimeline(statuses(STATUSES))
    delay = {"seconds": 0.0}

    def slow(request: Request) -> Reply:
        time.sleep(delay["seconds"])
        return timeline(request)

    with FixtureServer() as server, client_celery_app() as client:
        server.route(TAG_PATH, slow)
        source = run_script(
            data_dir, "sources", "clean-fetch", "crash-fetch", server.url, str(BASE_ID)
        )["source"]
        delay["seconds"] = PAGE_DELAY
        with running_worker(client, data_dir) as worker:
            fetch = client.send_task("listening.fetch_source", args=[source])
            wait_until(
                lambda: (
                    len(external_ids(database, "crash-fetch")) >= KILL_AFTER_POSTS
                    and broker.unacknowledged() > 0
                ),
                f"{KILL_AFTER_POSTS} posts fetched",
                worker,
            )
            crash(worker)
        at_crash = sorted(external_ids(database, "crash-fetch"), key=int)
        state_at_crash = source_state(database, source)
        redelivered = broker.redeliver_unacknowledged()
        with running_worker(client, data_dir) as worker:
            resumed = result_of(fetch, worker)
            # The source's interval passes: the due job fetches it again.
            rows(
                database,
                "UPDATE listening_livesource SET next_fetch_at = ? WHERE id = ?",
                "2000-01-01 00:00:00",
                source,
            )
            due = result_of(client.send_task("listening.fetch_due_sources"), worker)
            wait_until(broker.idle, "the due fetch finished", worker)
            log = worker.output()

    # Each page and its cursor were stored together: no gap, nothing past the cursor.
    assert KILL_AFTER_POSTS <= len(at_crash) < STATUSES, "the worker was not killed half-way"
    assert at_crash == [str(BASE_ID + n) for n in range(1, len(at_crash) + 1)]
    assert state_at_crash == ({"newest_id": at_crash[-1]}, len(at_crash), "")
    assert redelivered == 1, "the fetch in flight was not waiting to be delivered again"
    # The fetch delivered again went on from the cursor; the due one added nothing.
    assert (resumed["status"], resumed["stored"], resumed["duplicates"]) == (
        "done",
        STATUSES - len(at_crash),
        0,
    ), log
    assert due == {"queued": 1, "failed": 0}
    stored = external_ids(database, "crash-fetch")
    assert len(stored) == len(set(stored)) == STATUSES
    newest = str(BASE_ID + STATUSES)
    assert source_state(database, source) == ({"newest_id": newest}, STATUSES, ""), log
    assert rollups(database, "crash-fetch") == rollups(database, "clean-fetch")


# --- the worker and the broker ---------------------------------------------------------


class Broker:
    """The test broker: its queue, and the tasks workers took but did not acknowledge."""

    QUEUE = "celery"

    def __init__(self) -> None:
        # A visibility timeout of 0: every task taken counts as one whose worker is gone.
        self.connection = Connection(REDIS_URL, transport_options={"visibility_timeout": 0})
        self.channel: Any = self.connection.default_channel
        self.redis = self.channel.client

    def unacknowledged(self) -> int:
        return int(self.redis.hlen(self.channel.unacked_key))

    def idle(self) -> bool:
        """Nothing waiting nor running, twice in a row (a task taken from the queue is
        recorded as unacknowledged a moment later)."""
        for attempt in range(2):
            if self.redis.llen(self.QUEUE) or self.unacknowledged():
                return False
            if not attempt:
                time.sleep(0.3)
        return True

    def redeliver_unacknowledged(self) -> int:
        """Put the tasks that a dead worker took back in the queue, as Redis does once
        their visibility timeout has passed; how many there were."""
        taken = self.unacknowledged()
        self.channel.qos.restore_visible(num=1000, interval=1)
        assert self.unacknowledged() == 0
        return taken

    def clear(self) -> None:
        # Tasks an interrupted run left behind would run against this run's database.
        self.redis.delete(self.QUEUE, self.channel.unacked_key, self.channel.unacked_index_key)

    def close(self) -> None:
        self.connection.close()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_redis()
    folder = tmp_path_factory.mktemp("crash-resume")
    migrate(worker_env(folder))
    return folder


@pytest.fixture
def broker() -> Iterator[Broker]:
    require_redis()
    broker = Broker()
    broker.clear()
    try:
        yield broker
    finally:
        broker.clear()
        broker.close()


def crash(worker: RunningWorker) -> None:
    """SIGKILL the worker's process group: its main process and pool children die at
    once, acknowledging and giving back nothing."""
    os.killpg(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)


def wait_until(condition: Callable[[], bool], what: str, worker: RunningWorker) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if worker.process.poll() is not None:
            pytest.fail(f"the worker exited before {what}:\n{worker.output()}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"not {what} within {WAIT} s:\n{worker.output()}", pytrace=False)
        time.sleep(0.05)


def result_of(result: Any, worker: RunningWorker) -> Any:
    try:
        return result.get(timeout=WAIT)
    except Exception as error:  # any failure: show the worker's log with it
        pytest.fail(f"no result from the worker ({error!r}):\n{worker.output()}", pytrace=False)


def run_script(data_dir: Path, *args: str) -> dict[str, Any]:
    """Run ``SCRIPT`` against the data directory's database, as the web app would."""
    command, *rest = args
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, command, json.dumps(ANALYSIS_QUERIES), *rest],
        env=worker_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- the data and what was stored ------------------------------------------------------


def write_posts(path: Path, count: int) -> list[str]:
    """``count`` NDJSON posts over many hours; their ids."""
    path.parent.mkdir(exist_ok=True)
    posts = [
        {
            "id": f"post-{number}",
            "text": TEXTS[number % len(TEXTS)],
            "created_at": (START + timedelta(minutes=7 * number)).isoformat(),
            "likes": number % 13,
            "shares": number % 5,
            "reach": 10 * number,
            **({"lang": "nl"} if number % 4 == 0 else {}),
        }
        for number in range(count)
    ]
    path.write_text("".join(json.dumps(post) + "\n" for post in posts))
    return [post["id"] for post in posts]


def statuses(count: int) -> list[dict[str, Any]]:
    """``count`` statuses after ``BASE_ID``, 9 minutes apart, newest first."""
    template = recorded("tag_koffie.json")[0]
    made = []
    for number in range(1, count + 1):
        status_id = str(BASE_ID + number)
        posted = START + timedelta(minutes=9 * number)
        made.append(
            {
                **template,
                "id": status_id,
                "created_at": posted.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "content": f"<p>{TEXTS[number % len(TEXTS)]}</p>",
                "language": "nl" if number % 3 else None,
                "favourites_count": number % 17,
                "reblogs_count": number % 3,
                "replies_count": number % 4,
                "url": f"https://mastodon.nl/@anna/{status_id}",
                "uri": f"https://mastodon.nl/users/anna/statuses/{status_id}",
            }
        )
    return made[::-1]


def rows(database: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(database, timeout=20)
    try:
        found = connection.execute(sql, params).fetchall()
        connection.commit()
        return found
    finally:
        connection.close()


def one(database: Path, sql: str, *params: Any) -> Any:
    [(value,)] = rows(database, sql, *params) or [(None,)]
    return value


def external_ids(database: Path, slug: str) -> list[str]:
    found = rows(
        database,
        "SELECT p.external_id FROM listening_post p "
        "JOIN organizations_organization o ON o.id = p.organization_id WHERE o.slug = ?",
        slug,
    )
    return [external_id for (external_id,) in found]


def source_state(database: Path, source: int) -> tuple[dict[str, Any], int, str]:
    cursor, fetched, error = rows(
        database,
        "SELECT cursor, fetched_posts, last_error FROM listening_livesource WHERE id = ?",
        source,
    )[0]
    return json.loads(cursor), fetched, error


def rollups(database: Path, slug: str) -> Counter[tuple[Any, ...]]:
    """The organisation's rollup rows, with the query's name for its id."""
    found = rows(
        database,
        "SELECT r.period, q.name, r.source, r.lang, r.sentiment, r.posts, r.engagement, "
        "r.reach FROM listening_rollup r "
        "JOIN organizations_organization o ON o.id = r.organization_id "
        "LEFT JOIN listening_listeningquery q ON q.id = r.query_id WHERE o.slug = ?",
        slug,
    )
    counted = Counter(found)
    assert counted and any(name for _period, name, *_rest in found), "no rollups to compare"
    return counted
