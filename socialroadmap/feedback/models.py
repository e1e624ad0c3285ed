"""Project 13 (a fast and flexible organisation): every piece of customer feedback as an
item that the escalation matrix hands to an owner, with the time of each step, so the
organisation sees how fast feedback leads to something and watches that time fall."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.excellence.choices import Department, Severity
from socialroadmap.feedback.choices import (
    DEFAULT_ACKNOWLEDGE_HOURS,
    DEFAULT_ACTION_DAYS,
    OPEN_STATES,
    FeedbackKind,
    Source,
    State,
)


def _who(name: Any) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class FeedbackItem(OrganizationOwnedModel):
    """One complaint, question or idea, from the moment it came in until it led to
    something (or was turned down with a reason)."""

    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity, default=Severity.NORMAL
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.MANUAL)
    source_reference = models.CharField(
        _("reference"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the sounding board's session, an e-mail subject or a phone note."),
    )
    # The post it came from; its text, author and link are copied so that the item
    # survives the post's deletion or erasure.
    post = models.ForeignKey(
        "listening.Post",
        verbose_name=_("listening post"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    post_url = models.CharField(_("link to the post"), max_length=1000, blank=True)
    customer_name = models.CharField(_("customer or author"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=30, choices=Department, blank=True)
    owner = models.ForeignKey(
        "excellence.TeamMember",
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The matrix's "respond within" for the item's cell, taken when it was routed.
    acknowledge_within_minutes = models.PositiveIntegerField(
        _("acknowledge within (minutes)"), null=True, blank=True
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.RECEIVED)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = _who(_("acknowledged by"))
    action_decided_at = models.DateTimeField(_("action decided at"), null=True, blank=True)
    action_decided_by = _who(_("action decided by"))
    action = models.TextField(_("action"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = _who(_("done by"))
    rejected_at = models.DateTimeField(_("rejected at"), null=True, blank=True)
    rejected_by = _who(_("rejected by"))
    rejection_reason = models.TextField(_("reason for rejecting"), blank=True)
    last_warned_at = models.DateTimeField(_("last overdue warning"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "state"], name="feedback_item_state"),
            models.Index(fields=["organization", "received_at"], name="feedback_item_received"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class FeedbackTarget(OrganizationOwnedModel):
    """How fast the organisation means to act on one kind of feedback. Empty fields
    fall back on the matrix (acknowledge) and on the defaults."""

    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind)
    acknowledge_hours = models.PositiveIntegerField(
        _("acknowledge within (hours)"),
        null=True,
        blank=True,
        help_text=_("Empty: the escalation matrix's time, else 24 hours."),
    )
    action_days = models.PositiveIntegerField(
        _("act within (days)"), null=True, blank=True, help_text=_("Empty: 14 days.")
    )

    class Meta:
        verbose_name = _("feedback target")
        verbose_name_plural = _("feedback targets")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="feedback_target_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


def acknowledge_limit(item: FeedbackItem, target: FeedbackTarget | None) -> timedelta:
    """The time the item may wait for an acknowledgement."""
    if target is not None and target.acknowledge_hours is not None:
        return timedelta(hours=target.acknowledge_hours)
    if item.acknowledge_within_minutes is not None:
        return timedelta(minutes=item.acknowledge_within_minutes)
    return timedelta(hours=DEFAULT_ACKNOWLEDGE_HOURS)


def action_limit(target: FeedbackTarget | None) -> timedelta:
    """The time an item of the target's kind may take until it is done."""
    if target is not None and target.action_days is not None:
        return timedelta(days=target.action_days)
    return timedelta(days=DEFAULT_ACTION_DAYS)


def overdue_reasons(item: FeedbackItem, target: FeedbackTarget | None, now: datetime) -> list[str]:
    """Which deadline the item missed: "acknowledge" and/or "action" (open items only)."""
    if not item.is_open:
        return []
    reasons = []
    if item.state == State.RECEIVED and now > item.received_at + acknowledge_limit(item, target):
        reasons.append("acknowledge")
    if now > item.received_at + action_limit(target):
        reasons.append("action")
    return reasons
