"""The audit log: who changed what in an organisation's tools, and when.

An entry is written by the same service function, in the same transaction, as the change
it describes, so a change that is rolled back leaves no entry either. Entries are never
edited, with one exception: erasing a person (the right to be forgotten) blanks their
name and values in the entries about them (``audit.services.forget``, called by the
erasure of an employee or a panel member).
Entries go when their organisation goes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationScopedQuerySet


class Action(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    APPROVE = "approve", _("Approved")
    PUBLISH = "publish", _("Published")
    IMPORT = "import", _("Imported")
    OTHER = "other", _("Other")


class AuditEntry(models.Model):
    """One change: the row it concerns (kind, id and a label, kept after a deletion),
    the fields that changed with their old and new values, who and when."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept apart from ``actor``: the entry still says who it was when the user is gone.
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    area = models.CharField(_("area"), max_length=50)
    kind = models.CharField(_("kind"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    label = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = OrganizationScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "-at"], name="audit_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.kind} {self.label}"
