"""Reddit: mapping, listing pages by fullname, restarts, rate limits, User-Agent, OAuth."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from socialroadmap.connectors.http import AuthenticationError
from socialroadmap.connectors.live import LIVE_SOURCES
from socialroadmap.connectors.reddit import RedditConnector, map_item
from socialroadmap.connectors.testing import (
    FakeClock,
    FixtureServer,
    Reply,
    Request,
    django_modules_after_importing,
    fast_fetcher,
    iter_pages_until,
    post_ids,
    with_headers,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
NEW_PATH = "/r/thenetherlands/new.json"
UA = "python:nl.example.socialroadmap:0.1 (by /u/roadmap_test)"


def recorded(name: str = "new.json") -> list[dict[str, Any]]:
    body = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return list(body["data"]["children"])


OLDEST_FIRST = [child["data"]["name"] for child in reversed(recorded())]


class FakeListing:
    """A subreddit's /new listing as Reddit pages it: newest first, ``after`` for older
    things, ``before`` for the ones right before (newer than) a fullname."""

    def __init__(self, children: list[dict[str, Any]]) -> None:
        self.children = children

    def __call__(self, request: Request) -> Reply:
        names = [child["data"]["name"] for child in self.children]
        limit = int(request.query.get("limit", "25"))
        start, end = 0, limit
        if "after" in request.query:
            start = names.index(request.query["after"]) + 1
            end = start + limit
        elif "before" in request.query:
            end = names.index(request.query["before"])
            start = max(0, end - limit)
        page = self.children[start:end]
        more = end < len(names) and bool(page)
        data = {
            "after": page[-1]["data"]["name"] if more else None,
            "before": page[0]["data"]["name"] if page and start > 0 else None,
            "dist": len(page),
            "modhash": "",
            "geo_filter": "",
            "children": page,
        }
        return Reply.json({"kind": "Listing", "data": data})


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer(FIXTURES) as running:
        yield running


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def listing(server: FixtureServer) -> FakeListing:
    fake = FakeListing(recorded())
    server.route(NEW_PATH, fake)
    return fake


def connector(server: FixtureServer, clock: FakeClock, **options: Any) -> RedditConnector:
    options = {"page_size": 2, "subreddit": "r/thenetherlands", "user_agent": UA, **options}
    return RedditConnector(
        base_url=server.url, fetcher=fast_fetcher(clock, max_attempts=3), **options
    )


def test_it_maps_a_text_post_field_by_field() -> None:
    post = map_item(recorded()[0]["data"])
    assert post.id == "t3_1h3xk9q"
    assert post.text == (
        "Klantenservice van mijn energieleverancier reageert alleen nog via WhatsApp?\n\n"
        "Bellen kan niet meer, mailen levert een automatisch antwoord op.\n\n"
        "Is dit bij jullie ook zo? Ik vind het *best* irritant & onpersoonlijk."
    )
    assert post.author == "koffieleut"
    assert post.created_at == datetime.fromtimestamp(1796112312, UTC)
    assert post.source == "reddit"
    assert post.url == (
        "https://www.reddit.com/r/thenetherlands/comments/1h3xk9q/"
        "klantenservice_van_mijn_energieleverancier_reageert_alleen_nog_via/"
    )
    assert post.lang is None
    assert (post.engagement.likes, post.engagement.shares, post.engagement.replies) == (87, 1, 64)
    assert post.raw["subreddit"] == "thenetherlands"


def test_link_deleted_and_downvoted_posts_map_sensibly() -> None:
    _, link, deleted, _, downvoted = (map_item(child["data"]) for child in recorded())
    assert link.text == "Onderzoek: helft van het mkb heeft geen socialemediabeleid"
    assert link.raw["url"] == "https://www.retailnieuws.example/2026/11/onderzoek-mkb-beleid/"
    assert (deleted.author, deleted.text) == (None, "Ervaringen met webcare van NS?")
    assert downvoted.engagement.likes == 0 and downvoted.raw["score"] == -3


def test_a_first_run_backfills_pages_oldest_first(
    server: FixtureServer, clock: FakeClock, listing: FakeListing
) -> None:
    pages = list(connector(server, clock, backfill_pages=3).fetch(None))
    assert [len(page.posts) for page in pages] == [1, 2, 2]
    assert post_ids(pages) == OLDEST_FIRST
    assert pages[-1].cursor == {"newest_id": "t3_1h3xk9q"}
    first, second = server.requests[:2]
    assert first.query == {"limit": "2", "raw_json": "1"}
    assert second.query["after"] == OLDEST_FIRST[3]
    assert server.requests[-1].query["before"] == "t3_1h3xk9q"
    assert all(request.header("User-Agent") == UA for request in server.requests)


def test_a_restart_from_any_persisted_cursor_yields_every_post_once(
    server: FixtureServer, clock: FakeClock, listing: FakeListing
) -> None:
    for crash_after in (1, 2):
        before = iter_pages_until(connector(server, clock).fetch(None), crash_after)
        after = list(connector(server, clock).fetch(before[-1].cursor))
        assert post_ids(before) + post_ids(after) == OLDEST_FIRST


def test_later_runs_page_forward_with_before(
    server: FixtureServer, clock: FakeClock, listing: FakeListing
) -> None:
    listing.children = recorded()[3:]  # only the two oldest exist yet
    (first,) = list(connector(server, clock, backfill_pages=1).fetch(None))
    listing.children = recorded()
    pages = list(connector(server, clock).fetch(first.cursor))
    assert post_ids([first, *pages]) == OLDEST_FIRST
    assert [len(page.posts) for page in pages] == [2, 1]


def test_search_within_a_subreddit_sorts_by_new(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/r/thenetherlands/search.json", server.file("search.json"))
    search = connector(server, clock, query="klantenservice OR webcare", page_size=100)
    posts = next(search.fetch(None)).posts
    assert [post.id for post in posts] == ["t3_1h3ab12", "t3_1h3uu1c"]
    assert posts[0].raw["subreddit"] == "CustomerService"
    sent = server.requests[0].query
    assert sent["q"] == "klantenservice OR webcare" and sent["sort"] == "new"
    assert sent["restrict_sr"] == "on"


def test_it_waits_the_seconds_reddit_says_the_window_resets_in(
    server: FixtureServer, clock: FakeClock, listing: FakeListing
) -> None:
    exhausted = {
        "x-ratelimit-used": "100",
        "x-ratelimit-remaining": "0.0",
        "x-ratelimit-reset": "42",
    }
    server.route(NEW_PATH, with_headers(listing, exhausted), listing)
    list(connector(server, clock, backfill_pages=1).fetch(None))
    assert clock.waits == [42.0]


def test_it_backs_off_on_429_without_retry_after(
    server: FixtureServer, clock: FakeClock, listing: FakeListing
) -> None:
    server.route(NEW_PATH, Reply(429), Reply(500), listing)
    assert post_ids(list(connector(server, clock, backfill_pages=1).fetch(None)))
    assert clock.waits == [1.0, 2.0]


def test_a_retry_after_longer_than_allowed_is_capped(
    server: FixtureServer, clock: FakeClock, listing: FakeListing
) -> None:
    server.route(NEW_PATH, Reply(429, headers={"Retry-After": "3600"}), listing)
    reddit = RedditConnector(
        "thenetherlands", base_url=server.url, fetcher=fast_fetcher(clock, max_wait=60)
    )
    assert post_ids(list(reddit.fetch(None)))
    assert clock.waits == [60.0]


def test_a_token_goes_to_oauth_reddit_and_a_refusal_never_shows_it(
    server: FixtureServer, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    assert (
        RedditConnector("thenetherlands", access_token="x").base_url == "https://oauth.reddit.com"
    )
    server.route(NEW_PATH, Reply.json({"message": "Forbidden", "error": 403}, 403))
    reddit = connector(server, clock, access_token="reddit-bearer-99")
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as raised:
        list(reddit.fetch(None))
    assert "check the credentials" in str(raised.value) and raised.value.status == 403
    assert "reddit-bearer-99" not in str(raised.value) + caplog.text
    assert server.requests[0].header("Authorization") == "Bearer reddit-bearer-99"


def test_the_registry_builds_it_and_refuses_odd_subreddits() -> None:
    source = LIVE_SOURCES["reddit"]
    built = source.build({"subreddit": "thenetherlands", "user_agent": UA})
    assert isinstance(built, RedditConnector) and built.base_url == "https://www.reddit.com"
    assert source.secret_fields == frozenset({"access_token"})
    with pytest.raises(ValueError, match="give a subreddit, a query or both"):
        source.build({})
    with pytest.raises(ValueError, match="subreddit must be a name"):
        source.build({"subreddit": "../../api/v1/me"})


def test_it_never_imports_django() -> None:
    assert django_modules_after_importing("socialroadmap.connectors.reddit") == []
