"""The people of `socialroadmap bench load`, for Locust (run in its own process: Locust
patches the standard library with gevent). They use Locust's lighter HTTP client
(geventhttpclient), so the load generator takes as little as it can of the machine it
shares with the server.

Browsers log in and read the pages a conversation manager keeps open (organisation home,
roadmap, listening dashboard, success indicators, department plans); API clients read
the dashboard series and posts with a token. The harness passes who and where through
``LOAD_*`` environment variables.
"""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

ORG = os.environ.get("LOAD_ORG", "demo")
EMAIL = os.environ.get("LOAD_EMAIL", "")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
TOKEN = os.environ.get("LOAD_TOKEN", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "/account/login/"
# Every request's name, time (ms) and success, written when the run ends, so that the
# harness computes exact percentiles over the requests it chooses.
SAMPLES = os.environ.get("LOAD_SAMPLES", "")
_samples: list[tuple[str, float, bool, float]] = []


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any, **_: Any) -> None:
    _samples.append((name, response_time, exception is None, time.time()))


@events.quitting.add_listener
def _write(**_: Any) -> None:
    if SAMPLES:
        with open(SAMPLES, "w", encoding="utf-8") as out:
            json.dump(_samples, out)


class Browser(FastHttpUser):
    """A member with the product open in a browser."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self) -> None:
        page = self.client.get(LOGIN, name="web: login page")
        found = CSRF.search(page.text or "")
        if found is None:
            raise RuntimeError("no CSRF token on the login page")
        self.client.post(
            LOGIN,
            {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": found.group(1)},
            headers={"Referer": f"{self.host}{LOGIN}"},
            name="web: log in",
        )

    def page(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif LOGIN in (response.url or ""):
                response.failure("sent to the login page: not logged in")
            else:
                response.success()

    @task(3)
    def home(self) -> None:
        self.page(f"/o/{ORG}/", "web: organisation home")

    @task(3)
    def roadmap(self) -> None:
        self.page(f"/o/{ORG}/roadmap/", "web: roadmap board")

    @task(3)
    def listening(self) -> None:
        self.page(f"/o/{ORG}/listening/", "web: listening dashboard")

    @task(1)
    def indicators(self) -> None:
        self.page(f"/o/{ORG}/indicators/", "web: success indicators")

    @task(1)
    def plans(self) -> None:
        self.page(f"/o/{ORG}/plans/", "web: department plans")


class ApiClient(FastHttpUser):
    """A script or dashboard reading the API with a token."""

    weight = 2
    wait_time = between(1, 3)
    default_headers = {"Authorization": f"Bearer {TOKEN}"}

    def on_start(self) -> None:
        now = datetime.now(UTC)
        self.since = (now - timedelta(days=30)).date().isoformat()
        self.recent = (now - timedelta(days=2)).date().isoformat()
        self.base = f"/api/v1/organizations/{ORG}"

    @task(3)
    def volume_per_day(self) -> None:
        self.client.get(
            f"{self.base}/listening/rollups/?interval=day&since={self.since}",
            name="api: volume per day",
        )

    @task(2)
    def volume_per_hour(self) -> None:
        self.client.get(
            f"{self.base}/listening/rollups/?interval=hour&since={self.recent}",
            name="api: volume per hour",
        )

    @task(2)
    def share_of_voice(self) -> None:
        self.client.get(
            f"{self.base}/listening/rollups/share-of-voice/?since={self.since}",
            name="api: share of voice",
        )

    @task(2)
    def posts(self) -> None:
        self.client.get(f"{self.base}/listening/posts/?sentiment=negative", name="api: posts")

    @task(1)
    def roadmap(self) -> None:
        self.client.get(f"{self.base}/roadmap/", name="api: roadmap")
