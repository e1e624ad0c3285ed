"""RSS and Atom: mapping, paging by date, restarts, conditional requests and retries."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from socialroadmap.connectors.http import ConnectorError
from socialroadmap.connectors.live import LIVE_SOURCES, LiveConnector
from socialroadmap.connectors.rss import RssConnector
from socialroadmap.connectors.testing import (
    FakeClock,
    FixtureServer,
    Reply,
    Request,
    django_modules_after_importing,
    fast_fetcher,
    iter_pages_until,
    post_ids,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
DATED_IDS = [  # the dated entries of nieuws.xml, oldest first (two share 08:00)
    "https://www.retailnieuws.example/2026/11/onderzoek-mkb-beleid/",
    "https://www.retailnieuws.example/?p=48205",
    "https://www.retailnieuws.example/?p=48207",
    "https://www.retailnieuws.example/?p=48213",
]


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer(FIXTURES) as running:
        yield running


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def connector(server: FixtureServer, clock: FakeClock, page_size: int = 50) -> RssConnector:
    return RssConnector(
        f"{server.url}/feed/", fetcher=fast_fetcher(clock, max_attempts=3), page_size=page_size
    )


def test_it_maps_an_rss_item_field_by_field(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/feed/", server.file("nieuws.xml"))
    post = next(connector(server, clock).fetch(None)).posts[-1]
    assert post.id == "https://www.retailnieuws.example/?p=48213"
    assert post.text == (
        "Klantenservice via WhatsApp groeit hard bij supermarkten\n\n"
        "Steeds meer klanten stellen hun vraag via WhatsApp in plaats van de telefoon.\n\n"
        "Lees verder »"
    )
    assert post.author == "Sanne de Vries"
    assert post.created_at == datetime(2026, 12, 1, 8, 15, tzinfo=UTC)
    assert post.source == "rss"
    assert post.url == "https://www.retailnieuws.example/2026/12/klantenservice-whatsapp/"
    assert post.lang == "nl"
    assert post.engagement.replies == 12
    assert post.engagement.likes is None
    assert post.raw["tags"] == ["Klantenservice", "Sociale media"]
    assert post.raw["feed_title"] == "Retail Nieuws \u2013 Alle berichten"


def test_it_prefers_full_content_and_falls_back_to_the_link_as_id(
    server: FixtureServer, clock: FakeClock
) -> None:
    server.route("/feed/", server.file("nieuws.xml"))
    posts = {post.id: post for post in next(connector(server, clock).fetch(None)).posts}
    cafe = posts["https://www.retailnieuws.example/?p=48205"]
    assert cafe.text.endswith("zonder de app te verlaten.\nDe proef loopt tot maart.")
    assert DATED_IDS[0] in posts
    assert "https://www.retailnieuws.example/?p=1" not in posts  # no date: cannot be placed


def test_it_maps_an_atom_entry_field_by_field(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/feed/", server.file("blog.atom"))
    older, newer = next(connector(server, clock).fetch(None)).posts
    assert newer.id == "tag:blog.socialcustomer.example,2026:post-311"
    assert newer.text == (
        "Why your social media policy needs a reply section\n\n"
        "Most policies say what staff may not post.\n\n"
        "Few say who answers a complaint & how fast."
    )
    assert newer.author == "Emma Clarke"
    assert newer.created_at == datetime(2026, 11, 30, 18, 20, tzinfo=UTC)
    assert newer.url == "https://blog.socialcustomer.example/2026/11/30/policy-reply-section/"
    assert newer.lang == "en"
    assert older.created_at == datetime(2026, 11, 24, 6, 30, tzinfo=UTC)  # +01:00 in the feed
    assert older.author == "Emma Clarke"  # the feed's author


def test_it_pages_new_entries_oldest_first(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/feed/", server.file("nieuws.xml"))
    pages = list(connector(server, clock, page_size=3).fetch(None))
    assert [len(page.posts) for page in pages] == [3, 1]
    assert post_ids(pages) == DATED_IDS
    assert pages[0].cursor["since"] == "2026-12-01T07:00:00+00:00"
    assert pages[0].cursor["seen"] == sorted(DATED_IDS[1:3])


def test_a_restart_from_any_persisted_cursor_yields_every_entry_once(
    server: FixtureServer, clock: FakeClock
) -> None:
    server.route("/feed/", server.file("nieuws.xml"))
    for crash_after in (1, 2, 3):
        before = iter_pages_until(connector(server, clock, page_size=1).fetch(None), crash_after)
        after = list(connector(server, clock, page_size=1).fetch(before[-1].cursor))
        assert post_ids(before) + post_ids(after) == DATED_IDS
    assert list(connector(server, clock).fetch(after[-1].cursor)) == []


def test_an_unchanged_feed_answers_304_and_gives_no_posts(
    server: FixtureServer, clock: FakeClock
) -> None:
    feed = server.file(
        "nieuws.xml", headers={"ETag": '"v7"', "Last-Modified": "Tue, 01 Dec 2026 08:15:00 GMT"}
    )

    def conditional(request: Request) -> Reply:
        return Reply(304) if request.header("If-None-Match") == '"v7"' else feed

    server.route("/feed/", conditional)
    pages = list(connector(server, clock, page_size=3).fetch(None))
    assert "etag" not in pages[0].cursor  # a job stopped here must get the feed again
    assert pages[-1].cursor["etag"] == '"v7"'
    assert list(connector(server, clock).fetch(pages[-1].cursor)) == []
    assert server.requests[-1].header("If-Modified-Since") == "Tue, 01 Dec 2026 08:15:00 GMT"


def test_a_changed_feed_with_nothing_new_still_moves_the_etag(
    server: FixtureServer, clock: FakeClock
) -> None:
    server.route("/feed/", server.file("nieuws.xml"))
    (first,) = list(connector(server, clock).fetch(None))
    server.route("/feed/", server.file("nieuws.xml", headers={"ETag": '"v8"'}))
    (moved,) = list(connector(server, clock).fetch(first.cursor))
    assert moved.posts == []
    assert moved.cursor == {**first.cursor, "etag": '"v8"'}


def test_it_retries_a_server_error_with_backoff(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/feed/", Reply(500), Reply(503), server.file("blog.atom"))
    pages = list(connector(server, clock).fetch(None))
    assert len(pages[0].posts) == 2
    assert clock.waits == [1.0, 2.0]


def test_it_waits_the_retry_after_date_of_a_429(server: FixtureServer, clock: FakeClock) -> None:
    later = format_datetime(datetime.fromtimestamp(clock.now + 7, UTC), usegmt=True)
    server.route("/feed/", Reply(429, headers={"Retry-After": later}), server.file("blog.atom"))
    assert len(list(connector(server, clock).fetch(None))) == 1
    assert clock.waits == [7.0]


def test_it_gives_up_after_the_last_attempt(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/feed/", Reply(502))
    with pytest.raises(ConnectorError) as raised:
        list(connector(server, clock).fetch(None))
    assert raised.value.status == 502
    assert raised.value.url == f"{server.url}/feed/"
    assert clock.waits == [1.0, 2.0]


def test_it_retries_connection_errors_then_says_which_url(clock: FakeClock) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    feed = RssConnector(
        f"http://127.0.0.1:{port}/feed/?token=s3cret", fetcher=fast_fetcher(clock, max_attempts=2)
    )
    with pytest.raises(
        ConnectorError, match=f"could not reach http://127.0.0.1:{port}/feed/"
    ) as raised:
        list(feed.fetch(None))
    assert clock.waits == [1.0]
    assert "s3cret" not in str(raised.value)


def test_a_page_that_is_not_a_feed_is_refused(server: FixtureServer, clock: FakeClock) -> None:
    server.route("/feed/", Reply(200, b"", {"Content-Type": "text/html"}))
    with pytest.raises(ConnectorError, match="not an RSS or Atom feed"):
        list(connector(server, clock).fetch(None))


def test_the_registry_builds_it_from_its_settings() -> None:
    source = LIVE_SOURCES["rss"]
    built = source.build({"feed_url": "https://www.retailnieuws.example/feed/"})
    assert isinstance(built, RssConnector) and isinstance(built, LiveConnector)
    assert source.secret_fields == frozenset()
    with pytest.raises(ValueError, match="missing settings: feed_url"):
        source.build({})
    with pytest.raises(ValueError, match="unknown settings: colour"):
        source.build({"feed_url": "https://x.example/", "colour": "red"})


def test_it_never_imports_django() -> None:
    assert django_modules_after_importing("socialroadmap.connectors.rss") == []
