"""Content pages for the owner, a manager, a contributor, a viewer and an outsider."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from socialroadmap.content import services
from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from socialroadmap.content.planning import week_start
from socialroadmap.organizations.choices import Role
from tests.conftest import Persona, make_persona
from tests.content.helpers import channel, item

BASE = "/o/acme/content/"


@pytest.fixture
def contributor(owner: Persona) -> Persona:
    return make_persona("lead@acme.test", owner.organization, Role.CONTRIBUTOR)


def test_the_empty_calendar_says_what_to_do(owner: Persona, member: Persona) -> None:
    page = owner.client().get(BASE)

    assert page.status_code == 200
    assert b'data-testid="content-empty"' in page.content
    assert b"Add a channel" in page.content
    viewer = member.client().get(BASE)
    assert b"A conversation manager of your organisation can register" in viewer.content


def test_the_week_shows_items_on_their_days_and_the_gaps(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog = channel(org)
    item(org, "Roast diary", status=ItemStatus.APPROVED, on=blog, day=today)
    item(org, "Loose idea")

    page = owner.client().get(BASE)

    text = page.content.decode()
    assert f'data-testid="content-day-{today.isoformat()}"' in text
    day_cell = text.split(f'data-testid="content-day-{today.isoformat()}"')[1].split("</td>")[0]
    assert "Roast diary" in day_cell
    assert "nothing planned" not in day_cell
    assert "6 days without content in the coming 7 days" in text
    ideas = text.split('data-testid="content-ideas"')[1]
    assert "Loose idea" in ideas
    monday = week_start(today)
    assert f"start={(monday - timedelta(days=7)).isoformat()}" in text
    assert f"start={(monday + timedelta(days=7)).isoformat()}" in text


def test_the_month_view_and_other_weeks(owner: Persona) -> None:
    org = owner.organization
    later = timezone.localdate() + timedelta(days=40)
    item(org, "Far ahead", status=ItemStatus.DRAFT, on=channel(org), day=later)
    client = owner.client()

    month = client.get(BASE, {"view": "month", "start": later.isoformat()})
    week = client.get(BASE, {"start": later.isoformat()})
    wrong = client.get(BASE, {"start": "soon", "status": "viral", "channel": "x"})

    assert b"Far ahead" in month.content
    assert b"Next month" in month.content
    assert b"Far ahead" in week.content
    assert wrong.status_code == 200


def test_the_filters_narrow_the_calendar(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog, insta = channel(org, "Blog"), channel(org, "Insta", kind="instagram")
    item(org, "On the blog", status=ItemStatus.DRAFT, on=blog, day=today, department="hr")
    item(org, "On insta", status=ItemStatus.APPROVED, on=insta, day=today)
    client = owner.client()

    by_channel = client.get(BASE, {"channel": blog.pk}).content
    by_status = client.get(BASE, {"status": "approved"}).content
    by_department = client.get(BASE, {"department": "hr"}).content

    assert b"On the blog" in by_channel and b"On insta" not in by_channel
    assert b"On insta" in by_status and b"On the blog" not in by_status
    assert b"On the blog" in by_department and b"On insta" not in by_department


def test_a_manager_adds_edits_and_deletes_a_channel_after_confirmation(
    manager: Persona,
) -> None:
    client = manager.client()
    form = {"name": "Blog", "kind": "website", "handle": "", "owner": "", "is_active": "on"}

    assert client.post(f"{BASE}channels/", form).status_code == 302
    blog = Channel.objects.get()
    again = client.post(f"{BASE}channels/", form)
    assert b"already a channel named Blog" in again.content
    item(manager.organization, "Planned tip", on=blog)
    edited = client.post(
        f"{BASE}channels/{blog.pk}/", {**form, "owner": "An", "credential": "secret"}
    )
    assert edited.status_code == 302
    blog.refresh_from_db()
    assert blog.owner == "An" and blog.credential.startswith("fernet:")
    page = client.get(f"{BASE}channels/{blog.pk}/")
    assert b"secret" not in page.content
    assert b"A credential is stored." in page.content

    confirm = client.get(f"{BASE}channels/{blog.pk}/delete/")
    assert b"Planned tip" in confirm.content
    assert client.post(f"{BASE}channels/{blog.pk}/delete/").status_code == 302
    assert not Channel.objects.exists()


def test_a_contributor_writes_ideas_and_drafts_but_does_not_approve(
    contributor: Persona,
) -> None:
    org = contributor.organization
    blog = channel(org)
    client = contributor.client()

    added = client.post(
        f"{BASE}items/add/",
        {
            "title": "Brewing tip",
            "status": "draft",
            "item_type": "always_on",
            "channel": blog.pk,
            "planned_at": (timezone.localdate() + timedelta(days=1)).isoformat() + "T10:00",
        },
    )
    assert added.status_code == 302, added.content
    tip = ContentItem.objects.get()
    assert tip.status == ItemStatus.DRAFT
    page = client.get(f"{BASE}items/{tip.pk}/")
    assert b"Mark as Idea" in page.content
    assert b"Mark as Approved" not in page.content
    assert client.post(f"{BASE}items/{tip.pk}/status/", {"status": "approved"}).status_code == 403
    assert client.post(f"{BASE}items/{tip.pk}/status/", {"status": "idea"}).status_code == 302
    assert client.get(f"{BASE}items/{tip.pk}/delete/").status_code == 403
    assert client.get(f"{BASE}channels/{blog.pk}/").status_code == 403
    services.transition_item(tip, ItemStatus.DRAFT, actor=None)
    services.transition_item(tip, ItemStatus.APPROVED, actor=None)
    assert client.get(f"{BASE}items/{tip.pk}/edit/").status_code == 403


def test_a_manager_approves_publishes_and_sees_refusals(manager: Persona) -> None:
    org = manager.organization
    draft = item(org, "Tip", status=ItemStatus.DRAFT)
    client = manager.client()

    refused = client.post(f"{BASE}items/{draft.pk}/status/", {"status": "approved"}, follow=True)
    assert b"choose a channel before approving" in refused.content

    services.update_item(draft, {"channel": channel(org), "planned_at": timezone.now()}, actor=None)
    client.post(f"{BASE}items/{draft.pk}/status/", {"status": "approved"})
    client.post(
        f"{BASE}items/{draft.pk}/status/",
        {"status": "published", "published_url": "https://acme.test/tip"},
    )
    draft.refresh_from_db()
    assert draft.status == ItemStatus.PUBLISHED
    assert draft.approved_by == manager.user
    assert draft.published_url == "https://acme.test/tip"


def test_publish_now_refuses_a_channel_without_api(
    manager: Persona, django_capture_on_commit_callbacks: Any
) -> None:
    org = manager.organization
    ok = item(org, status=ItemStatus.APPROVED, on=channel(org), day=timezone.localdate())

    page = manager.client().post(f"{BASE}items/{ok.pk}/publish/", follow=True)

    assert b"only items on a Mastodon or Bluesky channel" in page.content


def test_figures_by_hand_and_by_import(manager: Persona) -> None:
    org = manager.organization
    tip = item(org)
    client = manager.client()

    typed = client.post(f"{BASE}items/{tip.pk}/metrics/", {"reach": "120", "likes": "8"})
    assert typed.status_code == 302
    assert ItemMetrics.objects.get().reach == 120
    upload = SimpleUploadedFile("m.csv", f"item,reach\n{tip.pk},300\n999,1\n".encode())
    result = client.post(f"{BASE}metrics/import/", {"file": upload})
    assert b"0 items got figures, 1 updated." in result.content
    assert b'data-testid="content-import-errors"' in result.content
    assert ItemMetrics.objects.get().reach == 300
    detail = client.get(f"{BASE}items/{tip.pk}/")
    assert b"300" in detail.content


def test_the_performance_page_shows_the_share_chart_and_channel_figures(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    tip = item(org, "Tip", status=ItemStatus.PUBLISHED, on=channel(org), day=today)
    services.set_metrics(tip, {"reach": 777}, actor=None)

    page = owner.client().get(f"{BASE}performance/")

    assert b'data-testid="content-share-chart"' in page.content
    assert b"100%" in page.content
    assert b"777" in page.content
    assert b"style=" not in page.content


def test_settings_are_a_managers(owner: Persona, member: Persona) -> None:
    assert owner.client().post(f"{BASE}settings/", {"gap_days": "14"}).status_code == 302
    assert services.gap_days(owner.organization) == 14
    assert owner.client().post(f"{BASE}settings/", {"gap_days": "99"}).status_code == 200
    assert member.client().get(f"{BASE}settings/").status_code == 200
    assert member.client().post(f"{BASE}settings/", {"gap_days": "3"}).status_code == 403


def test_exports_carry_the_items_with_their_figures(owner: Persona) -> None:
    org = owner.organization
    tip = item(org, "=Tip", status=ItemStatus.PUBLISHED, on=channel(org), day=timezone.localdate())
    services.set_metrics(tip, {"reach": 42}, actor=None)
    client = owner.client()

    csv = client.get(f"{BASE}items/export.csv")
    xlsx = client.get(f"{BASE}items/export.xlsx")

    assert csv.status_code == 200
    lines = csv.content.decode().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("id,title,channel,type")
    assert "'=Tip" in lines[1] and ",42," in lines[1]
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    assert client.get(f"{BASE}items/export.pdf").status_code == 404


def test_a_viewer_reads_and_changes_nothing(member: Persona) -> None:
    org = member.organization
    blog = channel(org)
    tip = item(org, status=ItemStatus.DRAFT, on=blog)
    client = member.client()

    for path in ("", "channels/", "performance/", f"items/{tip.pk}/"):
        assert client.get(f"{BASE}{path}").status_code == 200
    page = client.get(f"{BASE}items/{tip.pk}/").content
    assert b"Mark as" not in page and b"Edit" not in page
    assert client.post(f"{BASE}channels/", {"name": "X", "kind": "x"}).status_code == 403
    assert client.get(f"{BASE}items/add/").status_code == 403
    assert client.post(f"{BASE}items/{tip.pk}/status/", {"status": "idea"}).status_code == 403


def test_an_outsider_gets_404(owner: Persona, outsider: Persona) -> None:
    org = owner.organization
    blog = channel(org)
    tip = item(org, on=blog)
    client = outsider.client()

    for path in ("", "channels/", f"channels/{blog.pk}/", f"items/{tip.pk}/", "items/export.csv"):
        assert client.get(f"{BASE}{path}").status_code == 404
    # The outsider's own organisation does not reach our rows either.
    assert client.get(f"/o/globex/content/items/{tip.pk}/").status_code == 404
    assert client.get(f"/o/globex/content/channels/{blog.pk}/").status_code == 404
