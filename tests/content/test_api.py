"""The content API with the personas."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.models import Channel, ContentItem
from socialroadmap.organizations.choices import Role
from tests.conftest import Persona, make_persona
from tests.content.helpers import channel, item

API = "/api/v1/organizations/acme/content"


@pytest.fixture
def contributor(owner: Persona) -> Persona:
    return make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)


def test_a_manager_manages_channels_and_the_credential_is_write_only(manager: Persona) -> None:
    api = manager.api()

    made = api.post(
        f"{API}/channels/",
        {"name": "Masto", "kind": "mastodon", "api_url": "https://m.test", "credential": "tok"},
        format="json",
    )
    assert made.status_code == 201, made.content
    assert "credential" not in made.json()
    assert made.json()["credential_stored"] is True
    pk = made.json()["id"]
    twice = api.post(f"{API}/channels/", {"name": "masto"}, format="json")
    assert twice.status_code == 400
    assert "name" in twice.json()
    wrong = api.post(f"{API}/channels/", {"name": "X", "kind": "myspace"}, format="json")
    assert wrong.status_code == 400
    assert api.patch(f"{API}/channels/{pk}/", {"owner": "Wim"}, format="json").status_code == 200
    assert Channel.objects.get().credential.startswith("fernet:")
    assert api.delete(f"{API}/channels/{pk}/").status_code == 204


def test_items_are_filtered_by_dates_channel_and_status(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog, insta = channel(org, "Blog"), channel(org, "Insta")
    item(org, "Today", status=ItemStatus.APPROVED, on=blog, day=today)
    item(org, "Later", status=ItemStatus.DRAFT, on=insta, day=today + timedelta(days=10))
    api = owner.api()

    def titles(**params: object) -> list[str]:
        response = api.get(f"{API}/items/", params)
        assert response.status_code == 200, response.content
        return [row["title"] for row in response.json()["results"]]

    assert titles() == ["Today", "Later"]
    assert titles(**{"from": (today + timedelta(days=1)).isoformat()}) == ["Later"]
    assert titles(to=today.isoformat()) == ["Today"]
    assert titles(channel=insta.pk) == ["Later"]
    assert titles(status="approved") == ["Today"]
    assert api.get(f"{API}/items/", {"from": "soon"}).status_code == 400
    assert api.get(f"{API}/items/", {"channel": "blog"}).status_code == 400


def test_a_contributor_creates_drafts_but_a_manager_approves(
    contributor: Persona, manager: Persona
) -> None:
    blog = channel(contributor.organization)
    mine = contributor.api()
    made = mine.post(
        f"{API}/items/",
        {
            "title": "Tip",
            "status": "draft",
            "channel": blog.pk,
            "planned_at": timezone.now().isoformat(),
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]

    refused = mine.post(f"{API}/items/{pk}/transition/", {"status": "approved"}, format="json")
    assert refused.status_code == 403
    approved = manager.api().post(
        f"{API}/items/{pk}/transition/", {"status": "approved"}, format="json"
    )
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert mine.patch(f"{API}/items/{pk}/", {"title": "X"}, format="json").status_code == 403
    assert mine.delete(f"{API}/items/{pk}/").status_code == 403
    assert manager.api().delete(f"{API}/items/{pk}/").status_code == 204


def test_transitions_refused_with_the_field(manager: Persona) -> None:
    draft = item(manager.organization, status=ItemStatus.DRAFT)
    api = manager.api()

    no_channel = api.post(f"{API}/items/{draft.pk}/transition/", {"status": "approved"})
    publish = api.post(f"{API}/items/{draft.pk}/transition/", {"status": "published"})
    bad = api.post(f"{API}/items/{draft.pk}/transition/", {"status": "viral"})
    status_by_patch = api.patch(f"{API}/items/{draft.pk}/", {"status": "approved"}, format="json")

    assert no_channel.status_code == 400
    assert no_channel.json() == {"channel": ["choose a channel before approving"]}
    assert publish.json() == {"status": ["approve the item before publishing it"]}
    assert bad.status_code == 400
    assert status_by_patch.status_code == 400


def test_an_item_cannot_point_at_another_organisations_channel(
    owner: Persona, outsider: Persona
) -> None:
    theirs = channel(outsider.organization, "Theirs")

    made = owner.api().post(f"{API}/items/", {"title": "T", "channel": theirs.pk}, format="json")

    assert made.status_code == 400
    assert "channel" in made.json()


def test_gaps(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog = channel(org)
    item(org, "Today", status=ItemStatus.APPROVED, on=blog, day=today)

    gaps = owner.api().get(f"{API}/gaps/", {"days": 3})

    assert gaps.status_code == 200
    body = gaps.json()
    assert body["days"] == 3
    assert body["empty"] == [(today + timedelta(days=n)).isoformat() for n in (1, 2)]
    assert body["channels"] == [
        {
            "channel": blog.pk,
            "name": "Blog",
            "gap_start": (today + timedelta(days=1)).isoformat(),
            "gap_days": 2,
        }
    ]
    assert owner.api().get(f"{API}/gaps/", {"days": 0}).status_code == 400


def test_a_viewer_reads_and_an_outsider_gets_404(member: Persona, outsider: Persona) -> None:
    org = member.organization
    tip = item(org, on=channel(org))
    viewer = member.api()

    assert viewer.get(f"{API}/items/{tip.pk}/").status_code == 200
    assert viewer.post(f"{API}/items/", {"title": "X"}, format="json").status_code == 403
    assert viewer.post(f"{API}/channels/", {"name": "X"}, format="json").status_code == 403
    them = outsider.api()
    for path in ("items/", f"items/{tip.pk}/", "channels/", "gaps/"):
        assert them.get(f"{API}/{path}").status_code == 404
    assert ContentItem.objects.count() == 1
