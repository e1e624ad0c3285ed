"""Bluesky: mapping, search paging, the since-date cursor, restarts, rate limits, auth."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from socialroadmap.connectors.bluesky import BlueskyConnector, map_item
from socialroadmap.connectors.http import AuthenticationError
from socialroadmap.connectors.live import LIVE_SOURCES, Page, parse_timestamp
from socialroadmap.connectors.testing import (
    FakeClock,
    FixtureServer,
    Reply,
    Request,
    django_modules_after_importing,
    fast_fetcher,
    iter_pages_until,
    with_headers,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
SEARCH_PATH = "/xrpc/app.bsky.feed.searchPosts"


def recorded() -> list[dict[str, Any]]:
    body = json.loads((FIXTURES / "search_posts.json").read_text(encoding="utf-8"))
    return list(body["posts"])


# Two posts share 08:02:00; ties go by URI, so Tom's did:plc:ewvi… comes first.
RKEYS_OLDEST_FIRST = ["3mab7w2p7fs2c", "3mabb4z6vnk2m", "3mabc5tqhyc2x", "3mabc5tq2aa2b"]
RKEYS_OLDEST_FIRST += ["3mabc7klx2s2k"]


class FakeSearch:
    """searchPosts as Bluesky answers it: newest first by sort time, ``since`` inclusive,
    and an opaque ``cursor`` to the next, older page."""

    def __init__(self, posts: list[dict[str, Any]]) -> None:
        self.posts = posts

    def __call__(self, request: Request) -> Reply:
        def sort_at(view: dict[str, Any]) -> datetime:
            moments = (view["record"]["createdAt"], view["indexedAt"])
            return min(m for m in map(parse_timestamp, moments) if m is not None)

        rows = sorted(self.posts, key=sort_at, reverse=True)
        since = parse_timestamp(request.query.get("since"))
        if since is not None:
            rows = [view for view in rows if sort_at(view) >= since]
        offset, limit = int(request.query.get("cursor", "0")), int(request.query["limit"])
        body: dict[str, Any] = {"posts": rows[offset : offset + limit], "hitsTotal": len(rows)}
        if offset + limit < len(rows):
            body["cursor"] = str(offset + limit)
        return Reply.json(body)


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer(FIXTURES) as running:
        yield running


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def search(server: FixtureServer) -> FakeSearch:
    fake = FakeSearch(recorded())
    server.route(SEARCH_PATH, fake)
    return fake


def connector(server: FixtureServer, clock: FakeClock, **options: Any) -> BlueskyConnector:
    options = {"page_size": 2, "backfill_pages": 10, **options}
    return BlueskyConnector(
        "koffie", service_url=server.url, fetcher=fast_fetcher(clock, max_attempts=3), **options
    )


def rkeys(pages: list[Page]) -> list[str]:
    return [post.id.rsplit("/", 1)[-1] for page in pages for post in page.posts]


def test_it_maps_a_post_view_field_by_field() -> None:
    post = map_item(recorded()[0])
    assert post.id == "at://did:plc:7kq3xzv2mh4pnnwbd5q6u3ls/app.bsky.feed.post/3mabc7klx2s2k"
    assert post.text.startswith("Klantenservice van de bonenbar via Bluesky")
    assert post.text.endswith("Zo hoort het! #koffie")
    assert post.author == "sannedevries.bsky.social"
    assert post.created_at == datetime(2026, 12, 1, 8, 41, 12, 345000, tzinfo=UTC)
    assert post.source == "bluesky"
    assert post.url == "https://bsky.app/profile/sannedevries.bsky.social/post/3mabc7klx2s2k"
    assert post.lang == "nl"
    assert (post.engagement.likes, post.engagement.shares, post.engagement.replies) == (23, 4, 3)
    assert post.raw["cid"] == "bafyreia3f7u5kqzqv6wmmrgnzmyyuhsrydeeexkz2eyhyv5p3fmmvpunqy"


def test_an_english_post_and_one_dated_in_the_future() -> None:
    english, ahead = map_item(recorded()[4]), map_item(recorded()[3])
    assert english.lang == "en" and english.author == "tomharris.dev"
    assert (english.engagement.likes, english.engagement.shares) == (48, 12)
    assert ahead.created_at == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # what it claims


def test_a_first_run_reads_back_and_pages_oldest_first(
    server: FixtureServer, clock: FakeClock, search: FakeSearch
) -> None:
    pages = list(connector(server, clock).fetch(None))
    assert [len(page.posts) for page in pages] == [2, 2, 1]
    assert rkeys(pages) == RKEYS_OLDEST_FIRST  # the future-dated post by when it was indexed
    assert [request.query.get("cursor") for request in server.requests] == [None, "2", "4"]
    assert server.requests[0].query == {"q": "koffie", "sort": "latest", "limit": "2"}
    assert pages[1].cursor == {
        "since": "2026-12-01T08:02:00+00:00",
        "seen": sorted(recorded()[i]["uri"] for i in (1, 2)),
    }


def test_a_first_run_reads_only_as_far_back_as_asked(
    server: FixtureServer, clock: FakeClock, search: FakeSearch
) -> None:
    pages = list(connector(server, clock, backfill_pages=1).fetch(None))
    assert rkeys(pages) == ["3mabc5tqhyc2x", "3mabc7klx2s2k"]  # the newest page of two
    assert len(server.requests) == 1


def test_later_runs_ask_since_the_cursor_and_skip_what_was_seen(
    server: FixtureServer, clock: FakeClock, search: FakeSearch
) -> None:
    pages = list(connector(server, clock).fetch(None))
    newer = dict(
        recorded()[2], uri="at://did:plc:q6gjnaw2blty4crticxkmujt/app.bsky.feed.post/3mabd"
    )
    newer["record"] = dict(newer["record"], createdAt="2026-12-01T10:00:00.000Z")
    newer["indexedAt"] = "2026-12-01T10:00:00.250Z"
    search.posts.append(newer)
    again = list(connector(server, clock).fetch(pages[-1].cursor))
    assert rkeys(again) == ["3mabd"]
    assert server.requests[-1].query["since"] == "2026-12-01T08:41:12.345000+00:00"


def test_a_restart_from_any_persisted_cursor_yields_every_post_once(
    server: FixtureServer, clock: FakeClock, search: FakeSearch
) -> None:
    for crash_after in (1, 2):
        before = iter_pages_until(connector(server, clock).fetch(None), crash_after)
        after = list(connector(server, clock).fetch(before[-1].cursor))
        assert rkeys(before) + rkeys(after) == RKEYS_OLDEST_FIRST


def test_it_waits_until_the_rate_limit_resets(
    server: FixtureServer, clock: FakeClock, search: FakeSearch
) -> None:
    def exhausted() -> dict[str, str]:  # the reset in epoch seconds, as Bluesky sends it
        return {"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(clock.now) + 12)}

    server.route(SEARCH_PATH, with_headers(search, exhausted), search)
    list(connector(server, clock, backfill_pages=2).fetch(None))
    assert clock.waits == [12.0]


def test_it_retries_a_server_error_once(
    server: FixtureServer, clock: FakeClock, search: FakeSearch
) -> None:
    server.route(SEARCH_PATH, Reply.json({"error": "InternalServerError"}, 500), search)
    assert rkeys(list(connector(server, clock, backfill_pages=1).fetch(None)))
    assert clock.waits == [1.0]


def test_an_expired_token_is_an_authentication_error_that_never_shows_it(
    server: FixtureServer, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    body = {"error": "ExpiredToken", "message": "Token has expired"}
    server.route(SEARCH_PATH, Reply.json(body, 401))
    bluesky = BlueskyConnector(
        "koffie", "eyJhbGciOi.secret.jwt", server.url, fetcher=fast_fetcher(clock)
    )
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as raised:
        list(bluesky.fetch(None))
    assert "check the credentials" in str(raised.value)
    assert "eyJhbGciOi" not in str(raised.value) + caplog.text
    assert server.requests[0].header("Authorization") == "Bearer eyJhbGciOi.secret.jwt"


def test_the_registry_builds_it_and_marks_the_token_secret() -> None:
    source = LIVE_SOURCES["bluesky"]
    built = source.build({"query": "koffie", "access_token": "t"})
    assert (
        isinstance(built, BlueskyConnector) and built.service_url == "https://public.api.bsky.app"
    )
    assert source.secret_fields == frozenset({"access_token"})


def test_it_never_imports_django() -> None:
    assert django_modules_after_importing("socialroadmap.connectors.bluesky") == []
