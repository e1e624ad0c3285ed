"""A local HTTP server and a fake clock for the live connectors' tests.

``FixtureServer`` serves recorded response files and scripted replies on 127.0.0.1, so
connector tests exercise the real HTTP client without the internet. A route matches a
path and, optionally, some query parameters; the most specific matching route answers
(the latest added among equals, so a test can replace a route). Its replies are played
in order and the last one repeats, which scripts sequences such as "500, then 200". A
reply may also be a function of the request, for servers that page through a data set
or answer ``If-None-Match`` with 304.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from socialroadmap.connectors.http import HttpFetcher
from socialroadmap.connectors.live import Page


@dataclass(frozen=True, slots=True)
class Request:
    """A request the server received: path, query (last value per name) and headers."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        """A request header, looked up case-insensitively."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


@dataclass(frozen=True, slots=True)
class Reply:
    """A scripted response."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Reply:
        """A JSON response."""
        return cls(
            status,
            json.dumps(data).encode(),
            {"Content-Type": "application/json; charset=utf-8", **(headers or {})},
        )


Responder = Reply | Callable[[Request], Reply]


@dataclass
class _Route:
    path: str
    query: dict[str, str]
    replies: list[Responder]

    def matches(self, request: Request) -> bool:
        return request.path == self.path and all(
            request.query.get(name) == value for name, value in self.query.items()
        )


class FixtureServer:
    """An HTTP server on a free local port that answers from fixtures and scripts.

    Use as a context manager; ``url`` is its base URL and ``requests`` what it received.
    Unrouted requests get 404.
    """

    def __init__(self, fixtures: Path | None = None) -> None:
        self.fixtures = fixtures
        self.requests: list[Request] = []
        self._routes: list[_Route] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL, without a trailing slash."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def file(
        self, name: str, *, status: int = 200, headers: Mapping[str, str] | None = None
    ) -> Reply:
        """A reply whose body is the fixture file ``name``, typed by its extension."""
        if self.fixtures is None:
            raise ValueError("this server was started without a fixtures folder")
        content_type = {
            ".json": "application/json; charset=utf-8",
            ".xml": "application/rss+xml; charset=utf-8",
            ".atom": "application/atom+xml; charset=utf-8",
        }.get(Path(name).suffix, "application/octet-stream")
        body = (self.fixtures / name).read_bytes()
        return Reply(status, body, {"Content-Type": content_type, **(headers or {})})

    def route(self, path: str, *replies: Responder, query: Mapping[str, str] | None = None) -> None:
        """Answer ``GET path`` (with at least these query values) with ``replies`` in turn."""
        if not replies:
            raise ValueError("a route needs at least one reply")
        with self._lock:
            self._routes.append(_Route(path, dict(query or {}), list(replies)))

    def respond(self, request: Request) -> Reply:
        """The reply to a request: the next one of the most specific matching route."""
        with self._lock:
            self.requests.append(request)
            candidates = [route for route in self._routes if route.matches(request)]
            if not candidates:
                return Reply.json({"error": "not found"}, status=404)
            # Most specific first; among equals the latest, so a route can be replaced.
            route = max(reversed(candidates), key=lambda r: len(r.query))
            responder = route.replies.pop(0) if len(route.replies) > 1 else route.replies[0]
        return responder(request) if callable(responder) else responder

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def _handler_for(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; Nagle plus delayed ACKs would hold the
        # second for 40 ms on every keep-alive request.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            request = Request(
                parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)), dict(self.headers)
            )
            reply = server.respond(request)
            body = b"" if reply.status == 304 else reply.body
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

    return Handler


class FakeClock:
    """Epoch time that moves only when something sleeps; records every wait."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now
        self.waits: list[float] = []

    def time(self) -> float:
        """The current fake epoch second."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the wait and move time on."""
        self.waits.append(seconds)
        self.now += seconds


def with_headers(
    responder: Responder, headers: Mapping[str, str] | Callable[[], Mapping[str, str]]
) -> Callable[[Request], Reply]:
    """``responder``'s replies with extra headers (worked out per request when a
    function), such as a rate-limit window that has run out."""

    def respond(request: Request) -> Reply:
        reply = responder(request) if callable(responder) else responder
        extra = headers() if callable(headers) else headers
        return Reply(reply.status, reply.body, {**reply.headers, **extra})

    return respond


def post_ids(pages: list[Page]) -> list[str]:
    """The ids of the posts on ``pages``, in order."""
    return [post.id for page in pages for post in page.posts]


def django_modules_after_importing(*modules: str) -> list[str]:
    """The Django modules a fresh interpreter has loaded after importing ``modules``;
    connectors must leave the list empty so jobs and the CLI can use them alone."""
    code = (
        "import importlib, sys\n"
        f"for name in {list(modules)!r}: importlib.import_module(name)\n"
        "print(' '.join(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    # Runs this interpreter on fixed code: nothing untrusted reaches the command line.
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def fast_fetcher(clock: FakeClock, **options: Any) -> HttpFetcher:
    """A fetcher that sleeps on ``clock``, with no jitter (backoff is exactly 1, 2, 4 s)."""
    return HttpFetcher(sleep=clock.sleep, clock=clock.time, jitter=lambda: 1.0, **options)


def iter_pages_until(pages: Iterator[Page], count: int) -> list[Page]:
    """The first ``count`` pages, as a job that crashes after storing them saw them."""
    taken: list[Page] = []
    for item in pages:
        taken.append(item)
        if len(taken) == count:
            break
    return taken
