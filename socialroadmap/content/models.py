"""The content calendar of project 10 (from campaign thinking to content thinking): the
owned media channels, the content items planned on them and how each item performed."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.content.choices import ChannelKind, ItemStatus, ItemType
from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.excellence.choices import Department

DEFAULT_GAP_DAYS = 7


class ContentSettings(OrganizationOwnedModel):
    """The organisation's settings of the calendar: how many days ahead to warn about."""

    gap_days = models.PositiveSmallIntegerField(
        _("days ahead to check"),
        default=DEFAULT_GAP_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Warn about days without planned content in this many coming days (1-60)."),
    )

    class Meta:
        verbose_name = _("content settings")
        verbose_name_plural = _("content settings")
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="content_settings_org")
        ]

    def __str__(self) -> str:
        return str(_("Content settings"))


class Channel(OrganizationOwnedModel):
    """An owned media channel: the website, the newsletter, an account on a network.
    A Mastodon or Bluesky channel may carry an API credential to publish through."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ChannelKind, default=ChannelKind.OTHER
    )
    handle = models.CharField(
        _("handle or URL"), max_length=300, blank=True, help_text=_("E.g. @mertens or a link.")
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    api_url = models.URLField(
        _("API address"),
        max_length=300,
        blank=True,
        help_text=_(
            "For publishing: the Mastodon instance or the Bluesky PDS, e.g. https://mastodon.social."
        ),
    )
    api_account = models.CharField(
        _("API account"),
        max_length=200,
        blank=True,
        help_text=_("For Bluesky: the handle that logs in, e.g. mertens.bsky.social."),
    )
    # Sealed (encrypted, or an env: reference); never shown again.
    credential = models.TextField(_("credential"), blank=True, editable=False)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="content_channel_name")
        ]

    def __str__(self) -> str:
        return self.name


class ContentItem(OrganizationOwnedModel):
    """One piece of content: an idea, a draft, approved for a day, or published."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text or brief"), blank=True)
    channel = models.ForeignKey(
        Channel,
        verbose_name=_("channel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=20, choices=Department, blank=True)
    item_type = models.CharField(
        _("type"), max_length=10, choices=ItemType, default=ItemType.ALWAYS_ON
    )
    campaign = models.CharField(_("campaign"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus, default=ItemStatus.IDEA
    )
    planned_at = models.DateTimeField(_("planned for"), null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    published_url = models.URLField(_("published link"), max_length=500, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Publishing through an API: the claim that keeps a retry from posting twice, the
    # network's id of the post once it exists, and the last error.
    publishing_since = models.DateTimeField(null=True, blank=True, editable=False)
    external_id = models.CharField(max_length=200, blank=True, editable=False)
    publish_error = models.TextField(_("publishing error"), blank=True, editable=False)

    class Meta:
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        ordering = ["planned_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def day(self) -> datetime | None:
        """The moment it appears on the calendar: published, else planned."""
        return self.published_at or self.planned_at


class ItemMetrics(OrganizationOwnedModel):
    """How an item performed, as last measured (imported or typed in)."""

    item = models.OneToOneField(
        ContentItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="metrics"
    )
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    impressions = models.PositiveIntegerField(_("impressions"), null=True, blank=True)
    clicks = models.PositiveIntegerField(_("clicks"), null=True, blank=True)
    likes = models.PositiveIntegerField(_("likes"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("shares"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments"), null=True, blank=True)
    measured_at = models.DateField(_("measured on"), null=True, blank=True)

    class Meta:
        verbose_name = _("item metrics")
        verbose_name_plural = _("item metrics")

    def __str__(self) -> str:
        return f"{self.item}"
