"""A fake Mastodon and Bluesky on 127.0.0.1 for the publishing tests: it answers POST
requests with scripted replies, honours Mastodon's Idempotency-Key as the real one
does, and records every request it got."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


Answer = tuple[int, dict[str, Any]]


@dataclass
class FakeNetwork:
    """Routes are POST paths answered by functions of the request; ``statuses`` are
    the Mastodon statuses made, by idempotency key."""

    routes: dict[str, Callable[[Received], Answer]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    statuses: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_next: int = 0

    def __post_init__(self) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self.routes.setdefault("/api/v1/statuses", self._mastodon_status)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def posts(self) -> list[Received]:
        return [r for r in self.received if r.path == "/api/v1/statuses"]

    def _mastodon_status(self, request: Received) -> Answer:
        if request.headers.get("authorization") != "Bearer good-token":
            return 401, {"error": "The access token is invalid"}
        if self.fail_next:
            self.fail_next -= 1
            return 422, {"error": "Validation failed: Text can't be blank"}
        key = request.headers.get("idempotency-key", "")
        if key not in self.statuses:
            number = str(100 + len(self.statuses))
            self.statuses[key] = {
                "id": number,
                "url": f"{self.url}/@mertens/{number}",
                "content": request.body.get("status"),
            }
        return 200, self.statuses[key]

    def __enter__(self) -> FakeNetwork:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def _handler(network: FakeNetwork) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            request = Received(
                self.path,
                {k.lower(): v for k, v in self.headers.items()},
                json.loads(raw or b"{}"),
            )
            network.received.append(request)
            route = network.routes.get(self.path)
            status, body = route(request) if route else (404, {"error": "not found"})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
