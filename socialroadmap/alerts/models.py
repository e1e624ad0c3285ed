"""Alert rules over the listening rollups, and the events they fire.

A rule compares the last window of posts (from ``listening.Rollup`` rows, never raw
posts) with a baseline of the days before it. An event stores the figures, not a text:
the message is built when it is shown, in the reader's language.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialroadmap.alerts.choices import AlertKind
from socialroadmap.core.models import OrganizationOwnedModel


class AlertRule(OrganizationOwnedModel):
    """When to warn: a spike in volume or in the negative share of one query's posts
    (or of all posts), and whom to tell (e-mail addresses and an optional webhook)."""

    name = models.CharField(_("name"), max_length=100)
    query = models.ForeignKey(
        "listening.ListeningQuery",
        verbose_name=_("query"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: all posts."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind)
    threshold = models.FloatField(
        _("threshold"),
        help_text=_(
            "Volume: how many times the baseline (e.g. 3). "
            "Negative share: percentage points above the baseline (e.g. 20)."
        ),
    )
    min_posts = models.PositiveIntegerField(
        _("minimum posts"),
        default=10,
        help_text=_("Fewer posts than this in the window never fire."),
    )
    window_hours = models.PositiveSmallIntegerField(
        _("window (hours)"), default=1, help_text=_("The last hours that are compared.")
    )
    baseline_days = models.PositiveSmallIntegerField(
        _("baseline (days)"),
        default=7,
        help_text=_("The days before the window that give the normal level."),
    )
    cooldown_hours = models.PositiveSmallIntegerField(
        _("cool-down (hours)"),
        default=6,
        help_text=_("After an alert, the rule stays quiet for this long."),
    )
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    webhook_url = models.URLField(_("webhook URL"), max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="alerts_rule_name")
        ]

    def __str__(self) -> str:
        return self.name


class AlertEvent(OrganizationOwnedModel):
    """One time a rule fired: the window, what was seen, the baseline, and how the
    news went out (e-mail, webhook) and who acknowledged it."""

    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind)
    threshold = models.FloatField(_("threshold"))
    fired_at = models.DateTimeField(_("fired at"))
    window_start = models.DateTimeField(_("window start"))
    window_end = models.DateTimeField(_("window end"))
    posts = models.PositiveIntegerField(_("posts in the window"))
    observed = models.FloatField(_("observed"))
    baseline = models.FloatField(_("baseline"))
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_error = models.CharField(_("e-mail error"), max_length=500, blank=True)
    webhook_status = models.CharField(
        _("webhook status"),
        max_length=500,
        blank=True,
        help_text=_("The HTTP status the webhook answered, or the error."),
    )
    webhook_at = models.DateTimeField(_("webhook called at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("alert event")
        verbose_name_plural = _("alert events")
        ordering = ["-fired_at", "-pk"]
        constraints = [
            # One event per rule and window: a retried evaluation cannot fire twice.
            models.UniqueConstraint(fields=["rule", "window_end"], name="alerts_event_window")
        ]
        indexes = [models.Index(fields=["organization", "-fired_at"], name="alerts_event_fired")]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.fired_at:%Y-%m-%d %H:%M}"

    @property
    def message(self) -> str:
        """What happened, in the active language, built from the stored figures."""
        if self.kind == AlertKind.NEGATIVE_SHARE:
            return gettext(
                "%(rule)s: %(observed).0f%% negative posts (%(posts)d posts), "
                "against %(baseline).0f%% normally."
            ) % {
                "rule": self.rule.name,
                "observed": self.observed,
                "posts": self.posts,
                "baseline": self.baseline,
            }
        return gettext("%(rule)s: %(observed).0f posts, against %(baseline).1f normally.") % {
            "rule": self.rule.name,
            "observed": self.observed,
            "baseline": self.baseline,
        }
