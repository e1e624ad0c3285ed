"""Live sources: settings checks, credentials at rest, fetching page by page with the
cursor, restarts without gaps or duplicates, the schedule and the jobs. The networks
are FixtureServers serving the connectors' recorded responses."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone

import socialroadmap.connectors
from socialroadmap.connectors.bluesky.tests import test_bluesky as bluesky
from socialroadmap.connectors.mastodon.tests.test_mastodon import FakeTimeline, recorded
from socialroadmap.connectors.reddit.tests import test_reddit as reddit
from socialroadmap.connectors.testing import FakeClock, FixtureServer, Reply, fast_fetcher
from socialroadmap.core.errors import ServiceError
from socialroadmap.listening import secrets
from socialroadmap.listening.models import ListeningQuery, LiveSource, Post, PostMatch, Rollup
from socialroadmap.listening.services import sources as service
from socialroadmap.listening.services.queries import create_query
from socialroadmap.listening.services.sources import (
    create_source,
    delete_source,
    due_sources,
    fetch_source,
    update_source,
)
from socialroadmap.listening.tasks import fetch_due_sources, fetch_source_task
from socialroadmap.organizations.models import Organization

CONNECTORS = Path(socialroadmap.connectors.__file__).parent
TAG_PATH = "/api/v1/timelines/tag/koffie"
RSS_IDS = 4  # the dated entries of nieuws.xml; the undated one cannot be placed
MASTODON_IDS = [s["id"] for s in recorded("tag_koffie.json")]
TOKEN = "sekrit-tok-123"


@pytest.fixture
def rss_server() -> Iterator[FixtureServer]:
    with FixtureServer(CONNECTORS / "rss/fixtures") as server:
        server.route("/feed/", server.file("nieuws.xml"))
        yield server


@pytest.fixture
def mastodon_server() -> Iterator[FixtureServer]:
    with FixtureServer(CONNECTORS / "mastodon/fixtures") as server:
        server.route(TAG_PATH, FakeTimeline(recorded("tag_koffie.json")))
        yield server


def fast(page_size: int = 2) -> dict[str, Any]:
    """Connector options: small pages and a fetcher that never really sleeps."""
    return {"fetcher": fast_fetcher(FakeClock(), max_attempts=2), "page_size": page_size}


def rss_source(org: Organization, server: FixtureServer, **fields: Any) -> LiveSource:
    return create_source(
        org,
        name=fields.pop("name", "Retail Nieuws"),
        kind="rss",
        config={"feed_url": f"{server.url}/feed/"},
        actor=None,
        **fields,
    )


def mastodon_source(org: Organization, server: FixtureServer, **fields: Any) -> LiveSource:
    return create_source(
        org,
        name=fields.pop("name", "Koffie op Mastodon"),
        kind="mastodon",
        config={"instance_url": server.url, "hashtag": "koffie"},
        actor=None,
        **fields,
    )


def external_ids(org: Organization, source: str) -> list[str]:
    return list(
        Post.objects.for_org(org).filter(source=source).values_list("external_id", flat=True)
    )


# --- settings --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "config", "secret_values", "field", "message"),
    [
        ("telegraph", {}, {}, "kind", "unknown kind of source 'telegraph'"),
        ("rss", {}, {}, "config", "rss needs feed_url"),
        ("rss", {"feed_url": "ftp://x"}, {}, "config", "feed_url must be an http or https URL"),
        ("rss", {"feed_url": "https://a", "colour": "red"}, {}, "config", "no setting colour"),
        ("mastodon", {"instance_url": "https://m"}, {}, "config", "give a hashtag or a query"),
        (
            "mastodon",
            {"instance_url": "https://m", "hashtag": "x", "access_token": "t"},
            {},
            "config",
            "access_token is a credential",
        ),
        ("rss", {"feed_url": "https://a"}, {"access_token": "t"}, "secrets", "no credential"),
        (
            "mastodon",
            {"instance_url": "https://m", "hashtag": "x"},
            {"access_token": "env:NOT A NAME"},
            "secrets",
            "environment variable name",
        ),
    ],
)
def test_it_names_the_field_that_is_wrong(
    org: Organization,
    kind: str,
    config: dict[str, str],
    secret_values: dict[str, str],
    field: str,
    message: str,
) -> None:
    with pytest.raises(ServiceError) as raised:
        create_source(org, name="S", kind=kind, config=config, secrets=secret_values, actor=None)
    assert raised.value.field == field
    assert message in raised.value.message
    assert "env:NOT" not in raised.value.message or field != "secrets"


@pytest.mark.django_db
def test_it_refuses_a_duplicate_name_and_a_short_interval(
    org: Organization, other_org: Organization
) -> None:
    config = {"feed_url": "https://example.org/feed"}
    create_source(org, name="Feed", kind="rss", config=config, actor=None)
    with pytest.raises(ServiceError, match="already exists"):
        create_source(org, name="feed", kind="rss", config=config, actor=None)
    with pytest.raises(ServiceError) as raised:
        create_source(org, name="B", kind="rss", config=config, fetch_every_minutes=4, actor=None)
    assert raised.value.field == "fetch_every_minutes"
    assert create_source(other_org, name="Feed", kind="rss", config=config, actor=None).pk


# --- credentials -----------------------------------------------------------------------


@pytest.mark.django_db
def test_credentials_are_encrypted_at_rest_and_sent_only_to_the_network(
    org: Organization, mastodon_server: FixtureServer
) -> None:
    source = mastodon_source(org, mastodon_server, secrets={"access_token": TOKEN})
    stored = LiveSource.objects.values_list("secrets", flat=True).get(pk=source.pk)
    assert TOKEN not in stored and "fernet:" in stored
    assert secrets.status(stored) == {"access_token": "set"}

    fetch_source(source, options=fast())

    assert mastodon_server.requests[0].header("Authorization") == f"Bearer {TOKEN}"


@pytest.mark.django_db
def test_an_env_reference_is_stored_as_written_and_read_at_fetch_time(
    org: Organization, mastodon_server: FixtureServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = mastodon_source(org, mastodon_server, secrets={"access_token": "env:MASTODON_TOK"})
    assert secrets.load(source.secrets) == {"access_token": "env:MASTODON_TOK"}

    result = fetch_source(source, options=fast())
    assert "MASTODON_TOK is not set" in result.error and result.stored == 0

    monkeypatch.setenv("MASTODON_TOK", "from-the-environment")
    assert fetch_source(source, options=fast()).error == ""
    assert mastodon_server.requests[-1].header("Authorization") == "Bearer from-the-environment"


@pytest.mark.django_db
def test_a_configured_key_encrypts_and_a_changed_key_is_reported(
    org: Organization, mastodon_server: FixtureServer, settings: Any
) -> None:
    settings.SOCIALROADMAP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    source = mastodon_source(org, mastodon_server, secrets={"access_token": TOKEN})
    assert secrets.unseal_all(source.secrets) == {"access_token": TOKEN}

    settings.SOCIALROADMAP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    result = fetch_source(source, options=fast())

    assert "access_token cannot be decrypted" in result.error
    assert not Post.objects.exists()


@pytest.mark.django_db
def test_rotating_keys_still_reads_what_the_old_key_encrypted(
    org: Organization, settings: Any
) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.SOCIALROADMAP_ENCRYPTION_KEY = old
    sealed = secrets.seal("access_token", TOKEN)
    settings.SOCIALROADMAP_ENCRYPTION_KEY = f"{new},{old}"
    assert secrets.unseal("access_token", sealed) == TOKEN


@pytest.mark.django_db
def test_a_refused_token_is_recorded_without_the_token_and_the_source_stays_active(
    org: Organization, mastodon_server: FixtureServer, caplog: pytest.LogCaptureFixture
) -> None:
    mastodon_server.route("/api/v2/search", Reply.json({"error": f"bad token {TOKEN}"}, 401))
    source = create_source(
        org,
        name="Search",
        kind="mastodon",
        config={"instance_url": mastodon_server.url, "query": "koffie"},
        secrets={"access_token": TOKEN},
        actor=None,
    )

    result = fetch_source(source, options=fast())

    source.refresh_from_db()
    assert result.authentication_failed
    assert "refused access (HTTP 401)" in source.last_error
    assert source.is_active and source.last_fetched_at is not None
    assert TOKEN not in source.last_error + result.error + caplog.text


@pytest.mark.django_db
def test_updating_keeps_credentials_left_out_or_empty_and_new_settings_reset_the_cursor(
    org: Organization, mastodon_server: FixtureServer
) -> None:
    source = mastodon_source(org, mastodon_server, secrets={"access_token": TOKEN})
    fetch_source(source, options=fast())
    sealed = source.secrets

    update_source(source, actor=None, name="Renamed", secrets={"access_token": ""})
    update_source(source, actor=None, fetch_every_minutes=60)
    source.refresh_from_db()
    assert (source.name, source.secrets, source.fetch_every_minutes) == ("Renamed", sealed, 60)
    assert source.cursor

    update_source(source, actor=None, config={"instance_url": mastodon_server.url, "hashtag": "x"})
    source.refresh_from_db()
    assert source.cursor == {}
    with pytest.raises(ServiceError, match="kind cannot change"):
        update_source(source, actor=None, kind="rss")


# --- fetching --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_fetch_stores_posts_with_their_matches_and_rollups(
    org: Organization, rss_server: FixtureServer
) -> None:
    query = create_query(org, name="WhatsApp", query="whatsapp", kind="sector", actor=None)
    source = rss_source(org, rss_server)

    result = fetch_source(source, options=fast())

    assert (result.pages, result.read, result.stored, result.error) == (2, RSS_IDS, RSS_IDS, "")
    assert len(external_ids(org, "rss")) == RSS_IDS
    matched = PostMatch.objects.for_org(org).filter(query=query)
    assert matched.exists()
    assert sum(Rollup.objects.for_org(org).filter(query=None).values_list("posts", flat=True)) == (
        RSS_IDS
    )
    assert sum(Rollup.objects.for_org(org).filter(query=query).values_list("posts", flat=True)) == (
        matched.count()
    )
    source.refresh_from_db()
    assert source.fetched_posts == RSS_IDS and source.last_error == ""
    assert source.cursor["since"] and source.last_fetched_at is not None


@pytest.mark.django_db
def test_fetching_again_adds_nothing(org: Organization, mastodon_server: FixtureServer) -> None:
    source = mastodon_source(org, mastodon_server)

    first = fetch_source(source, options=fast())
    again = fetch_source(source, options=fast())

    assert first.stored == len(MASTODON_IDS) and first.pages == 3
    assert again.stored == 0
    assert sorted(external_ids(org, "mastodon")) == sorted(MASTODON_IDS)


@pytest.mark.django_db
def test_a_new_post_is_fetched_from_the_cursor(
    org: Organization, mastodon_server: FixtureServer
) -> None:
    timeline = FakeTimeline(recorded("tag_koffie.json"))
    mastodon_server.route(TAG_PATH, timeline)
    source = mastodon_source(org, mastodon_server)
    fetch_source(source, options=fast())
    timeline.add({**recorded("tag_koffie.json")[0], "id": "113580000000000001"})

    result = fetch_source(source, options=fast())

    assert (result.read, result.stored) == (1, 1)
    assert mastodon_server.requests[-1].query.get("min_id") == "113580000000000001"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "mastodon"])
def test_a_crash_after_a_page_resumes_without_gaps_or_duplicates(
    org: Organization,
    rss_server: FixtureServer,
    mastodon_server: FixtureServer,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    source = rss_source(org, rss_server) if kind == "rss" else mastodon_source(org, mastodon_server)
    store = service.store_posts
    calls = {"n": 0}

    def crash_on_second_page(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker lost")
        return store(*args, **kwargs)

    monkeypatch.setattr(service, "store_posts", crash_on_second_page)
    crashed = fetch_source(source, options=fast())
    # The oldest page: two of the feed's entries; the single oldest status of five.
    assert crashed.pages == 1 and crashed.stored == (2 if kind == "rss" else 1)
    assert "unexpected error (RuntimeError)" in crashed.error
    monkeypatch.setattr(service, "store_posts", store)

    resumed = fetch_source(source, options=fast())

    ids = external_ids(org, kind)
    expected = RSS_IDS if kind == "rss" else len(MASTODON_IDS)
    assert len(ids) == len(set(ids)) == expected
    assert crashed.stored + resumed.stored == expected and resumed.error == ""
    source.refresh_from_db()
    assert source.fetched_posts == expected and source.last_error == ""


@pytest.mark.django_db
def test_max_pages_stops_early_and_the_next_fetch_continues(
    org: Organization, mastodon_server: FixtureServer
) -> None:
    source = mastodon_source(org, mastodon_server)

    assert fetch_source(source, max_pages=2, options=fast()).stored == 3  # 1 + 2 oldest
    assert fetch_source(source, options=fast()).stored == len(MASTODON_IDS) - 3


@pytest.mark.django_db
def test_deleting_a_source_keeps_its_posts(org: Organization, rss_server: FixtureServer) -> None:
    source = rss_source(org, rss_server)
    fetch_source(source, options=fast())

    deleted = delete_source(source, actor=None)

    assert (deleted.name, deleted.posts_kept) == ("Retail Nieuws", RSS_IDS)
    assert not LiveSource.objects.exists()
    assert Post.objects.for_org(org).count() == RSS_IDS


# --- schedule and jobs -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_source_is_due_at_once_then_every_interval(
    org: Organization, rss_server: FixtureServer
) -> None:
    source = rss_source(org, rss_server, fetch_every_minutes=30)
    now = timezone.now()
    assert list(due_sources(now)) == [source]

    fetch_source(source, now=now, options=fast())

    assert list(due_sources(now + timedelta(minutes=29))) == []
    assert list(due_sources(now + timedelta(minutes=30))) == [source]
    update_source(source, actor=None, is_active=False)
    assert list(due_sources(now + timedelta(minutes=30))) == []


@pytest.mark.django_db
def test_the_due_job_fetches_each_due_source_once_and_a_failing_one_harms_no_other(
    org: Organization, rss_server: FixtureServer
) -> None:
    rss_server.route("/gone/", Reply.json({"error": "no such feed"}, status=404))
    good = rss_source(org, rss_server)
    broken = create_source(
        org, name="Gone", kind="rss", config={"feed_url": f"{rss_server.url}/gone/"}, actor=None
    )
    paused = rss_source(org, rss_server, name="Paused")
    update_source(paused, actor=None, is_active=False)

    outcome = fetch_due_sources.delay().get()

    assert outcome == {"queued": 2, "failed": 0}
    good.refresh_from_db()
    broken.refresh_from_db()
    assert good.fetched_posts == RSS_IDS and good.last_error == ""
    assert "HTTP 404" in broken.last_error and broken.is_active
    assert fetch_due_sources.delay().get() == {"queued": 0, "failed": 0}  # not due yet


@pytest.mark.django_db
def test_the_fetch_job_skips_missing_and_paused_sources_and_is_safe_to_repeat(
    org: Organization, rss_server: FixtureServer
) -> None:
    source = rss_source(org, rss_server)

    first = fetch_source_task.delay(source.pk).get()
    again = fetch_source_task.delay(source.pk).get()

    assert (first["status"], first["stored"], again["stored"]) == ("done", RSS_IDS, 0)
    assert Post.objects.for_org(org).count() == RSS_IDS
    assert fetch_source_task.delay(source.pk + 1000).get() == {"status": "missing"}
    update_source(source, actor=None, is_active=False)
    assert fetch_source_task.delay(source.pk).get() == {"status": "inactive"}


@pytest.mark.django_db
def test_listening_queries_match_fetched_posts_of_every_organisation_apart(
    org: Organization, other_org: Organization, rss_server: FixtureServer
) -> None:
    create_query(org, name="WhatsApp", query="whatsapp", kind="sector", actor=None)
    fetch_source(rss_source(org, rss_server), options=fast())
    fetch_source(rss_source(other_org, rss_server), options=fast())

    assert Post.objects.for_org(other_org).count() == RSS_IDS
    assert not PostMatch.objects.for_org(other_org).exists()
    assert ListeningQuery.objects.for_org(other_org).count() == 0


@pytest.mark.django_db
def test_an_unexpected_error_is_logged_with_the_credentials_masked(
    org: Organization,
    mastodon_server: FixtureServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    source = mastodon_source(org, mastodon_server, secrets={"access_token": TOKEN})

    def leaky(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"bug while holding {TOKEN}")

    monkeypatch.setattr(service, "store_posts", leaky)
    result = fetch_source(source, options=fast())

    assert result.error == "unexpected error (RuntimeError); see the server log"
    assert "bug while holding ***" in caplog.text
    assert TOKEN not in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bluesky", "reddit"])
def test_bluesky_and_reddit_are_fetched_once_through_the_registry(
    org: Organization, kind: str
) -> None:
    with FixtureServer() as server:
        options = fast()
        if kind == "bluesky":
            server.route(bluesky.SEARCH_PATH, bluesky.FakeSearch(bluesky.recorded()))
            config = {"query": "koffie", "service_url": server.url}
            expected = len(bluesky.RKEYS_OLDEST_FIRST)
        else:
            server.route(reddit.NEW_PATH, reddit.FakeListing(reddit.recorded()))
            config = {"subreddit": "thenetherlands", "user_agent": "socialroadmap tests"}
            options["base_url"] = server.url
            expected = len(reddit.OLDEST_FIRST)
        source = create_source(org, name=kind, kind=kind, config=config, actor=None)

        first = fetch_source(source, options=options)
        again = fetch_source(source, options=options)

    assert (first.stored, first.error, again.stored) == (expected, "", 0)
    ids = external_ids(org, kind)
    assert len(ids) == len(set(ids)) == expected
