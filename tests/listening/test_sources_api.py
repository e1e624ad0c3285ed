"""The live sources API: members read, conversation managers write and fetch, outsiders
get 404; credentials are write-only and answered as "set"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import socialroadmap.connectors
from socialroadmap.connectors.testing import FixtureServer, Reply
from socialroadmap.listening.models import LiveSource, Post
from socialroadmap.listening.services.sources import create_source
from tests.conftest import Persona

BASE = "/api/v1/organizations/acme/listening"
TOKEN = "sekrit-tok-456"
FIXTURES = Path(socialroadmap.connectors.__file__).parent / "rss/fixtures"


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    with FixtureServer(FIXTURES) as running:
        running.route("/feed/", running.file("nieuws.xml"))
        yield running


@pytest.fixture
def feed(owner: Persona, server: FixtureServer) -> LiveSource:
    return create_source(
        owner.organization,
        name="Retail Nieuws",
        kind="rss",
        config={"feed_url": f"{server.url}/feed/"},
        actor=owner.user,
    )


def mastodon_body(server: FixtureServer, **extra: object) -> dict[str, object]:
    return {
        "name": "Koffie",
        "kind": "mastodon",
        "config": {"instance_url": server.url, "hashtag": "koffie"},
        "secrets": {"access_token": TOKEN},
        **extra,
    }


def test_a_manager_adds_a_source_and_its_token_is_never_shown(
    manager: Persona, server: FixtureServer
) -> None:
    created = manager.api().post(f"{BASE}/sources/", mastodon_body(server), format="json")

    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["secrets"] == {"access_token": "set"}
    assert body["config"] == {"hashtag": "koffie", "instance_url": server.url}
    assert body["fetch_every_minutes"] == 15 and body["is_active"] is True
    listed = manager.api().get(f"{BASE}/sources/")
    detail = manager.api().get(f"{BASE}/sources/{body['id']}/")
    for response in (created, listed, detail):
        assert TOKEN not in response.content.decode()
    assert TOKEN not in LiveSource.objects.get().secrets


def test_a_wrong_setting_is_answered_on_its_field(manager: Persona, server: FixtureServer) -> None:
    body = mastodon_body(server, config={"instance_url": server.url})
    response = manager.api().post(f"{BASE}/sources/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"config": ["give a hashtag or a query"]}

    short = manager.api().post(
        f"{BASE}/sources/", mastodon_body(server, fetch_every_minutes=1), format="json"
    )
    assert short.status_code == 400 and "fetch_every_minutes" in short.json()


def test_a_patch_without_secrets_keeps_them(manager: Persona, server: FixtureServer) -> None:
    created = manager.api().post(f"{BASE}/sources/", mastodon_body(server), format="json").json()
    sealed = LiveSource.objects.get().secrets

    url = f"{BASE}/sources/{created['id']}/"
    patched = manager.api().patch(url, {"fetch_every_minutes": 30}, format="json")
    emptied = manager.api().patch(url, {"secrets": {"access_token": ""}}, format="json")

    assert patched.status_code == emptied.status_code == 200
    assert emptied.json()["secrets"] == {"access_token": "set"}
    assert LiveSource.objects.get().secrets == sealed


def test_members_read_sources_but_cannot_change_or_fetch_them(
    member: Persona, feed: LiveSource
) -> None:
    api = member.api()
    assert api.get(f"{BASE}/sources/").json()["results"][0]["name"] == "Retail Nieuws"
    assert api.get(f"{BASE}/sources/{feed.pk}/").status_code == 200
    assert api.post(f"{BASE}/sources/{feed.pk}/fetch/").status_code == 403
    assert api.patch(f"{BASE}/sources/{feed.pk}/", {"name": "x"}).status_code == 403
    assert api.delete(f"{BASE}/sources/{feed.pk}/").status_code == 403
    assert not Post.objects.exists()


def test_outsiders_get_404_everywhere(outsider: Persona, feed: LiveSource) -> None:
    api = outsider.api()
    assert api.get(f"{BASE}/sources/").status_code == 404
    assert api.get(f"{BASE}/sources/{feed.pk}/").status_code == 404
    assert api.post(f"{BASE}/sources/{feed.pk}/fetch/").status_code == 404
    assert api.get(f"{BASE}/source-kinds/").status_code == 404
    own = f"/api/v1/organizations/globex/listening/sources/{feed.pk}/"
    assert api.get(own).status_code == 404
    assert api.post(f"{own}fetch/").status_code == 404
    assert not Post.objects.exists()


def test_the_owner_fetches_now_and_again_without_duplicates(
    owner: Persona, feed: LiveSource
) -> None:
    url = f"{BASE}/sources/{feed.pk}/fetch/"

    first = owner.api().post(url)
    again = owner.api().post(url)

    assert first.status_code == again.status_code == 200
    assert (first.json()["stored"], first.json()["error"]) == (4, "")
    assert (again.json()["stored"], again.json()["read"]) == (0, 0)
    assert Post.objects.for_org(owner.organization).count() == 4
    detail = owner.api().get(f"{BASE}/sources/{feed.pk}/").json()
    assert detail["fetched_posts"] == 4 and detail["last_fetched_at"]


def test_a_refused_token_is_answered_in_the_result_without_the_token(
    owner: Persona, server: FixtureServer
) -> None:
    server.route("/api/v2/search", Reply.json({"error": "invalid"}, status=401))
    body = mastodon_body(server, config={"instance_url": server.url, "query": "koffie"})
    source = owner.api().post(f"{BASE}/sources/", body, format="json").json()

    fetched = owner.api().post(f"{BASE}/sources/{source['id']}/fetch/")
    detail = owner.api().get(f"{BASE}/sources/{source['id']}/")

    assert fetched.status_code == 200 and fetched.json()["authentication_failed"] is True
    assert "HTTP 401" in detail.json()["last_error"]
    assert TOKEN not in fetched.content.decode() + detail.content.decode()


def test_a_paused_source_is_not_fetched(owner: Persona, feed: LiveSource) -> None:
    owner.api().patch(f"{BASE}/sources/{feed.pk}/", {"is_active": False}, format="json")
    response = owner.api().post(f"{BASE}/sources/{feed.pk}/fetch/")
    assert response.status_code == 400 and "is_active" in response.json()


def test_deleting_a_source_keeps_its_posts(owner: Persona, feed: LiveSource) -> None:
    owner.api().post(f"{BASE}/sources/{feed.pk}/fetch/")

    response = owner.api().delete(f"{BASE}/sources/{feed.pk}/")

    assert response.status_code == 200
    assert response.json() == {"id": feed.pk, "name": "Retail Nieuws", "posts_kept": 4}
    assert Post.objects.for_org(owner.organization).count() == 4


def test_source_kinds_list_the_registry_and_mark_credentials(member: Persona) -> None:
    response = member.api().get(f"{BASE}/source-kinds/")

    assert response.status_code == 200
    kinds = {kind["name"]: kind for kind in response.json()}
    assert set(kinds) == {"rss", "mastodon", "bluesky", "reddit"}
    mastodon = {f["name"]: f for f in kinds["mastodon"]["fields"]}
    assert mastodon["access_token"]["secret"] is True
    assert mastodon["instance_url"] == {
        "name": "instance_url",
        "label": "Instance URL",
        "required": True,
        "secret": False,
        "help": "",
    }
    assert json.dumps(response.json())
