"""The internal scan (project 4): which employees are active on social media.

The roster lists employees with their handles and whether they consented to being
looked at. Rankings are computed from the listening app's posts when asked and never
stored, so erasing a person leaves nothing about them behind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.internalscan.handles import Handle, HandleError, parse_handle


class Employee(OrganizationOwnedModel):
    """A person of the organisation on the internal scan's roster.

    One per organisation, name and department (compared without case): two people
    with the same name in one department cannot be told apart by a roster import
    either, while namesakes in different departments are common enough to allow.
    Only employees with ``consent`` ever appear in a ranking.
    """

    full_name = models.CharField(_("name"), max_length=200)
    department = models.CharField(_("department"), max_length=100, blank=True)
    # Links the person to a user of the product (the same address) and receives the
    # knowledge programme's reminders.
    email = models.EmailField(_("e-mail address"), blank=True)
    handles = models.JSONField(
        _("handles"),
        default=list,
        blank=True,
        help_text=_("Social network handles such as x:jan or linkedin:jan-peeters."),
    )
    consent = models.BooleanField(_("consent"), default=False)
    consent_recorded_at = models.DateTimeField(_("consent recorded at"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["full_name", "department", "id"]
        constraints = [
            models.UniqueConstraint(
                "organization",
                Lower("full_name"),
                Lower("department"),
                name="internalscan_employee_once",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def parsed_handles(self) -> list[Handle]:
        """The stored handles (normalised when saved); any unreadable one is skipped."""
        handles = []
        for text in self.handles or []:
            try:
                handles.append(parse_handle(str(text)))
            except HandleError:
                continue  # only a hand edit in the database can store one
        return handles
