"""The one HTTP fetch helper of the live connectors.

Social networks throttle hard and fail often, so every request goes through
``HttpFetcher.get``: it retries connection errors, 429 and 5xx with exponential backoff
and jitter, honours ``Retry-After``, and reads the rate-limit headers each network sends
so that the next call waits for the reset instead of being refused. Sleeping, the clock
and the jitter are injected, which keeps the tests fast and exact.

Tokens travel only in the ``Authorization`` header. They never appear in an exception
message or a log line: messages are built from the URL with secret-looking query
parameters masked, and any stray copy of the token is masked as well.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

logger = logging.getLogger(__name__)

USER_AGENT = "socialroadmap/0.1 (social media scan; +https://github.com/socialroadmap)"
# Statuses worth another try: throttling and server trouble; others will not get better.
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_SECRET_PARAMS = ("token", "key", "secret", "password", "auth", "sig")
# Rate-limit resets above this are epoch seconds (Bluesky), below it seconds to wait (Reddit).
_EPOCH_THRESHOLD = 1_000_000_000

Params = Mapping[str, str | int | None]


class ConnectorError(Exception):
    """A live source could not be read; says which URL and, when known, which status."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class AuthenticationError(ConnectorError):
    """The network refused the credentials (HTTP 401 or 403)."""


def redact_url(url: str) -> str:
    """The URL with the values of secret-looking query parameters replaced by ``***``."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (name, "***" if any(word in name.lower() for word in _SECRET_PARAMS) else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe="*")))


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)


def parse_rate_limit_reset(value: str | None, now: float) -> float | None:
    """The epoch second a rate-limit window resets, from any network's reset header.

    Mastodon sends an ISO timestamp, Reddit the seconds left, Bluesky epoch seconds.
    """
    if not value:
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    return number if number >= _EPOCH_THRESHOLD else now + number


class HttpFetcher:
    """GET requests with retries, backoff and respect for the networks' rate limits.

    ``max_wait`` caps any single wait for ``Retry-After`` or a rate-limit reset, so a
    wrong header cannot park a job for hours. ``jitter`` returns a number in [0, 1]; the
    backoff before retry ``n`` is ``backoff * 2**(n-1)`` (at most ``max_backoff``),
    scaled into its upper half by the jitter so that clients do not retry in step.
    """

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        max_attempts: int = 5,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        max_wait: float = 900.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = random.random,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.user_agent = user_agent
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_wait = max_wait
        self.timeout = timeout
        self._sleep = sleep
        self._clock = clock
        self._jitter = jitter
        self._transport = transport
        self._client: httpx.Client | None = None
        # Per host: the epoch second before which no request should be sent.
        self._not_before: dict[str, float] = {}

    def get(
        self,
        url: str,
        *,
        params: Params | None = None,
        headers: Mapping[str, str] | None = None,
        token: str | None = None,
    ) -> httpx.Response:
        """The response to ``GET url``: 2xx or 304; ConnectorError otherwise.

        ``token`` is sent as a bearer token. Retries as described on the class.
        """
        request_headers = {"User-Agent": self.user_agent, **(headers or {})}
        if token:
            request_headers["Authorization"] = f"Bearer {token}"
        query = {name: str(value) for name, value in (params or {}).items() if value is not None}
        # Merged, not replaced: a Link header's URL carries its own query.
        target = httpx.URL(url).copy_merge_params(query) if query else httpx.URL(url)
        host = target.netloc.decode("ascii")
        for attempt in range(1, self.max_attempts + 1):
            self._wait_for_rate_limit(host)
            try:
                response = self.client.get(target, headers=request_headers)
            except httpx.TransportError as exc:
                shown = redact_url(str(target))
                if attempt == self.max_attempts:
                    message = _mask(f"could not reach {shown}: {exc}", token)
                    raise ConnectorError(message, url=shown) from exc
                delay = self._backoff(attempt)
                logger.warning(
                    "%s: %s; retry %d in %.1f s", shown, type(exc).__name__, attempt, delay
                )
                self._sleep(delay)
                continue
            self._note_rate_limit(host, response)
            if response.status_code not in _RETRY_STATUSES or attempt == self.max_attempts:
                return _checked(response, token)
            delay = self._retry_delay(host, response, attempt)
            shown = redact_url(str(response.request.url))
            logger.warning(
                "%s: HTTP %d; retry %d in %.1f s", shown, response.status_code, attempt, delay
            )
            self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(
        self,
        url: str,
        *,
        params: Params | None = None,
        headers: Mapping[str, str] | None = None,
        token: str | None = None,
    ) -> tuple[Any, httpx.Response]:
        """The decoded JSON body and the response; ConnectorError when it is not JSON."""
        response = self.get(url, params=params, headers=headers, token=token)
        try:
            return response.json(), response
        except ValueError as exc:
            shown = redact_url(str(response.request.url))
            raise ConnectorError(
                f"{shown} did not answer with JSON", url=shown, status=response.status_code
            ) from exc

    @property
    def client(self) -> httpx.Client:
        """The connection pool, opened on first use and again after ``close``."""
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, transport=self._transport
            )
        return self._client

    def close(self) -> None:
        """Close pooled connections; the fetcher (and its rate-limit state) stays usable."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _backoff(self, attempt: int) -> float:
        delay = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
        return delay * (0.5 + 0.5 * self._jitter())

    def _retry_delay(self, host: str, response: httpx.Response, attempt: int) -> float:
        retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock())
        if retry_after is not None:
            return min(retry_after, self.max_wait)
        if self._not_before.get(host, 0.0) > self._clock():
            return 0.0  # the rate-limit wait before the next call is the delay
        return self._backoff(attempt)

    def _note_rate_limit(self, host: str, response: httpx.Response) -> None:
        headers = response.headers
        remaining = headers.get("X-RateLimit-Remaining") or headers.get("RateLimit-Remaining")
        reset = headers.get("X-RateLimit-Reset") or headers.get("RateLimit-Reset")
        try:
            exhausted = remaining is not None and float(remaining) <= 0
        except ValueError:
            exhausted = False
        if not exhausted:
            self._not_before.pop(host, None)
            return
        now = self._clock()
        reset_at = parse_rate_limit_reset(reset, now)
        if reset_at is not None and reset_at > now:
            self._not_before[host] = min(reset_at, now + self.max_wait)

    def _wait_for_rate_limit(self, host: str) -> None:
        wait = self._not_before.get(host, 0.0) - self._clock()
        if wait > 0:
            logger.info("%s: rate limit reached; waiting %.1f s for the reset", host, wait)
            self._sleep(wait)
        self._not_before.pop(host, None)


def _checked(response: httpx.Response, token: str | None) -> httpx.Response:
    status = response.status_code
    if status < 400:
        return response
    shown = redact_url(str(response.request.url))
    if status in (401, 403):
        raise AuthenticationError(
            f"{shown} refused access (HTTP {status}): check the credentials configured "
            "for this source",
            url=shown,
            status=status,
        )
    detail = _error_detail(response)
    message = f"{shown} answered HTTP {status}" + (f": {detail}" if detail else "")
    raise ConnectorError(_mask(message, token), url=shown, status=status)


def _error_detail(response: httpx.Response) -> str:
    """The network's own short explanation, from the JSON error bodies they send."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    parts = [body.get(name) for name in ("error", "message", "error_description")]
    return "; ".join(str(part) for part in parts if part)[:200]


def _mask(message: str, token: str | None) -> str:
    return message.replace(token, "***") if token else message
