"""Writes of the alerts: rules, their evaluation over the rollups, delivery of events.

``evaluate_rules`` reads only ``listening.Rollup`` rows, fires at most one event per
rule and window (a unique constraint and the cool-down both guard it), and is safe to
retry. ``deliver_event`` e-mails and calls the webhook; failures are recorded on the
event, never raised, so one broken webhook cannot stop the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from socialroadmap.accounts.models import User
from socialroadmap.alerts.choices import DEFAULT_THRESHOLDS, AlertKind
from socialroadmap.alerts.models import AlertEvent, AlertRule
from socialroadmap.core.errors import ServiceError
from socialroadmap.core.saving import save_unique
from socialroadmap.listening.choices import Sentiment
from socialroadmap.listening.models import ListeningQuery, Rollup
from socialroadmap.organizations.models import Organization

logger = logging.getLogger(__name__)

RULE_FIELDS = (
    "name",
    "query",
    "kind",
    "threshold",
    "min_posts",
    "window_hours",
    "baseline_days",
    "cooldown_hours",
    "recipients",
    "webhook_url",
    "is_active",
)
# (lowest, highest) allowed for the numeric settings of a rule.
LIMITS = {
    "min_posts": (1, 1_000_000),
    "window_hours": (1, 168),
    "baseline_days": (1, 90),
    "cooldown_hours": (0, 720),
}
MAX_RECIPIENTS = 20
WEBHOOK_TIMEOUT = 10.0
# Seconds to wait before each retry of the webhook (two retries).
WEBHOOK_RETRY_DELAYS = (1.0, 4.0)


# --- rules ----------------------------------------------------------------------------


def _clean_recipients(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").replace(";", " ").split()
    if not isinstance(value, list | tuple):
        raise ServiceError("give a list of e-mail addresses", field="recipients")
    addresses = list(dict.fromkeys(str(v).strip().lower() for v in value if str(v).strip()))
    if len(addresses) > MAX_RECIPIENTS:
        raise ServiceError(f"at most {MAX_RECIPIENTS} recipients", field="recipients")
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError as error:
            raise ServiceError(f"{address} is not an e-mail address", field="recipients") from error
    return addresses


def _clean_webhook(url: str) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError as error:
        raise ServiceError("this is not a web address", field="webhook_url") from error
    if not url.startswith("https://") and not settings.DEBUG:
        raise ServiceError("the webhook must use https://", field="webhook_url")
    return url


def _clean_number(name: str, value: Any) -> int:
    low, high = LIMITS[name]
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise ServiceError("give a whole number", field=name) from error
    if not low <= number <= high:
        raise ServiceError(f"give a number from {low} to {high}", field=name)
    return number


def _apply(rule: AlertRule, changes: Mapping[str, Any]) -> None:
    """Check and set the given fields of ``rule``; a bad value raises ServiceError."""
    if "name" in changes:
        rule.name = " ".join(str(changes["name"] or "").split())
        if not rule.name or len(rule.name) > 100:
            raise ServiceError("give a name of at most 100 characters", field="name")
    if "kind" in changes:
        if changes["kind"] not in AlertKind.values:
            raise ServiceError("volume or negative_share", field="kind")
        rule.kind = changes["kind"]
    if "query" in changes:
        query = changes["query"]
        if query is not None and query.organization_id != rule.organization_id:
            raise ServiceError("no such query", field="query")
        rule.query = query
    if changes.get("threshold") is not None:
        try:
            rule.threshold = float(changes["threshold"])
        except (TypeError, ValueError) as error:
            raise ServiceError("give a number", field="threshold") from error
        if not 0 < rule.threshold <= 1000:
            raise ServiceError("give a number above 0 (at most 1000)", field="threshold")
    for name in LIMITS:
        if name in changes:
            setattr(rule, name, _clean_number(name, changes[name]))
    if "recipients" in changes:
        rule.recipients = _clean_recipients(changes["recipients"])
    if "webhook_url" in changes:
        rule.webhook_url = _clean_webhook(changes["webhook_url"])
    if "is_active" in changes:
        rule.is_active = bool(changes["is_active"])


def _save(rule: AlertRule, actor: User | None) -> None:
    same = AlertRule.objects.for_org(rule.organization).filter(name__iexact=rule.name)
    save_unique(rule, actor, same, f"there is already a rule named {rule.name}", field="name")


@transaction.atomic
def create_rule(
    organization: Organization,
    *,
    name: str,
    kind: str,
    query: ListeningQuery | None = None,
    threshold: float | None = None,
    actor: User | None,
    **options: Any,
) -> AlertRule:
    """Add an alert rule. Without ``threshold`` the kind's default applies (a volume
    3 times the baseline; a negative share 20 points above it). ``options``: any of
    ``min_posts``, ``window_hours``, ``baseline_days``, ``cooldown_hours``,
    ``recipients``, ``webhook_url`` and ``is_active``."""
    unknown = set(options) - set(RULE_FIELDS)
    if unknown:
        raise ServiceError(f"unknown settings: {', '.join(sorted(unknown))}")
    rule = AlertRule(organization=organization)
    _apply(rule, {"name": name, "kind": kind, "query": query, **options})
    rule.threshold = DEFAULT_THRESHOLDS[AlertKind(rule.kind)]
    _apply(rule, {"threshold": threshold})
    _save(rule, actor)
    return rule


@transaction.atomic
def update_rule(rule: AlertRule, changes: Mapping[str, Any], *, actor: User | None) -> AlertRule:
    """Change any of the rule's settings (see ``RULE_FIELDS``); others are ignored."""
    rule = AlertRule.objects.select_for_update().get(pk=rule.pk)
    _apply(rule, {name: value for name, value in changes.items() if name in RULE_FIELDS})
    _save(rule, actor)
    return rule


@transaction.atomic
def delete_rule(rule: AlertRule, *, actor: User | None) -> dict[str, Any]:
    """Delete a rule with its events; returns what was deleted with it."""
    gone = {
        "id": rule.pk,
        "name": rule.name,
        "events": AlertEvent.objects.for_org(rule.organization).filter(rule=rule).count(),
    }
    rule.delete()
    return gone


@transaction.atomic
def acknowledge_event(event: AlertEvent, *, actor: User | None) -> AlertEvent:
    """Mark the event as seen; the first acknowledgement stays."""
    event = AlertEvent.objects.select_for_update().get(pk=event.pk)
    if event.acknowledged_at is None:
        event.acknowledged_at = timezone.now()
        event.acknowledged_by = actor if getattr(actor, "is_authenticated", False) else None
        event.stamp(actor)
        event.save()
    return event


# --- evaluation -----------------------------------------------------------------------


def window_of(rule: AlertRule, now: datetime) -> tuple[datetime, datetime]:
    """The window ends with the hour ``now`` is in (rollups are hourly), so a spike
    shows while it happens; it starts ``window_hours`` before."""
    end = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    end += timedelta(hours=1)
    return end - timedelta(hours=rule.window_hours), end


def _counts(rows: QuerySet[Rollup], start: datetime, end: datetime) -> tuple[int, int]:
    """Posts, and negative posts, of the rollups from ``start`` up to ``end``."""
    sums = rows.filter(period__gte=start, period__lt=end).aggregate(
        total=Sum("posts"), negative=Sum("posts", filter=Q(sentiment=Sentiment.NEGATIVE))
    )
    return sums["total"] or 0, sums["negative"] or 0


def measure(rule: AlertRule, now: datetime) -> dict[str, Any]:
    """The window's figures against the baseline, and whether they make a spike.

    Volume: posts in the window against the hourly mean of the baseline period times
    the window's hours. Negative share: the percentage of negative posts in the window
    against that of the baseline period.
    """
    rows = Rollup.objects.for_org(rule.organization)
    rows = rows.filter(query=rule.query) if rule.query_id else rows.filter(query__isnull=True)
    start, end = window_of(rule, now)
    posts, negative = _counts(rows, start, end)
    base_posts, base_negative = _counts(rows, start - timedelta(days=rule.baseline_days), start)
    if rule.kind == AlertKind.NEGATIVE_SHARE:
        observed = 100.0 * negative / posts if posts else 0.0
        baseline = 100.0 * base_negative / base_posts if base_posts else 0.0
        spike = observed - baseline >= rule.threshold
    else:
        observed = float(posts)
        baseline = base_posts / (rule.baseline_days * 24) * rule.window_hours
        spike = observed >= rule.threshold * baseline
    return {
        "window_start": start,
        "window_end": end,
        "posts": posts,
        "observed": observed,
        "baseline": baseline,
        "spike": spike and posts >= rule.min_posts,
    }


def _evaluate_rule(rule_id: int, now: datetime) -> AlertEvent | None:
    with transaction.atomic():
        # The lock makes concurrent evaluations of one rule take turns.
        rule = AlertRule.objects.select_for_update().filter(pk=rule_id, is_active=True).first()
        if rule is None:
            return None
        figures = measure(rule, now)
        if not figures["spike"]:
            return None
        events = AlertEvent.objects.for_org(rule.organization).filter(rule=rule)
        quiet_since = now - timedelta(hours=rule.cooldown_hours)
        if events.filter(
            Q(fired_at__gt=quiet_since) | Q(window_end=figures["window_end"])
        ).exists():
            return None
        figures.pop("spike")
        return AlertEvent.objects.create(
            organization=rule.organization,
            rule=rule,
            kind=rule.kind,
            threshold=rule.threshold,
            fired_at=now,
            **figures,
        )


def evaluate_rules(organization: Organization, now: datetime | None = None) -> list[AlertEvent]:
    """Check every active rule of the organisation; returns the events it fired.

    At most one event per rule and window, none within a rule's cool-down: running it
    again (for the same ``now`` or a few minutes later) fires nothing new.
    """
    now = now or timezone.now()
    rules = AlertRule.objects.for_org(organization).filter(is_active=True).order_by("pk")
    fired = []
    for rule_id in rules.values_list("pk", flat=True):
        try:
            event = _evaluate_rule(rule_id, now)
        except IntegrityError:
            event = None  # a concurrent evaluation fired it first
        if event is not None:
            fired.append(event)
    return fired


def evaluate_organization_soon(organization: Organization) -> None:
    """Evaluate the organisation's rules (and deliver what fires) once the current
    transaction commits: call it after an import or a fetch has refreshed the rollups."""
    from socialroadmap.alerts.tasks import evaluate_organization_task
    from socialroadmap.core.jobs import enqueue

    enqueue(evaluate_organization_task, organization.pk)


# --- delivery -------------------------------------------------------------------------


def event_link(event: AlertEvent) -> str:
    path = reverse("alerts:events", kwargs={"org_slug": event.organization.slug})
    return settings.SITE_URL.rstrip("/") + path


def _email(event: AlertEvent) -> None:
    context = {"event": event, "link": event_link(event)}
    parts = []
    for language in ("nl", "en"):
        with translation.override(language):
            parts.append(
                (
                    render_to_string("alerts/event_subject.txt", context).strip(),
                    render_to_string("alerts/event_email.txt", context).strip(),
                )
            )
    subject = " / ".join(dict.fromkeys(subject for subject, _ in parts))
    body = "\n\n-----\n\n".join(body for _, body in parts) + "\n"
    try:
        send_mail(subject, body, None, event.rule.recipients)
    except Exception as error:  # any mail failure is recorded, not raised
        event.email_error = f"{type(error).__name__}: {error}"[:500]
    else:
        event.emailed_at = timezone.now()
        event.email_error = ""


def webhook_payload(event: AlertEvent) -> dict[str, Any]:
    return {
        "organization": event.organization.slug,
        "rule": event.rule.name,
        "kind": event.kind,
        "observed": event.observed,
        "baseline": event.baseline,
        "window_start": event.window_start.isoformat(),
        "window_end": event.window_end.isoformat(),
        "url": event_link(event),
    }


def _call_webhook(url: str, payload: dict[str, Any]) -> str:
    """POST the payload; retry connection errors and 5xx twice. Returns the status."""
    status = ""
    for delay in (0.0, *WEBHOOK_RETRY_DELAYS):
        time.sleep(delay)
        try:
            response = httpx.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
        except httpx.HTTPError as error:
            status = f"error: {type(error).__name__}: {error}"[:500]
            continue
        status = str(response.status_code)
        if response.status_code < 500:
            break
    return status


def deliver_event(event: AlertEvent) -> AlertEvent:
    """E-mail the rule's recipients (Dutch and English) and call its webhook.

    What was delivered is not sent again, so a retry only makes up what failed.
    Failures are recorded on the event (``email_error``, ``webhook_status``).
    """
    event = AlertEvent.objects.select_related("rule", "organization").get(pk=event.pk)
    if event.rule.recipients and event.emailed_at is None:
        _email(event)
    if event.rule.webhook_url and not event.webhook_status.startswith("2"):
        url = event.rule.webhook_url
        if url.startswith("https://") or settings.DEBUG:
            event.webhook_status = _call_webhook(url, webhook_payload(event))
        else:
            event.webhook_status = "error: the webhook must use https://"
        event.webhook_at = timezone.now()
    event.save(update_fields=["emailed_at", "email_error", "webhook_status", "webhook_at"])
    return event
