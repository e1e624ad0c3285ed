"""Base models: audit fields and the organisation that owns each row of company data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from socialroadmap.organizations.models import Organization


class AuditedModel(models.Model):
    """Who created and last changed a row, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    def stamp(self, actor: Any) -> None:
        """Record ``actor`` (a user, or None for the system) as creator and/or editor."""
        user = actor if getattr(actor, "is_authenticated", False) else None
        if self._state.adding and self.created_by_id is None:
            self.created_by = user
        self.updated_by = user


class OrganizationScopedQuerySet(models.QuerySet):
    """The one way to read company data: always through ``for_org``."""

    def for_org(self, organization: Organization) -> OrganizationScopedQuerySet:
        return self.filter(organization=organization)


class OrganizationOwnedModel(AuditedModel):
    """A row of company data. It belongs to exactly one organisation."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        abstract = True
