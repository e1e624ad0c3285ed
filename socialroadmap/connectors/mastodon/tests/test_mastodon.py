"""Mastodon: mapping, HTML to text, paging by id and Link header, restarts, rate limits."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from socialroadmap.connectors.http import AuthenticationError
from socialroadmap.connectors.live import LIVE_SOURCES, html_to_text
from socialroadmap.connectors.mastodon import MastodonConnector, map_item
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
TAG_PATH = "/api/v1/timelines/tag/koffie"


def recorded(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FakeTimeline:
    """A hashtag timeline that pages like Mastodon: newest first, ``max_id``/``min_id``,
    and a ``Link`` header naming the pages before (next) and after (prev)."""

    def __init__(self, statuses: list[dict[str, Any]]) -> None:
        self.statuses = statuses  # newest first, as recorded

    def add(self, status: dict[str, Any]) -> None:
        self.statuses.insert(0, status)

    def __call__(self, request: Request) -> Reply:
        limit = int(request.query.get("limit", "20"))
        rows = [(int(s["id"]), s) for s in self.statuses]
        if "max_id" in request.query:
            rows = [r for r in rows if r[0] < int(request.query["max_id"])]
        if "min_id" in request.query:  # the statuses right after min_id, returned newest first
            rows = [r for r in rows if r[0] > int(request.query["min_id"])][-limit:]
        page = [status for _, status in rows[:limit]]
        if not page:
            return Reply.json([])
        base = f"http://{request.header('Host')}{request.path}?limit={limit}"
        link = (
            f'<{base}&max_id={page[-1]["id"]}>; rel="next", '
            f'<{base}&min_id={page[0]["id"]}>; rel="prev"'
        )
        return Reply.json(page, headers={"Link": link})


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer(FIXTURES) as running:
        yield running


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timeline(server: FixtureServer) -> FakeTimeline:
    fake = FakeTimeline(recorded("tag_koffie.json"))
    server.route(TAG_PATH, fake)
    return fake


def connector(server: FixtureServer, clock: FakeClock, **options: Any) -> MastodonConnector:
    return MastodonConnector(
        server.url,
        hashtag=options.pop("hashtag", "#koffie"),
        fetcher=fast_fetcher(clock, max_attempts=3),
        **{"page_size": 2, **options},
    )


OLDEST_FIRST = [s["id"] for s in reversed(recorded("tag_koffie.json"))]


def test_it_maps_a_status_field_by_field() -> None:
    post = map_item(recorded("tag_koffie.json")[0])
    assert post.id == "113571954081234567"
    assert post.text == (
        "Eindelijk een koffiebar die op #Mastodon reageert binnen het uur! "
        "#koffie #klantenservice\n\nDank @bonenbar & tot morgen ☕"
    )
    assert post.author == "anna@mastodon.nl"
    assert post.created_at == datetime(2026, 12, 1, 8, 41, 12, tzinfo=UTC)
    assert post.source == "mastodon"
    assert post.url == "https://mastodon.nl/@anna/113571954081234567"
    assert post.lang == "nl"
    assert (post.engagement.likes, post.engagement.shares, post.engagement.replies) == (14, 3, 2)
    assert post.engagement.reach is None
    assert post.raw["account"]["display_name"] == "Anna Bakker"


def test_a_local_account_gets_its_instance_and_a_warning_comes_first() -> None:
    _, joost, _, warned, _ = (map_item(s) for s in recorded("tag_koffie.json"))
    assert joost.author == "joost@mastodon.social"
    assert joost.created_at == datetime(2026, 12, 1, 8, 2, 5, 512000, tzinfo=UTC)
    assert warned.text == "Koffieprijzen 📈\n\nSlecht nieuws over prijzen"


def test_html_becomes_text_with_line_breaks_and_whole_links() -> None:
    post = map_item(recorded("tag_koffie.json")[1])
    assert post.text == (
        "Mijn #koffiemachine is kapot en de webshop antwoordt niet.\n"
        "Dag drie zonder espresso.\n\n"
        "Bon: https://www.koffieshop.example/bestellingen/2026/998877/factuur"
    )
    assert html_to_text("<p>a &lt;b&gt;</p><script>x()</script><p>c&nbsp;d</p>") == "a <b>\n\nc d"


def test_a_first_run_backfills_pages_oldest_first(
    server: FixtureServer, clock: FakeClock, timeline: FakeTimeline
) -> None:
    pages = list(connector(server, clock, backfill_pages=3).fetch(None))
    assert [len(page.posts) for page in pages] == [1, 2, 2]
    assert post_ids(pages) == OLDEST_FIRST
    assert [page.cursor for page in pages][-1] == {"newest_id": OLDEST_FIRST[-1]}
    sent = [request.query for request in server.requests]
    assert sent[0] == {"limit": "2"}
    assert sent[1] == {"limit": "2", "max_id": OLDEST_FIRST[3]}  # followed the Link header
    assert sent[-1] == {"limit": "2", "min_id": OLDEST_FIRST[-1]}  # and looked for newer ones last


def test_a_first_run_reads_only_as_far_back_as_asked(
    server: FixtureServer, clock: FakeClock, timeline: FakeTimeline
) -> None:
    pages = list(connector(server, clock, backfill_pages=1).fetch(None))
    assert post_ids(pages) == OLDEST_FIRST[-2:]
    assert [request.query.get("max_id") for request in server.requests] == [None, None]


def test_later_runs_page_forward_from_the_newest_id(
    server: FixtureServer, clock: FakeClock, timeline: FakeTimeline
) -> None:
    (first,) = list(connector(server, clock, backfill_pages=1, page_size=40).fetch(None))
    new = [dict(recorded("tag_koffie.json")[2], id=str(113572000000000000 + n)) for n in range(3)]
    for status in new:
        timeline.add(status)
    pages = list(connector(server, clock).fetch(first.cursor))
    assert [len(page.posts) for page in pages] == [2, 1]
    assert post_ids(pages) == [status["id"] for status in new]


def test_a_restart_from_any_persisted_cursor_yields_every_status_once(
    server: FixtureServer, clock: FakeClock, timeline: FakeTimeline
) -> None:
    for crash_after in (1, 2):
        before = iter_pages_until(connector(server, clock).fetch(None), crash_after)
        after = list(connector(server, clock).fetch(before[-1].cursor))
        assert post_ids(before) + post_ids(after) == OLDEST_FIRST


def test_search_pages_by_id_without_a_link_header(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/api/v2/search", server.file("search_statuses.json"))
    server.route("/api/v2/search", Reply.json({"statuses": []}), query={"min_id": OLDEST_FIRST[2]})
    search = MastodonConnector(
        server.url,
        query="koffie klantenservice",
        access_token="tok-123",
        fetcher=fast_fetcher(clock),
    )
    (page,) = list(search.fetch(None))
    assert post_ids([page]) == [OLDEST_FIRST[0], OLDEST_FIRST[2]]
    first = server.requests[0]
    assert first.query == {"limit": "40", "q": "koffie klantenservice", "type": "statuses"}
    assert first.header("Authorization") == "Bearer tok-123"


def test_it_waits_for_the_rate_limit_reset_it_was_told(
    server: FixtureServer, clock: FakeClock, timeline: FakeTimeline
) -> None:
    reset = datetime.fromtimestamp(clock.now + 30, UTC).isoformat().replace("+00:00", "Z")

    exhausted = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    server.route(TAG_PATH, with_headers(timeline, exhausted), timeline)
    list(connector(server, clock, backfill_pages=1).fetch(None))
    assert clock.waits == [30.0]


def test_it_waits_the_retry_after_seconds_of_a_429(
    server: FixtureServer, clock: FakeClock, timeline: FakeTimeline
) -> None:
    server.route(TAG_PATH, Reply(429, headers={"Retry-After": "5"}), timeline)
    assert post_ids(list(connector(server, clock, backfill_pages=1).fetch(None)))
    assert clock.waits == [5.0]


def test_a_refused_token_is_an_authentication_error_that_never_shows_it(
    server: FixtureServer, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    server.route("/api/v2/search", Reply.json({"error": "The access token is invalid"}, 401))
    search = MastodonConnector(
        server.url, query="koffie", access_token="sekrit-tok", fetcher=fast_fetcher(clock)
    )
    with caplog.at_level(logging.DEBUG), pytest.raises(AuthenticationError) as raised:
        list(search.fetch(None))
    assert "check the credentials" in str(raised.value)
    assert raised.value.status == 401
    assert "sekrit-tok" not in str(raised.value) + caplog.text


def test_the_registry_builds_it_and_marks_the_token_secret() -> None:
    source = LIVE_SOURCES["mastodon"]
    settings = {"instance_url": "https://mastodon.social", "hashtag": "koffie", "query": ""}
    assert isinstance(source.build(settings), MastodonConnector)
    assert source.secret_fields == frozenset({"access_token"})
    with pytest.raises(ValueError, match="give a hashtag or a query"):
        source.build({"instance_url": "https://mastodon.social"})


def test_it_never_imports_django() -> None:
    assert django_modules_after_importing("socialroadmap.connectors.mastodon") == []
