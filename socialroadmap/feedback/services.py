"""Writes of the feedback loop: items, their routing through the escalation matrix,
their steps from received to done, the targets, and the e-mails to owners. Every write
goes through these functions and is audited."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from socialroadmap.accounts.models import User
from socialroadmap.audit import services as audit
from socialroadmap.audit.models import Action
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import check_row, set_fields
from socialroadmap.excellence.choices import TeamRole
from socialroadmap.excellence.models import TeamMember
from socialroadmap.excellence.services import route_conversation
from socialroadmap.feedback.choices import (
    NEXT_STATES,
    OPEN_STATES,
    ROUTING_KIND,
    WARNING_INTERVAL_HOURS,
    FeedbackKind,
    Source,
    State,
)
from socialroadmap.feedback.models import FeedbackItem, FeedbackTarget, overdue_reasons
from socialroadmap.listening.models import Post
from socialroadmap.organizations.models import Organization

# What a person may set on an item (the owner and the steps have functions of their own).
ITEM_FIELDS = (
    "kind",
    "severity",
    "title",
    "text",
    "source",
    "source_reference",
    "customer_name",
    "department",
    "received_at",
)
AUDIT_FIELDS = (
    *ITEM_FIELDS,
    "owner",
    "state",
    "action",
    "rejection_reason",
    "acknowledge_within_minutes",
)
TARGET_FIELDS = ("acknowledge_hours", "action_days")
# The moment and the person each step records.
STEP_FIELDS = {
    State.ACKNOWLEDGED: ("acknowledged_at", "acknowledged_by"),
    State.ACTION_DECIDED: ("action_decided_at", "action_decided_by"),
    State.DONE: ("done_at", "done_by"),
    State.REJECTED: ("rejected_at", "rejected_by"),
}


def _apply(item: FeedbackItem, changes: Mapping[str, Any]) -> None:
    set_fields(item, changes, ITEM_FIELDS)
    if not item.title:
        raise ServiceError("give the item a title", field="title")
    if item.received_at is None:
        item.received_at = timezone.now()
    if item.received_at > timezone.now() + timedelta(minutes=5):
        raise ServiceError("feedback cannot be received in the future", field="received_at")
    check_row(item, exclude=("owner", "post"))


def _route(item: FeedbackItem) -> bool:
    """Let the matrix choose the owner; True when a rule covers the item's kind."""
    rule = route_conversation(item.organization, ROUTING_KIND[item.kind], item.severity)
    if rule is None:
        item.owner = None
        item.acknowledge_within_minutes = None
        return False
    item.owner = rule.handler
    item.acknowledge_within_minutes = rule.respond_within_minutes
    if not item.department and item.owner is not None:
        item.department = item.owner.department
    return True


def notify_owner_soon(item: FeedbackItem) -> None:
    """E-mail the item's owner once the current transaction commits."""
    from socialroadmap.core.jobs import enqueue
    from socialroadmap.feedback.tasks import notify_owner_task

    if item.owner_id is not None:
        enqueue(notify_owner_task, item.pk)


@transaction.atomic
def create_item(
    organization: Organization,
    *,
    kind: str,
    title: str,
    actor: User | None,
    post: Post | None = None,
    route: bool = True,
    **fields: Any,
) -> FeedbackItem:
    """Register feedback and let the escalation matrix choose its owner (``route``);
    ``fields``: any other of ``ITEM_FIELDS``."""
    item = FeedbackItem(organization=organization)
    if post is not None:
        if post.organization_id != organization.pk:
            raise ServiceError("the post belongs to another organisation", field="post")
        item.post = post
        # Only a web link: an imported post's "link" may be anything.
        item.post_url = post.url if post.url.startswith(("https://", "http://")) else ""
        fields = {"source": Source.LISTENING, **fields}
        fields.setdefault("text", post.text)
        fields.setdefault("customer_name", post.author)
        fields.setdefault("received_at", post.created_at or timezone.now())
    _apply(item, {"kind": kind, "title": title, **fields})
    if route:
        _route(item)
    item.stamp(actor)
    item.save()
    audit.record(organization, actor, Action.CREATE, item, audit.snapshot(item, AUDIT_FIELDS))
    notify_owner_soon(item)
    return item


def create_item_from_post(post: Post, *, actor: User | None, **fields: Any) -> FeedbackItem:
    """An item from a listening post: a complaint when the post is negative, titled
    with the post's first words unless told otherwise."""
    fields.setdefault(
        "kind", FeedbackKind.COMPLAINT if post.sentiment == "negative" else FeedbackKind.QUESTION
    )
    fields.setdefault("title", _title_of(post.text))
    organization = post.organization
    return create_item(organization, post=post, actor=actor, **fields)


def _title_of(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 80 else line[:79].rstrip() + "…"


@transaction.atomic
def update_item(
    item: FeedbackItem, changes: Mapping[str, Any], *, actor: User | None
) -> FeedbackItem:
    """Change any of ``ITEM_FIELDS``. A new kind or severity does not re-route: the
    "Route" button does."""
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item, AUDIT_FIELDS)
    _apply(item, changes)
    item.stamp(actor)
    item.save()
    audit.record(
        item.organization,
        actor,
        Action.UPDATE,
        item,
        audit.diff(before, audit.snapshot(item, AUDIT_FIELDS)),
    )
    return item


@transaction.atomic
def route_item(item: FeedbackItem, *, actor: User | None) -> FeedbackItem:
    """Ask the matrix again who takes the item (after a new rule, or a new kind)."""
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    before = audit.snapshot(item, AUDIT_FIELDS)
    old_owner = item.owner_id
    _route(item)
    item.stamp(actor)
    item.save()
    audit.record(
        item.organization,
        actor,
        Action.UPDATE,
        item,
        audit.diff(before, audit.snapshot(item, AUDIT_FIELDS)),
    )
    if item.owner_id != old_owner:
        notify_owner_soon(item)
    return item


@transaction.atomic
def assign_item(
    item: FeedbackItem, owner: TeamMember | None, *, actor: User | None
) -> FeedbackItem:
    """Hand the item to someone else than the matrix chose (or to nobody)."""
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if owner is not None and owner.organization_id != item.organization_id:
        raise ServiceError("the owner belongs to another organisation", field="owner")
    before = audit.snapshot(item, AUDIT_FIELDS)
    changed = item.owner_id != (owner.pk if owner else None)
    item.owner = owner
    if owner is not None and not item.department:
        item.department = owner.department
    item.stamp(actor)
    item.save()
    audit.record(
        item.organization,
        actor,
        Action.UPDATE,
        item,
        audit.diff(before, audit.snapshot(item, AUDIT_FIELDS)),
    )
    if changed:
        notify_owner_soon(item)
    return item


@transaction.atomic
def transition_item(
    item: FeedbackItem,
    state: str,
    *,
    actor: User | None,
    action: str = "",
    reason: str = "",
    at: datetime | None = None,
) -> FeedbackItem:
    """Move the item one step: acknowledged, action decided (with the ``action``), done,
    or rejected (with the ``reason``). Each step records when and by whom."""
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    if state not in State.values:
        raise ServiceError(f"unknown state {state!r}", field="state")
    allowed = NEXT_STATES[item.state]
    if state not in allowed:
        current = State(item.state).label
        if not allowed:
            raise ServiceError(f"the item is {current} and cannot change any more", field="state")
        names = " or ".join(str(State(s).label) for s in allowed)
        raise ServiceError(f"an item that is {current} can only become {names}", field="state")
    action, reason = (action or "").strip(), (reason or "").strip()
    if state == State.ACTION_DECIDED and not action:
        raise ServiceError("say which action was decided", field="action")
    if state == State.REJECTED and not reason:
        raise ServiceError("say why the item is rejected", field="reason")
    moment = at or timezone.now()
    if moment < item.received_at:
        raise ServiceError("a step cannot come before the item was received", field="state")
    before = audit.snapshot(item, AUDIT_FIELDS)
    at_field, by_field = STEP_FIELDS[State(state)]
    setattr(item, at_field, moment)
    setattr(item, by_field, actor if getattr(actor, "is_authenticated", False) else None)
    if state == State.ACTION_DECIDED:
        item.action = action
    if state == State.REJECTED:
        item.rejection_reason = reason
    item.state = state
    item.stamp(actor)
    item.save()
    audit.record(
        item.organization,
        actor,
        Action.UPDATE,
        item,
        audit.diff(before, audit.snapshot(item, AUDIT_FIELDS)),
    )
    return item


@transaction.atomic
def delete_item(item: FeedbackItem, *, actor: User | None) -> dict[str, Any]:
    gone = {"id": item.pk, "title": item.title, "state": item.state}
    audit.record(item.organization, actor, Action.DELETE, item, gone)
    item.delete()
    return gone


# --- targets ----------------------------------------------------------------------------


def targets_by_kind(organization: Organization) -> dict[str, FeedbackTarget]:
    return {t.kind: t for t in FeedbackTarget.objects.for_org(organization)}


@transaction.atomic
def set_target(
    organization: Organization,
    kind: str,
    *,
    actor: User | None,
    acknowledge_hours: int | None = None,
    action_days: int | None = None,
) -> FeedbackTarget:
    """The targets of one kind of feedback; None falls back on the defaults."""
    if kind not in FeedbackKind.values:
        raise ServiceError(f"unknown kind {kind!r}", field="kind")
    for name, value, most in (
        ("acknowledge_hours", acknowledge_hours, 24 * 90),
        ("action_days", action_days, 365),
    ):
        if value is not None and not 1 <= value <= most:
            raise ServiceError(f"{name}: give a number from 1 to {most}", field=name)
    target = (
        FeedbackTarget.objects.for_org(organization).select_for_update().filter(kind=kind).first()
    )
    created = target is None
    if target is None:
        target = FeedbackTarget(organization=organization, kind=kind)
    before = {} if created else audit.snapshot(target, TARGET_FIELDS)
    target.acknowledge_hours = acknowledge_hours
    target.action_days = action_days
    target.stamp(actor)
    target.save()
    after = audit.snapshot(target, TARGET_FIELDS)
    if created:
        audit.record(organization, actor, Action.CREATE, target, after)
    else:
        audit.record(organization, actor, Action.UPDATE, target, audit.diff(before, after))
    return target


# --- waiting too long -------------------------------------------------------------------


def overdue_items(
    organization: Organization, now: datetime | None = None
) -> list[tuple[FeedbackItem, list[str]]]:
    """Open items past their acknowledge or action target, with which target they missed."""
    now = now or timezone.now()
    targets = targets_by_kind(organization)
    found = []
    rows = FeedbackItem.objects.for_org(organization).filter(state__in=OPEN_STATES)
    for item in rows.select_related("owner").order_by("received_at", "pk"):
        reasons = overdue_reasons(item, targets.get(item.kind), now)
        if reasons:
            found.append((item, reasons))
    return found


def item_link(item: FeedbackItem) -> str:
    path = reverse("feedback:item", kwargs={"org_slug": item.organization.slug, "pk": item.pk})
    return settings.SITE_URL.rstrip("/") + path


def notify_owner(item: FeedbackItem) -> bool:
    """E-mail the owner that the item is theirs; False when there is nobody to tell."""
    if item.owner is None or not item.owner.email:
        return False
    subject = f"Feedback for you / Feedback voor jou: {item.title}"[:200]
    body = (
        f"{item.get_kind_display()} · {item.get_severity_display()}\n\n"
        f"{item.title}\n\n{item.text}\n\n{item_link(item)}\n"
    )
    send_mail(subject, body, None, [item.owner.email])
    return True


def send_overdue_warnings(
    organization: Organization, now: datetime | None = None
) -> dict[str, int]:
    """E-mail each owner the list of their overdue items, and the conversation manager
    the whole list (items without an owner too). An item is in a warning at most once
    per ``WARNING_INTERVAL_HOURS``; the time of its last warning is stored."""
    now = now or timezone.now()
    since = now - timedelta(hours=WARNING_INTERVAL_HOURS)
    due = [
        (item, reasons)
        for item, reasons in overdue_items(organization, now)
        if item.last_warned_at is None or item.last_warned_at <= since
    ]
    if not due:
        return {"items": 0, "emails": 0}
    per_person: dict[str, list[tuple[FeedbackItem, list[str]]]] = defaultdict(list)
    for item, reasons in due:
        if item.owner is not None and item.owner.is_active and item.owner.email:
            per_person[item.owner.email.lower()].append((item, reasons))
    managers = TeamMember.objects.for_org(organization).filter(
        role=TeamRole.CONVERSATION_MANAGER, is_active=True
    )
    for manager in managers:
        per_person[manager.email.lower()] = list(due)
    emails = 0
    for address, items in per_person.items():
        lines = [
            f"- {item.title} ({', '.join(_missed(r) for r in reasons)}): {item_link(item)}"
            for item, reasons in items
        ]
        subject = f"{len(items)} feedback item(s) waiting too long / wachten te lang"
        send_mail(subject, "\n".join(lines) + "\n", None, [address])
        emails += 1
    FeedbackItem.objects.filter(pk__in=[item.pk for item, _ in due]).update(last_warned_at=now)
    return {"items": len(due), "emails": emails}


def _missed(reason: str) -> str:
    return "not acknowledged in time" if reason == "acknowledge" else "no action in time"
