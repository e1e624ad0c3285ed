"""The communications of project 12 (the leverage effect): newsletters, ads, events and
campaigns, whether they pointed to the social platforms, and what they achieved, so
the organisation can measure its own lift instead of trusting the reported 10-15%."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.leverage.choices import Channel

MAX_COUNT = 2_000_000_000
MAX_MONEY_DIGITS = 12


class Communication(OrganizationOwnedModel):
    """One communication or campaign with its outcomes. A control is the same
    communication without the social link (``control_for`` names the linked one), so
    the two can be compared pair by pair."""

    name = models.CharField(_("name"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel, default=Channel.OTHER)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (euro)"), max_digits=MAX_MONEY_DIGITS, decimal_places=2, null=True, blank=True
    )
    linked = models.BooleanField(
        _("linked to the social platforms"),
        default=False,
        help_text=_(
            "It carried a hashtag, share buttons, a social call to action or was cross-posted."
        ),
    )
    links = models.JSONField(_("links"), default=list, blank=True)
    is_control = models.BooleanField(
        _("control"),
        default=False,
        help_text=_("The same communication without the social link, to compare with."),
    )
    control_for = models.ForeignKey(
        "self",
        verbose_name=_("control for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="controls",
        help_text=_("The linked communication this control is compared with."),
    )
    notes = models.TextField(_("notes"), blank=True)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    visits = models.PositiveIntegerField(_("visits"), null=True, blank=True)
    leads = models.PositiveIntegerField(_("leads"), null=True, blank=True)
    sales = models.PositiveIntegerField(_("sales"), null=True, blank=True)
    revenue = models.DecimalField(
        _("revenue (euro)"),
        max_digits=MAX_MONEY_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="leverage_comm_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def days(self) -> int:
        """How many days it ran (one when it has no end date)."""
        end = self.ends_on or self.starts_on
        return max(1, (end - self.starts_on).days + 1)
