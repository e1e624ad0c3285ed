"""Writes of the content calendar: channels, items and their status, metrics (typed in
or imported from CSV), the settings, and publishing to Mastodon or Bluesky. Every write
goes through these functions and leaves an entry in the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.content.choices import (
    CONTRIBUTOR_STATUSES,
    TRANSITIONS,
    ItemStatus,
    ItemType,
)
from socialroadmap.content.models import (
    DEFAULT_GAP_DAYS,
    Channel,
    ContentItem,
    ContentSettings,
    ItemMetrics,
)
from socialroadmap.core.csvfiles import csv_rows, csv_text, dict_reader
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.exports import unguard
from socialroadmap.core.saving import check_row, save_unique, set_fields
from socialroadmap.listening import secrets as sealing
from socialroadmap.organizations.models import Organization

CHANNEL_FIELDS = ("name", "kind", "handle", "owner", "is_active", "api_url", "api_account")
ITEM_FIELDS = (
    "title",
    "body",
    "channel",
    "owner",
    "department",
    "item_type",
    "campaign",
    "planned_at",
    "published_url",
)
ITEM_AUDIT_FIELDS = (*ITEM_FIELDS, "status", "published_at")
METRIC_FIELDS = ("reach", "impressions", "clicks", "likes", "shares", "comments", "measured_at")
MAX_METRIC = 2_000_000_000
MAX_IMPORT_ROWS = 5000
# A claim older than this belongs to a worker that died; the idempotency key sent to
# the network keeps the retry from posting twice.
STALE_CLAIM = timedelta(minutes=10)


# --- settings ---------------------------------------------------------------------------


def gap_days(organization: Organization) -> int:
    """How many coming days the gap warnings look at."""
    row = ContentSettings.objects.for_org(organization).first()
    return row.gap_days if row else DEFAULT_GAP_DAYS


@transaction.atomic
def update_settings(
    organization: Organization, *, gap_days: int, actor: User | None
) -> ContentSettings:
    """Set how many days ahead the calendar warns about days without content (1-60)."""
    row, _created = ContentSettings.objects.get_or_create(organization=organization)
    before = audit.snapshot(row, ("gap_days",))
    if not isinstance(gap_days, int) or not 1 <= gap_days <= 60:
        raise ServiceError("give a number of days from 1 to 60", field="gap_days")
    row.gap_days = gap_days
    row.stamp(actor)
    row.save()
    audit.record(
        organization,
        actor,
        Action.UPDATE,
        row,
        audit.diff(before, audit.snapshot(row, ("gap_days",))),
    )
    return row


# --- channels ---------------------------------------------------------------------------


def _save_channel(channel: Channel, actor: User | None) -> Channel:
    same = Channel.objects.for_org(channel.organization).filter(name__iexact=channel.name)
    taken = f"there is already a channel named {channel.name}"
    return save_unique(channel, actor, same, taken, field="name")


def _seal_credential(channel: Channel, credential: str | None) -> None:
    """A new credential replaces the stored one; empty (or None) keeps it."""
    if not credential:
        return
    try:
        channel.credential = sealing.seal("credential", credential.strip())
    except sealing.SecretError as error:
        raise ServiceError(str(error), field="credential") from error


@transaction.atomic
def create_channel(
    organization: Organization,
    *,
    name: str,
    actor: User | None,
    credential: str | None = None,
    **fields: Any,
) -> Channel:
    """Register an owned media channel; ``fields``: any other of ``CHANNEL_FIELDS``."""
    channel = Channel(organization=organization)
    set_fields(channel, {"name": name, **fields}, CHANNEL_FIELDS)
    check_row(channel)
    _seal_credential(channel, credential)
    channel = _save_channel(channel, actor)
    changes = audit.snapshot(channel, CHANNEL_FIELDS)
    changes["credential"] = "stored" if channel.credential else ""
    audit.record(organization, actor, Action.CREATE, channel, changes)
    return channel


@transaction.atomic
def update_channel(
    channel: Channel,
    changes: Mapping[str, Any],
    *,
    actor: User | None,
    credential: str | None = None,
) -> Channel:
    """Change any of ``CHANNEL_FIELDS``; a non-empty ``credential`` replaces the stored one."""
    channel = Channel.objects.select_for_update().get(pk=channel.pk)
    before = audit.snapshot(channel, CHANNEL_FIELDS)
    set_fields(channel, changes, CHANNEL_FIELDS)
    check_row(channel)
    _seal_credential(channel, credential)
    channel = _save_channel(channel, actor)
    after = audit.snapshot(channel, CHANNEL_FIELDS)
    difference = audit.diff(before, after)
    if credential:
        difference["credential"] = ["", "replaced"]
    audit.record(channel.organization, actor, Action.UPDATE, channel, difference)
    return channel


@transaction.atomic
def delete_channel(channel: Channel, *, actor: User | None) -> dict[str, Any]:
    """Remove the channel; its items stay on the calendar without a channel."""
    items = list(channel.items.values_list("title", flat=True))
    gone = {"id": channel.pk, "name": channel.name, "items_unassigned": items}
    audit.record(channel.organization, actor, Action.DELETE, channel, gone)
    channel.delete()
    return gone


# --- items ------------------------------------------------------------------------------


def _check_item(item: ContentItem) -> None:
    if item.channel is not None and item.channel.organization_id != item.organization_id:
        raise ServiceError("no such channel", field="channel")
    if item.item_type == ItemType.CAMPAIGN and not item.campaign:
        raise ServiceError("a campaign item needs the campaign's name", field="campaign")
    if item.item_type == ItemType.ALWAYS_ON:
        item.campaign = ""
    check_row(item)


@transaction.atomic
def create_item(
    organization: Organization,
    *,
    title: str,
    actor: User | None,
    status: str = ItemStatus.IDEA,
    **fields: Any,
) -> ContentItem:
    """Add an idea or a draft; ``fields``: any other of ``ITEM_FIELDS``."""
    if status not in CONTRIBUTOR_STATUSES:
        raise ServiceError("a new item is an idea or a draft", field="status")
    item = ContentItem(organization=organization, status=status)
    set_fields(item, {"title": title, **fields}, ITEM_FIELDS)
    _check_item(item)
    item.stamp(actor)
    item.save()
    audit.record(organization, actor, Action.CREATE, item, audit.snapshot(item, ITEM_AUDIT_FIELDS))
    return item


@transaction.atomic
def update_item(
    item: ContentItem, changes: Mapping[str, Any], *, actor: User | None
) -> ContentItem:
    """Change any of ``ITEM_FIELDS``. A published item keeps its channel and day."""
    item = ContentItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    set_fields(item, changes, ITEM_FIELDS)
    if item.status == ItemStatus.APPROVED and (item.channel is None or item.planned_at is None):
        raise ServiceError(
            "an approved item needs a channel and a planned date; move it back to draft first",
            field="planned_at" if item.planned_at is None else "channel",
        )
    _check_item(item)
    item.stamp(actor)
    item.save()
    after = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    audit.record(item.organization, actor, Action.UPDATE, item, audit.diff(before, after))
    return item


@transaction.atomic
def delete_item(item: ContentItem, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": item.pk, "title": item.title, "status": item.status}
    audit.record(item.organization, actor, Action.DELETE, item, gone)
    item.delete()
    return gone


def needs_manager(item: ContentItem, status: str | None = None) -> bool:
    """Whether changing ``item`` (to ``status``) is a conversation manager's call:
    contributors work on ideas and drafts only."""
    if item.status not in CONTRIBUTOR_STATUSES:
        return True
    return status is not None and status not in CONTRIBUTOR_STATUSES


@transaction.atomic
def transition_item(
    item: ContentItem,
    status: str,
    *,
    actor: User | None,
    published_url: str | None = None,
    published_at: datetime | None = None,
) -> ContentItem:
    """Move the item to ``status`` along ``TRANSITIONS``: approving needs a channel and
    a planned date (and records who approved); publishing needs approval first."""
    item = (
        ContentItem.objects.select_for_update(of=("self",))
        .select_related("channel")
        .get(pk=item.pk)
    )
    if status not in ItemStatus.values:
        raise ServiceError(f"unknown status {status!r}", field="status")
    if status == item.status:
        return item
    if status not in TRANSITIONS[item.status]:
        if status == ItemStatus.PUBLISHED:
            raise ServiceError("approve the item before publishing it", field="status")
        raise ServiceError(f"an item that is {item.status} cannot become {status}", field="status")
    before = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    action = Action.UPDATE
    if status == ItemStatus.APPROVED:
        if item.channel is None:
            raise ServiceError("choose a channel before approving", field="channel")
        if item.planned_at is None:
            raise ServiceError("plan a date and time before approving", field="planned_at")
        item.approved_by = actor if getattr(actor, "is_authenticated", False) else None
        item.approved_at = timezone.now()
        action = Action.APPROVE
    elif status == ItemStatus.PUBLISHED:
        if item.publishing_since is not None:
            raise ServiceError("the item is being published right now", field="status")
        item.published_at = published_at or timezone.now()
        if published_url:
            item.published_url = published_url
        action = Action.PUBLISH
    else:
        item.approved_by = None
        item.approved_at = None
    item.status = status
    check_row(item)
    item.stamp(actor)
    item.save()
    after = audit.snapshot(item, ITEM_AUDIT_FIELDS)
    audit.record(item.organization, actor, action, item, audit.diff(before, after))
    return item


# --- metrics ----------------------------------------------------------------------------


def _metric_value(name: str, value: Any) -> int | date | None:
    if value is None or value == "":
        return None
    if name == "measured_at":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError as error:
            raise ServiceError(
                f"give a date as YYYY-MM-DD, not {value!r}", field="measured_at"
            ) from error
    try:
        number = int(str(value).strip().replace(".", "").replace(" ", ""))
    except ValueError as error:
        raise ServiceError(f"give a whole number, not {value!r}", field=name) from error
    if not 0 <= number <= MAX_METRIC:
        raise ServiceError(f"give a number from 0 to {MAX_METRIC}", field=name)
    return number


@transaction.atomic
def set_metrics(
    item: ContentItem, values: Mapping[str, Any], *, actor: User | None, action: str = Action.UPDATE
) -> ItemMetrics:
    """Store the item's figures; fields not in ``values`` keep their value."""
    unknown = set(values) - set(METRIC_FIELDS)
    if unknown:
        raise ServiceError(f"unknown fields: {', '.join(sorted(unknown))}")
    cleaned = {name: _metric_value(name, value) for name, value in values.items()}
    metrics = ItemMetrics.objects.for_org(item.organization).filter(item=item).first()
    created = metrics is None
    if metrics is None:
        metrics = ItemMetrics(organization=item.organization, item=item)
    before = {} if created else audit.snapshot(metrics, METRIC_FIELDS)
    for name, value in cleaned.items():
        setattr(metrics, name, value)
    if metrics.measured_at is None:
        metrics.measured_at = timezone.localdate()
    metrics.stamp(actor)
    metrics.save()
    after = audit.snapshot(metrics, METRIC_FIELDS)
    audit.record(
        item.organization,
        actor,
        Action.CREATE if created and action == Action.UPDATE else action,
        metrics,
        after if created else audit.diff(before, after),
    )
    return metrics


@dataclass
class ImportResult:
    """What an import did; ``errors`` are (line, field, reason) of the refused lines."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)


def _item_of(organization: Organization, record: Mapping[str, str | None]) -> ContentItem:
    """The item a line is about: by its id, else by its published link."""
    ident = unguard((record.get("item") or record.get("id") or "").strip())
    url = unguard((record.get("url") or "").strip())
    items = ContentItem.objects.for_org(organization)
    if ident:
        if not ident.isdigit():
            raise ServiceError(f"give the item's number, not {ident!r}", field="item")
        found = items.filter(pk=int(ident)).first()
    elif url:
        found = items.filter(published_url=url).first()
    else:
        raise ServiceError("give the item's id or its published link", field="item")
    if found is None:
        raise ServiceError("no such item in this organisation", field="item" if ident else "url")
    return found


def import_metrics_csv(
    organization: Organization, stream: IO[Any], actor: User | None
) -> ImportResult:
    """Store the figures of a CSV file: a column ``item`` (the id) or ``url`` (the
    published link), and any of ``METRIC_FIELDS``. A line for an item that has figures
    updates them. A bad line is refused with its line number, field and reason; the
    good lines are kept."""
    reader = dict_reader(csv_text(stream, windows_1252=False))
    header = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if not {"item", "id", "url"} & set(header):
        raise ServiceError("the header needs a column item (or id) or url", field="file")
    if not set(METRIC_FIELDS) & set(header):
        raise ServiceError(
            f"the header needs one of the columns {', '.join(METRIC_FIELDS)}", field="file"
        )
    reader.fieldnames = header
    result = ImportResult()

    def refuse(line: int, reason: str) -> None:
        result.errors.append((line, "", reason))

    for number, (line, record) in enumerate(csv_rows(reader, refuse)):
        if number >= MAX_IMPORT_ROWS:
            refuse(line, f"only {MAX_IMPORT_ROWS} lines are read")
            break
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            continue
        try:
            with transaction.atomic():
                item = _item_of(organization, record)
                existed = ItemMetrics.objects.filter(item=item).exists()
                values = {
                    name: unguard(record[name] or "")
                    for name in METRIC_FIELDS
                    if name in record and (record[name] or "").strip()
                }
                set_metrics(item, values, actor=actor, action=Action.IMPORT)
        except ServiceError as error:
            result.errors.append((line, error.field or "", error.message))
            continue
        if existed:
            result.updated += 1
        else:
            result.created += 1
    return result
