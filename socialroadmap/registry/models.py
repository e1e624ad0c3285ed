"""The registry of project 3 (social media infrastructure): which accounts exist, who
owns them, and which software and hardware the organisation uses for social media."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.registry.choices import HardwareKind, TwoFactor


class SocialAccount(OrganizationOwnedModel):
    """One account of the organisation on a social network, with the people who own it
    and what makes it safe (a backup owner, two-factor login, no shared password)."""

    network = models.CharField(
        _("network"), max_length=40, help_text=_("E.g. x, linkedin, facebook, instagram.")
    )
    handle = models.CharField(_("handle"), max_length=200, help_text=_("Without the @."))
    url = models.URLField(_("link"), max_length=500, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("A name or an e-mail address.")
    )
    backup_owner = models.CharField(
        _("backup owner"), max_length=200, blank=True, help_text=_("A name or an e-mail address.")
    )
    two_factor = models.CharField(
        _("two-factor login"), max_length=10, choices=TwoFactor, default=TwoFactor.UNKNOWN
    )
    shared_credentials = models.BooleanField(
        _("shared credentials"),
        default=False,
        help_text=_("Several people log in with the same password."),
    )
    last_activity = models.DateField(_("last activity"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("social media account")
        verbose_name_plural = _("social media accounts")
        ordering = ["network", "handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "network", "handle"], name="registry_account_handle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network}: @{self.handle}"


class Tool(OrganizationOwnedModel):
    """Software used for social media (a scheduler, a listening tool), with its licences."""

    name = models.CharField(_("name"), max_length=100)
    vendor = models.CharField(_("vendor"), max_length=100, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    licences = models.PositiveIntegerField(_("licences"), null=True, blank=True)
    renewal_date = models.DateField(_("renewal date"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="registry_tool_name")
        ]

    def __str__(self) -> str:
        return self.name


class Hardware(OrganizationOwnedModel):
    """A device used for social media work (a phone for the webcare team, a camera)."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=HardwareKind, default=HardwareKind.OTHER
    )
    assigned_to = models.CharField(_("assigned to"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("hardware")
        verbose_name_plural = _("hardware")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
