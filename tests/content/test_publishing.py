"""Publishing an approved item to Mastodon (and Bluesky) against a local fake server:
success stores the link, an error shows on the item, and a retry never posts twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.content import publishers, publishing
from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.models import ContentItem
from socialroadmap.content.tasks import publish_item_task
from socialroadmap.core.errors import ServiceError
from tests.conftest import Persona
from tests.content.fake_network import FakeNetwork, Received
from tests.content.helpers import channel, item


@pytest.fixture
def network() -> Any:
    with FakeNetwork() as fake:
        yield fake


def approved_on_mastodon(
    persona: Persona,
    url: str,
    token: str = "good-token",  # noqa: S107 (a fake token)
) -> ContentItem:
    masto = channel(
        persona.organization, "Mastodon", kind="mastodon", api_url=url, credential=token
    )
    return item(
        persona.organization,
        "Roast day",
        status=ItemStatus.APPROVED,
        on=masto,
        day=timezone.localdate(),
        body="Vandaag branden we de Ethiopië.",
    )


def test_publishing_posts_once_and_stores_the_link(
    owner: Persona, network: FakeNetwork, django_capture_on_commit_callbacks: Any
) -> None:
    roast = approved_on_mastodon(owner, network.url)

    with django_capture_on_commit_callbacks(execute=True):
        publishing.queue_publish(roast, actor=owner.user)

    roast.refresh_from_db()
    assert roast.status == ItemStatus.PUBLISHED
    assert roast.published_url == f"{network.url}/@mertens/100"
    assert roast.external_id == "100"
    assert roast.published_at is not None
    assert roast.publishing_since is None
    [post] = network.posts()
    assert post.body == {"status": "Vandaag branden we de Ethiopië.", "visibility": "public"}
    assert post.headers["idempotency-key"] == f"socialroadmap-content-{roast.pk}"
    entry = AuditEntry.objects.get(action="publish")
    assert entry.actor == owner.user

    # Running the job again (a retry) posts nothing more.
    assert publish_item_task(roast.pk) == "skipped"
    assert len(network.posts()) == 1


def test_an_error_is_shown_on_the_item_and_a_retry_succeeds(
    owner: Persona, network: FakeNetwork
) -> None:
    roast = approved_on_mastodon(owner, network.url)
    network.fail_next = 1

    assert publish_item_task(roast.pk) == "failed"
    roast.refresh_from_db()
    assert roast.status == ItemStatus.APPROVED
    assert roast.publish_error == "Mastodon answered 422: Validation failed: Text can't be blank"
    assert roast.publishing_since is None

    assert publish_item_task(roast.pk) == "published"
    roast.refresh_from_db()
    assert roast.publish_error == ""
    assert roast.status == ItemStatus.PUBLISHED


def test_a_refused_token_says_so_without_the_token(owner: Persona, network: FakeNetwork) -> None:
    roast = approved_on_mastodon(owner, network.url, token="wrong-token")

    assert publish_item_task(roast.pk) == "failed"

    roast.refresh_from_db()
    assert roast.publish_error == "Mastodon refused the access token"
    assert "wrong-token" not in roast.publish_error


def test_an_unreachable_instance_is_an_error_on_the_item(owner: Persona) -> None:
    roast = approved_on_mastodon(owner, "http://127.0.0.1:9")

    assert publish_item_task(roast.pk) == "failed"

    roast.refresh_from_db()
    assert roast.publish_error.startswith("Mastodon could not be reached")


def test_a_claimed_item_is_not_posted_again(owner: Persona, network: FakeNetwork) -> None:
    roast = approved_on_mastodon(owner, network.url)
    ContentItem.objects.filter(pk=roast.pk).update(publishing_since=timezone.now())

    assert publish_item_task(roast.pk) == "skipped"
    assert network.posts() == []
    with pytest.raises(ServiceError, match="being published already"):
        publishing.queue_publish(ContentItem.objects.get(pk=roast.pk), actor=None)


def test_a_stale_claim_is_taken_over_and_the_key_prevents_a_second_post(
    owner: Persona, network: FakeNetwork
) -> None:
    """A worker posted, then died before storing: the retry finds the same status."""
    roast = approved_on_mastodon(owner, network.url)
    publishers.publish_mastodon(
        network.url,
        "good-token",
        "Vandaag branden we de Ethiopië.",
        idempotency_key=f"socialroadmap-content-{roast.pk}",
    )
    ContentItem.objects.filter(pk=roast.pk).update(
        publishing_since=timezone.now() - timedelta(hours=1)
    )

    assert publish_item_task(roast.pk) == "published"

    assert len(network.statuses) == 1
    roast.refresh_from_db()
    assert roast.external_id == "100"


def test_only_approved_items_on_a_publishable_channel_with_credentials(owner: Persona) -> None:
    org = owner.organization
    blog = channel(org, "Blog")
    on_blog = item(org, "Blog", status=ItemStatus.APPROVED, on=blog, day=timezone.localdate())
    with pytest.raises(ServiceError, match="Mastodon or Bluesky"):
        publishing.queue_publish(on_blog, actor=None)
    draft = item(org, "Draft", status=ItemStatus.DRAFT)
    with pytest.raises(ServiceError, match="only an approved item"):
        publishing.queue_publish(draft, actor=None)
    bare = channel(org, "Masto", kind="mastodon")
    no_key = item(org, "No key", status=ItemStatus.APPROVED, on=bare, day=timezone.localdate())
    with pytest.raises(ServiceError, match="no API address or credential"):
        publishing.queue_publish(no_key, actor=None)


def test_an_env_credential_is_read_when_publishing(
    owner: Persona, network: FakeNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MERTENS_MASTODON", "good-token")
    roast = approved_on_mastodon(owner, network.url, token="env:MERTENS_MASTODON")

    assert publish_item_task(roast.pk) == "published"

    monkeypatch.delenv("MERTENS_MASTODON")
    other = item(
        owner.organization,
        "Second",
        status=ItemStatus.APPROVED,
        on=roast.channel,
        day=timezone.localdate(),
    )
    assert publish_item_task(other.pk) == "failed"
    other.refresh_from_db()
    assert "MERTENS_MASTODON is not set" in other.publish_error


def test_bluesky_logs_in_and_writes_the_record_under_a_fixed_key(owner: Persona) -> None:
    """A retry after a crash rewrites the same record (putRecord) instead of a second."""
    records: dict[str, dict[str, Any]] = {}

    def session(request: Received) -> tuple[int, dict[str, Any]]:
        if request.body != {"identifier": "mertens.test", "password": "app-pass"}:
            return 401, {"error": "AuthenticationRequired"}
        return 200, {"did": "did:plc:mertens", "accessJwt": "jwt", "handle": "mertens.test"}

    def put(request: Received) -> tuple[int, dict[str, Any]]:
        if request.headers.get("authorization") != "Bearer jwt":
            return 401, {"error": "AuthenticationRequired"}
        key = request.body["rkey"]
        records[key] = request.body
        return 200, {"uri": f"at://did:plc:mertens/app.bsky.feed.post/{key}", "cid": "c"}

    with FakeNetwork() as fake:
        fake.routes["/xrpc/com.atproto.server.createSession"] = session
        fake.routes["/xrpc/com.atproto.repo.putRecord"] = put
        sky = channel(
            owner.organization,
            "Bluesky",
            kind="bluesky",
            api_url=fake.url,
            api_account="mertens.test",
            credential="app-pass",
        )
        post = item(
            owner.organization,
            "Sky",
            status=ItemStatus.APPROVED,
            on=sky,
            day=timezone.localdate(),
            body="Nieuwe blend!",
        )
        key = publishers.record_key(post.pk, post.created_at)
        records[key] = {"made": "before a crash"}

        assert publish_item_task(post.pk) == "published"

    post.refresh_from_db()
    assert post.published_url == f"https://bsky.app/profile/mertens.test/post/{key}"
    assert post.external_id == f"at://did:plc:mertens/app.bsky.feed.post/{key}"
    assert len(records) == 1
    assert records[key]["record"]["text"] == "Nieuwe blend!"
    assert records[key]["collection"] == "app.bsky.feed.post"
    assert len(key) == 13
    assert key[0] in "234567abcdefghij"  # a valid TID: the top bit is zero


def test_the_publish_now_button_runs_the_job(
    manager: Persona, network: FakeNetwork, django_capture_on_commit_callbacks: Any
) -> None:
    roast = approved_on_mastodon(manager, network.url)
    client = manager.client()
    page = client.get(f"/o/acme/content/items/{roast.pk}/")
    assert b"Publish now on Mastodon" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/o/acme/content/items/{roast.pk}/publish/", follow=True)

    assert b"Publishing started." in done.content
    roast.refresh_from_db()
    assert roast.status == ItemStatus.PUBLISHED
    assert len(network.posts()) == 1


def test_an_error_shows_on_the_item_page(owner: Persona, network: FakeNetwork) -> None:
    roast = approved_on_mastodon(owner, network.url, token="wrong")
    publish_item_task(roast.pk)

    page = owner.client().get(f"/o/acme/content/items/{roast.pk}/")

    assert b"Publishing failed: Mastodon refused the access token" in page.content
