"""The live source pages: the list and its empty state, adding a source of a chosen
kind, errors at their field, write-only credentials, pausing and resuming, fetching now
against a local FixtureServer, deleting after a confirmation, roles and the demo's
sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import socialroadmap.connectors
from socialroadmap.connectors.live import LIVE_SOURCES
from socialroadmap.connectors.testing import FixtureServer
from socialroadmap.listening import demo
from socialroadmap.listening import secrets as sealing
from socialroadmap.listening.models import LiveSource, Post
from socialroadmap.listening.services.sources import create_source, update_source
from socialroadmap.listening.source_views import REGISTRY_STRINGS
from socialroadmap.organizations.choices import Role
from tests.conftest import Persona, make_persona

BASE = "/o/acme/listening/sources/"
TOKEN = "sekrit-tok-123"
NEW_TOKEN = "brand-new-tok-456"
CONNECTORS = Path(socialroadmap.connectors.__file__).parent
RSS_IDS = 4  # the dated entries of nieuws.xml


@pytest.fixture
def rss_server() -> Iterator[FixtureServer]:
    with FixtureServer(CONNECTORS / "rss/fixtures") as server:
        server.route("/feed/", server.file("nieuws.xml"))
        yield server


@pytest.fixture
def contributor(owner: Persona) -> Persona:
    return make_persona("contributor@acme.test", owner.organization, Role.CONTRIBUTOR)


@pytest.fixture
def feed(owner: Persona) -> LiveSource:
    return create_source(
        owner.organization,
        name="Retail Nieuws",
        kind="rss",
        config={"feed_url": "http://127.0.0.1:9/feed/"},
        actor=owner.user,
    )


@pytest.fixture
def mastodon(owner: Persona) -> LiveSource:
    return create_source(
        owner.organization,
        name="Koffie op Mastodon",
        kind="mastodon",
        config={"instance_url": "https://mastodon.example", "hashtag": "koffie"},
        secrets={"access_token": TOKEN},
        actor=owner.user,
    )


def form_data(**fields: Any) -> dict[str, Any]:
    """A filled-in source form: an active source fetched every 15 minutes."""
    return {"fetch_every_minutes": "15", "is_active": "on", **fields}


def errors(response: Any) -> dict[str, list[str]]:
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


# --- the list ---------------------------------------------------------------------------


def test_the_empty_list_says_what_a_live_source_is(owner: Persona, member: Persona) -> None:
    page = owner.client().get(BASE)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="empty-sources"' in body
    assert "A live source is a feed or a network that is read on a schedule" in body
    assert f'href="{BASE}new/"' in body

    viewer_page = member.client().get(BASE).content.decode()
    assert 'data-testid="empty-sources"' in viewer_page
    assert f'href="{BASE}new/"' not in viewer_page
    assert "Ask a conversation manager" in viewer_page


def test_the_listening_pages_link_to_the_sources(owner: Persona) -> None:
    assert f'href="{BASE}"' in owner.client().get("/o/acme/listening/queries/").content.decode()


def test_the_list_shows_each_sources_status(
    owner: Persona, member: Persona, feed: LiveSource, mastodon: LiveSource
) -> None:
    LiveSource.objects.filter(pk=feed.pk).update(
        last_error="HTTP 503 from the feed", fetched_posts=12
    )
    update_source(mastodon, actor=owner.user, is_active=False, fetch_every_minutes=60)

    body = member.client().get(BASE).content.decode()

    assert body.count('data-testid="source-row"') == 2
    assert "RSS or Atom feed" in body and "Mastodon" in body
    assert "active" in body and "paused" in body
    assert "15 minutes" in body and "60 minutes" in body
    assert "never" in body and "due now" in body
    assert "<td>12</td>" in body
    assert 'data-testid="source-error"' in body and "HTTP 503 from the feed" in body
    assert "http://127.0.0.1:9/feed/" in body  # the settings, not the credentials
    assert TOKEN not in body
    # A viewer sees no buttons that change anything.
    assert f"{BASE}{feed.pk}/fetch/" not in body and f"{BASE}{feed.pk}/delete/" not in body


# --- adding and changing ----------------------------------------------------------------


def test_adding_starts_with_the_choice_of_kind(owner: Persona) -> None:
    client = owner.client()
    body = client.get(f"{BASE}new/").content.decode()
    for kind in LIVE_SOURCES:
        assert f"?kind={kind}" in body
    assert "RSS or Atom feed" in body and "Bluesky" in body and "Reddit" in body

    form = client.get(f"{BASE}new/?kind=mastodon")
    assert set(form.context["form"].fields) == {
        "name",
        "fetch_every_minutes",
        "is_active",
        "setting_instance_url",
        "setting_hashtag",
        "setting_query",
        "credential_access_token",
    }
    assert "env:VARIABLE_NAME" in form.content.decode()
    # An unknown kind goes back to the choice.
    assert client.get(f"{BASE}new/?kind=telegraph").templates[0].name == (
        "listening/source_kinds.html"
    )


def test_an_owner_adds_sources_of_two_kinds(owner: Persona) -> None:
    client = owner.client()
    rss = client.post(
        f"{BASE}new/?kind=rss",
        form_data(name="Retail Nieuws", setting_feed_url="https://example.org/feed/"),
    )
    assert rss.status_code == 302 and rss.url == BASE
    mastodon = client.post(
        f"{BASE}new/?kind=mastodon",
        form_data(
            name="Koffie op Mastodon",
            setting_instance_url="https://mastodon.example",
            setting_hashtag="koffie",
            credential_access_token=TOKEN,
            fetch_every_minutes="30",
            is_active="",
        ),
        follow=True,
    )
    assert "Source “Koffie op Mastodon” saved." in mastodon.content.decode()

    made = {s.name: s for s in LiveSource.objects.for_org(owner.organization)}
    assert made["Retail Nieuws"].kind == "rss"
    assert made["Retail Nieuws"].config == {"feed_url": "https://example.org/feed/"}
    assert made["Retail Nieuws"].is_active and made["Retail Nieuws"].fetch_every_minutes == 15
    assert made["Retail Nieuws"].created_by == owner.user
    koffie = made["Koffie op Mastodon"]
    assert (koffie.kind, koffie.fetch_every_minutes, koffie.is_active) == ("mastodon", 30, False)
    assert koffie.config == {"hashtag": "koffie", "instance_url": "https://mastodon.example"}
    assert sealing.unseal_all(koffie.secrets) == {"access_token": TOKEN}


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("rss", {"setting_feed_url": "ftp://example.org/feed"}, "setting_feed_url", "http"),
        ("rss", {"setting_feed_url": ""}, "setting_feed_url", "required"),
        (
            "mastodon",
            {"setting_instance_url": "https://m.example", "setting_hashtag": "x",
             "credential_access_token": "env:NOT A NAME"},
            "credential_access_token",
            "environment variable name",
        ),
        (
            "rss",
            {"setting_feed_url": "https://example.org/feed", "fetch_every_minutes": "2"},
            "fetch_every_minutes",
            "5",
        ),
        ("rss", {"setting_feed_url": "https://example.org/f", "name": "retail nieuws"}, "name",
         "already exists"),
    ],
)  # fmt: skip
def test_a_refusal_is_shown_at_its_field(
    owner: Persona,
    feed: LiveSource,
    kind: str,
    fields: dict[str, str],
    field: str,
    message: str,
) -> None:
    data = form_data(**{"name": "New", **fields})
    response = owner.client().post(f"{BASE}new/?kind={kind}", data)
    assert response.status_code == 200
    assert field in errors(response)
    assert message in " ".join(errors(response)[field])
    assert LiveSource.objects.for_org(owner.organization).count() == 1
    assert "NOT A NAME" not in response.content.decode()  # a credential is never echoed


def test_a_refusal_about_several_settings_is_shown_above_the_form(owner: Persona) -> None:
    response = owner.client().post(
        f"{BASE}new/?kind=mastodon",
        form_data(name="M", setting_instance_url="https://m.example"),
    )
    assert "give a hashtag or a query" in " ".join(errors(response)["__all__"])


def test_a_credential_is_never_shown_again(owner: Persona, mastodon: LiveSource) -> None:
    client = owner.client()
    pages = [
        client.get(BASE),
        client.get(f"{BASE}{mastodon.pk}/"),
        client.get(f"{BASE}{mastodon.pk}/delete/"),
        # a form that comes back with an error does not show the token just typed
        client.post(
            f"{BASE}new/?kind=mastodon",
            form_data(
                name="Koffie op Mastodon",
                setting_instance_url="https://m.example",
                setting_hashtag="x",
                credential_access_token=NEW_TOKEN,
            ),
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        assert TOKEN not in page.content.decode()
        assert NEW_TOKEN not in page.content.decode()
    edit = pages[1].content.decode()
    assert 'data-testid="secret-stored"' in edit and "leave empty to keep" in edit


def test_editing_with_an_empty_credential_keeps_it(owner: Persona, mastodon: LiveSource) -> None:
    client = owner.client()
    url = f"{BASE}{mastodon.pk}/"
    form = client.get(url).context["form"]
    assert form.initial["setting_hashtag"] == "koffie"
    assert "credential_access_token" not in form.initial

    response = client.post(
        url,
        form_data(
            name="Koffie (Mastodon)",
            setting_instance_url="https://mastodon.example",
            setting_hashtag="espresso",
            credential_access_token="",
        ),
    )
    assert response.status_code == 302
    mastodon.refresh_from_db()
    assert (mastodon.name, mastodon.config["hashtag"]) == ("Koffie (Mastodon)", "espresso")
    assert sealing.unseal_all(mastodon.secrets) == {"access_token": TOKEN}
    assert mastodon.updated_by == owner.user

    client.post(
        url,
        form_data(
            name="Koffie (Mastodon)",
            setting_instance_url="https://mastodon.example",
            setting_hashtag="espresso",
            credential_access_token="env:MASTODON_TOKEN",
        ),
    )
    mastodon.refresh_from_db()
    assert sealing.load(mastodon.secrets) == {"access_token": "env:MASTODON_TOKEN"}
    assert "MASTODON_TOKEN" not in client.get(url).content.decode()


def test_the_kind_of_a_source_cannot_be_changed(owner: Persona, feed: LiveSource) -> None:
    response = owner.client().get(f"{BASE}{feed.pk}/?kind=mastodon")
    assert "setting_feed_url" in response.context["form"].fields
    assert "RSS or Atom feed" in response.content.decode()


# --- pause, resume, fetch now -----------------------------------------------------------


def test_pause_and_resume(owner: Persona, feed: LiveSource) -> None:
    client = owner.client()
    paused = client.post(f"{BASE}{feed.pk}/pause/", follow=True)
    feed.refresh_from_db()
    assert not feed.is_active
    assert "“Retail Nieuws” paused" in paused.content.decode()
    assert f"{BASE}{feed.pk}/resume/" in paused.content.decode()

    client.post(f"{BASE}{feed.pk}/resume/")
    feed.refresh_from_db()
    assert feed.is_active and feed.next_fetch_at is not None
    assert client.get(f"{BASE}{feed.pk}/pause/").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_fetch_now_stores_the_posts_of_a_local_feed(
    owner: Persona, rss_server: FixtureServer
) -> None:
    client = owner.client()
    client.post(
        f"{BASE}new/?kind=rss",
        form_data(name="Nieuws", setting_feed_url=f"{rss_server.url}/feed/"),
    )
    source = LiveSource.objects.get(name="Nieuws")

    # Without a broker (the default) the job runs at once and the page says what it did.
    response = client.post(f"{BASE}{source.pk}/fetch/", follow=True)

    assert f"“Nieuws” fetched: {RSS_IDS} new posts." in response.content.decode()
    assert Post.objects.for_org(owner.organization).count() == RSS_IDS
    source.refresh_from_db()
    assert (source.fetched_posts, source.last_error) == (RSS_IDS, "")
    assert source.last_fetched_at is not None
    again = client.post(f"{BASE}{source.pk}/fetch/", follow=True)
    assert "“Nieuws” fetched: 0 new posts." in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_fetch_now_shows_the_error_and_refuses_a_paused_source(
    owner: Persona, rss_server: FixtureServer
) -> None:
    source = create_source(
        owner.organization,
        name="Broken",
        kind="rss",
        config={"feed_url": f"{rss_server.url}/gone/"},  # unrouted: 404
        actor=owner.user,
    )
    client = owner.client()
    failed = client.post(f"{BASE}{source.pk}/fetch/", follow=True).content.decode()
    assert "Fetching “Broken” failed" in failed and 'data-testid="source-error"' in failed

    update_source(source, actor=owner.user, is_active=False)
    fetched_at = LiveSource.objects.get(pk=source.pk).last_fetched_at
    refused = client.post(f"{BASE}{source.pk}/fetch/", follow=True).content.decode()
    assert "is paused; resume it before fetching" in refused
    assert LiveSource.objects.get(pk=source.pk).last_fetched_at == fetched_at


def test_fetch_now_is_queued_after_the_commit(
    owner: Persona, rss_server: FixtureServer, django_capture_on_commit_callbacks: Any
) -> None:
    source = create_source(
        owner.organization,
        name="Nieuws",
        kind="rss",
        config={"feed_url": f"{rss_server.url}/feed/"},
        actor=owner.user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.client().post(f"{BASE}{source.pk}/fetch/", follow=True)
        assert not Post.objects.exists()
    assert "refresh this page in a moment" in response.content.decode()
    assert Post.objects.for_org(owner.organization).count() == RSS_IDS


# --- delete -----------------------------------------------------------------------------


def test_delete_asks_first_then_deletes_the_source_and_keeps_its_posts(
    owner: Persona, mastodon: LiveSource
) -> None:
    LiveSource.objects.filter(pk=mastodon.pk).update(fetched_posts=7)
    client = owner.client()
    url = f"{BASE}{mastodon.pk}/delete/"

    question = client.get(url)
    body = question.content.decode()
    assert question.status_code == 200
    assert "Delete the source “Koffie op Mastodon” (Mastodon)?" in body
    assert "stored credentials" in body
    assert "The 7 posts it brought in stay" in body
    assert LiveSource.objects.filter(pk=mastodon.pk).exists()

    done = client.post(url, follow=True)
    assert not LiveSource.objects.filter(pk=mastodon.pk).exists()
    assert "Source “Koffie op Mastodon” deleted; the 7 posts it brought in stay." in (
        done.content.decode()
    )


# --- roles ------------------------------------------------------------------------------


def source_urls(pk: int) -> list[tuple[str, str]]:
    """(method, url) of every source page that changes something, or shows a form."""
    return [
        ("get", f"{BASE}new/"),
        ("get", f"{BASE}new/?kind=rss"),
        ("post", f"{BASE}new/?kind=rss"),
        ("get", f"{BASE}{pk}/"),
        ("post", f"{BASE}{pk}/"),
        ("post", f"{BASE}{pk}/pause/"),
        ("post", f"{BASE}{pk}/resume/"),
        ("post", f"{BASE}{pk}/fetch/"),
        ("get", f"{BASE}{pk}/delete/"),
        ("post", f"{BASE}{pk}/delete/"),
    ]


@pytest.mark.parametrize("who", ["member", "contributor"])
def test_viewers_and_contributors_change_nothing(
    request: pytest.FixtureRequest, who: str, feed: LiveSource
) -> None:
    persona: Persona = request.getfixturevalue(who)
    client = persona.client()
    before = list(LiveSource.objects.values())
    assert client.get(BASE).status_code == 200
    for method, url in source_urls(feed.pk):
        data = form_data(name="Taken over", setting_feed_url="https://evil.example/feed")
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 403, (method, url)
    assert list(LiveSource.objects.values()) == before


def test_a_manager_may_change_sources(manager: Persona, feed: LiveSource) -> None:
    assert manager.client().post(f"{BASE}{feed.pk}/pause/").status_code == 302
    feed.refresh_from_db()
    assert not feed.is_active


def test_an_outsider_gets_404(outsider: Persona, feed: LiveSource) -> None:
    client = outsider.client()
    assert client.get(BASE).status_code == 404
    for method, url in source_urls(feed.pk):
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert LiveSource.objects.filter(pk=feed.pk, is_active=True).exists()


def test_a_source_of_another_organisation_is_404(owner: Persona, outsider: Persona) -> None:
    theirs = create_source(
        outsider.organization,
        name="Theirs",
        kind="rss",
        config={"feed_url": "https://example.org/feed"},
        actor=outsider.user,
    )
    client = owner.client()
    for method, url in source_urls(theirs.pk)[3:]:
        assert getattr(client, method)(url).status_code == 404, (method, url)
    assert "Theirs" not in client.get(BASE).content.decode()


def test_anonymous_people_are_sent_to_the_login(feed: LiveSource) -> None:
    response = Client().get(BASE)
    assert response.status_code == 302 and response.url.startswith("/account/login/")


# --- translations and the demo ----------------------------------------------------------


def test_every_label_and_help_of_the_registry_is_marked_for_translation() -> None:
    shown = {kind.label for kind in LIVE_SOURCES.values()}
    for kind in LIVE_SOURCES.values():
        shown |= {f.label for f in kind.fields} | {f.help for f in kind.fields if f.help}
    assert shown <= set(REGISTRY_STRINGS)


def test_the_demo_adds_paused_sources_once(owner: Persona) -> None:
    demo._seed_sources(owner.organization, owner.user)
    demo._seed_sources(owner.organization, owner.user)

    sources = list(LiveSource.objects.for_org(owner.organization))
    assert len(sources) == len(demo.DEMO_SOURCES) == 2
    assert {s.kind for s in sources} == {"rss", "mastodon"}
    for source in sources:
        assert not source.is_active and source.next_fetch_at is None
        assert source.last_fetched_at is not None and source.secrets == ""
    assert b"paused" in owner.client().get(BASE).content
