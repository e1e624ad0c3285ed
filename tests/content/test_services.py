"""Writes of the content calendar: channels, items, status changes, figures and their
import, each with its audit entry, and the refusals of bad input."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from socialroadmap.audit.models import AuditEntry
from socialroadmap.content import insights, services
from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from socialroadmap.core.errors import ServiceError
from tests.conftest import Persona
from tests.content.helpers import at, channel, item


def test_creating_changing_and_deleting_a_channel_is_audited(owner: Persona) -> None:
    org = owner.organization
    blog = services.create_channel(
        org, name="Blog", kind="website", handle="https://acme.test/blog", actor=owner.user
    )
    services.update_channel(blog, {"owner": "An"}, actor=owner.user)
    planned = item(org, "Tip", on=blog)

    gone = services.delete_channel(blog, actor=owner.user)

    assert gone["items_unassigned"] == ["Tip"]
    assert Channel.objects.count() == 0
    assert ContentItem.objects.get(pk=planned.pk).channel is None
    entries = AuditEntry.objects.filter(kind="channel").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["create", "update", "delete"]


def test_channel_names_are_unique_per_organisation(owner: Persona, outsider: Persona) -> None:
    channel(owner.organization, "Blog")
    channel(outsider.organization, "Blog")

    with pytest.raises(ServiceError) as refused:
        channel(owner.organization, "blog")

    assert refused.value.field == "name"
    assert "already a channel named blog" in refused.value.message


def test_a_bad_kind_is_refused_at_its_field(owner: Persona) -> None:
    with pytest.raises(ServiceError) as refused:
        channel(owner.organization, "Blog", kind="myspace")
    assert refused.value.field == "kind"


def test_the_credential_is_sealed_and_an_env_reference_kept(owner: Persona) -> None:
    sealed = channel(owner.organization, "Masto", kind="mastodon", credential="secret-token")
    referenced = channel(owner.organization, "Sky", kind="bluesky", credential="env:SKY_PASS")

    assert sealed.credential.startswith("fernet:")
    assert "secret-token" not in sealed.credential
    assert referenced.credential == "env:SKY_PASS"
    entry = AuditEntry.objects.filter(kind="channel", object_id=str(sealed.pk)).get()
    assert "secret-token" not in str(entry.changes)
    services.update_channel(sealed, {"owner": "Wim"}, actor=None, credential="")
    sealed.refresh_from_db()
    assert sealed.credential.startswith("fernet:")
    with pytest.raises(ServiceError) as refused:
        services.update_channel(sealed, {}, actor=None, credential="env:1bad")
    assert refused.value.field == "credential"


def test_an_item_moves_from_idea_to_published_with_audit(owner: Persona) -> None:
    org = owner.organization
    blog = channel(org)
    tip = services.create_item(org, title="Brewing tip", actor=owner.user)
    assert tip.status == ItemStatus.IDEA

    services.transition_item(tip, ItemStatus.DRAFT, actor=owner.user)
    services.update_item(
        tip, {"channel": blog, "planned_at": at(timezone.localdate())}, actor=owner.user
    )
    approved = services.transition_item(tip, ItemStatus.APPROVED, actor=owner.user)
    assert approved.approved_by == owner.user
    assert approved.approved_at is not None
    published = services.transition_item(
        tip, ItemStatus.PUBLISHED, actor=owner.user, published_url="https://acme.test/tip"
    )

    assert published.status == ItemStatus.PUBLISHED
    assert published.published_at is not None
    assert published.published_url == "https://acme.test/tip"
    entries = AuditEntry.objects.filter(kind="contentitem").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["create", "update", "update", "approve", "publish"]


def test_approving_needs_a_channel_and_a_date(owner: Persona) -> None:
    org = owner.organization
    draft = item(org, status=ItemStatus.DRAFT)
    with pytest.raises(ServiceError) as no_channel:
        services.transition_item(draft, ItemStatus.APPROVED, actor=None)
    assert no_channel.value.field == "channel"

    services.update_item(draft, {"channel": channel(org)}, actor=None)
    with pytest.raises(ServiceError) as no_date:
        services.transition_item(draft, ItemStatus.APPROVED, actor=None)
    assert no_date.value.field == "planned_at"
    assert "plan a date" in no_date.value.message


def test_publishing_needs_approval(owner: Persona) -> None:
    draft = item(owner.organization, status=ItemStatus.DRAFT)

    with pytest.raises(ServiceError) as refused:
        services.transition_item(draft, ItemStatus.PUBLISHED, actor=None)

    assert refused.value.message == "approve the item before publishing it"
    assert not AuditEntry.objects.filter(action="publish").exists()


def test_a_published_item_stays_published_and_unknown_statuses_are_refused(
    owner: Persona,
) -> None:
    org = owner.organization
    done = item(org, status=ItemStatus.PUBLISHED, on=channel(org), day=timezone.localdate())

    with pytest.raises(ServiceError, match="cannot become draft"):
        services.transition_item(done, ItemStatus.DRAFT, actor=None)
    with pytest.raises(ServiceError, match="unknown status"):
        services.transition_item(done, "viral", actor=None)


def test_back_to_draft_clears_the_approval(owner: Persona) -> None:
    org = owner.organization
    ok = item(org, status=ItemStatus.APPROVED, on=channel(org), day=timezone.localdate())

    back = services.transition_item(ok, ItemStatus.DRAFT, actor=None)

    assert back.approved_at is None
    assert back.approved_by is None


def test_a_campaign_item_needs_its_campaign(owner: Persona) -> None:
    with pytest.raises(ServiceError) as refused:
        services.create_item(owner.organization, title="Sale", actor=None, item_type="campaign")
    assert refused.value.field == "campaign"

    always = services.create_item(
        owner.organization, title="Tip", actor=None, item_type="always_on", campaign="x"
    )
    assert always.campaign == ""


def test_a_new_item_is_an_idea_or_a_draft(owner: Persona) -> None:
    with pytest.raises(ServiceError) as refused:
        services.create_item(owner.organization, title="Tip", actor=None, status="approved")
    assert refused.value.field == "status"


def test_an_approved_item_keeps_its_channel_and_date(owner: Persona) -> None:
    org = owner.organization
    ok = item(org, status=ItemStatus.APPROVED, on=channel(org), day=timezone.localdate())

    with pytest.raises(ServiceError) as refused:
        services.update_item(ok, {"planned_at": None}, actor=None)

    assert refused.value.field == "planned_at"


def test_an_item_cannot_use_another_organisations_channel(
    owner: Persona, outsider: Persona
) -> None:
    theirs = channel(outsider.organization, "Theirs")

    with pytest.raises(ServiceError) as refused:
        services.create_item(owner.organization, title="Tip", actor=None, channel=theirs)

    assert refused.value.field == "channel"


def test_needs_manager_for_anything_beyond_ideas_and_drafts(owner: Persona) -> None:
    org = owner.organization
    draft = item(org, status=ItemStatus.DRAFT)
    assert not services.needs_manager(draft)
    assert not services.needs_manager(draft, ItemStatus.IDEA)
    assert services.needs_manager(draft, ItemStatus.APPROVED)
    assert services.needs_manager(draft, ItemStatus.CANCELLED)
    ok = item(org, "Other", status=ItemStatus.APPROVED, on=channel(org), day=timezone.localdate())
    assert services.needs_manager(ok)


def test_deleting_an_item_is_audited(owner: Persona) -> None:
    tip = item(owner.organization)

    services.delete_item(tip, actor=owner.user)

    entry = AuditEntry.objects.get(action="delete")
    assert entry.label == "Brewing tip"
    assert ContentItem.objects.count() == 0


def test_settings_take_one_to_sixty_days(owner: Persona) -> None:
    org = owner.organization
    assert services.gap_days(org) == 7

    services.update_settings(org, gap_days=14, actor=owner.user)

    assert services.gap_days(org) == 14
    for wrong in (0, 61):
        with pytest.raises(ServiceError) as refused:
            services.update_settings(org, gap_days=wrong, actor=owner.user)
        assert refused.value.field == "gap_days"


# --- figures -----------------------------------------------------------------------------


def test_figures_typed_in_are_stored_and_checked(owner: Persona) -> None:
    tip = item(owner.organization)

    services.set_metrics(tip, {"reach": 100, "likes": "12"}, actor=owner.user)
    services.set_metrics(tip, {"reach": 150}, actor=owner.user)

    metrics = ItemMetrics.objects.get()
    assert (metrics.reach, metrics.likes) == (150, 12)
    assert metrics.measured_at == timezone.localdate()
    with pytest.raises(ServiceError) as refused:
        services.set_metrics(tip, {"clicks": "-3"}, actor=owner.user)
    assert refused.value.field == "clicks"
    entries = AuditEntry.objects.filter(kind="itemmetrics").order_by("pk")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["create", "update"]


def test_the_import_keeps_good_lines_refuses_bad_ones_and_updates(owner: Persona) -> None:
    org = owner.organization
    first = item(org, "First")
    second = item(org, "Second", published_url="https://acme.test/second")
    services.set_metrics(second, {"reach": 1}, actor=None)
    csv = (
        "item,url,reach,likes,measured_at\n"
        f"{first.pk},,500,20,2026-11-01\n"
        f",https://acme.test/second,900,,\n"
        "99999,,1,1,\n"
        f"{first.pk},,lots,1,\n"
        f"{first.pk},,1,1,yesterday\n"
        ",,1,1,\n"
    )

    result = services.import_metrics_csv(org, io.StringIO(csv), owner.user)

    assert (result.created, result.updated) == (1, 1)
    assert result.errors == [
        (4, "item", "no such item in this organisation"),
        (5, "reach", "give a whole number, not 'lots'"),
        (6, "measured_at", "give a date as YYYY-MM-DD, not 'yesterday'"),
        (7, "item", "give the item's id or its published link"),
    ]
    assert ItemMetrics.objects.get(item=first).reach == 500
    assert ItemMetrics.objects.get(item=second).reach == 900
    assert AuditEntry.objects.filter(action="import").count() == 2


def test_the_import_refuses_a_file_without_the_columns(owner: Persona) -> None:
    with pytest.raises(ServiceError, match="item \\(or id\\) or url"):
        services.import_metrics_csv(owner.organization, io.StringIO("reach\n1\n"), None)
    with pytest.raises(ServiceError, match="one of the columns"):
        services.import_metrics_csv(owner.organization, io.StringIO("item,title\n1,x\n"), None)
    with pytest.raises(ServiceError, match="UTF-8"):
        services.import_metrics_csv(owner.organization, io.BytesIO(b"item,reach\n\xff\n"), None)


def test_an_item_of_another_organisation_is_not_found_by_the_import(
    owner: Persona, outsider: Persona
) -> None:
    theirs = item(outsider.organization)

    result = services.import_metrics_csv(
        owner.organization, io.StringIO(f"item;reach\n{theirs.pk};10\n"), None
    )

    assert result.errors == [(2, "item", "no such item in this organisation")]
    assert not ItemMetrics.objects.exists()


# --- reads -------------------------------------------------------------------------------


def test_gaps_count_only_approved_and_published_items_on_active_channels(
    owner: Persona,
) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog = channel(org, "Blog")
    paused = channel(org, "Old", is_active=False)
    item(org, "Approved", status=ItemStatus.APPROVED, on=blog, day=today + timedelta(days=1))
    item(org, "Draft", status=ItemStatus.DRAFT, on=blog, day=today + timedelta(days=2))
    item(org, "Paused", status=ItemStatus.APPROVED, on=paused, day=today + timedelta(days=3))
    item(org, "Out", status=ItemStatus.PUBLISHED, on=blog, day=today, published=today)

    gaps = insights.content_gaps(org, days=5)

    assert gaps.empty == [today + timedelta(days=n) for n in (2, 3, 4)]
    assert [row.channel.name for row in gaps.channels] == ["Blog"]
    assert gaps.channels[0].gap is not None
    assert gaps.channels[0].gap.length == 3


def test_no_channels_no_warnings(owner: Persona) -> None:
    assert insights.content_gaps(owner.organization).empty == []


def test_the_gap_window_follows_the_setting(owner: Persona) -> None:
    org = owner.organization
    channel(org)
    services.update_settings(org, gap_days=3, actor=None)

    assert len(insights.content_gaps(org).empty) == 3


def test_weekly_shares_and_channel_figures(owner: Persona) -> None:
    org = owner.organization
    today = timezone.localdate()
    blog = channel(org)
    on = item(org, "On", status=ItemStatus.PUBLISHED, on=blog, day=today)
    item(
        org,
        "Camp",
        status=ItemStatus.PUBLISHED,
        on=blog,
        day=today,
        item_type="campaign",
        campaign="Sale",
    )
    services.set_metrics(on, {"reach": 10, "likes": 2}, actor=None)

    shares = insights.weekly_shares(org)
    figures = insights.channel_figures(org)

    assert len(shares) == 12
    assert shares[-1].published == 2
    assert shares[-1].share == 0.5
    assert figures[0].published == 2
    assert figures[0].totals["reach"] == 10
    assert figures[0].totals["clicks"] == 0
