"""The social media policy of project 2 (HR strategy): the organisation's policy, its
versions (the decisions of the builder plus the organisation's own text, approved by an
owner before publication) and who acknowledged the published version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.policy.choices import AcknowledgementSource, VersionStatus


def _user(verbose_name: Any) -> Any:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class Policy(OrganizationOwnedModel):
    """The organisation's social media policy ("conversation guide"); one per organisation."""

    title_en = models.CharField(_("title (English)"), max_length=200)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [models.UniqueConstraint(fields=["organization"], name="policy_one_per_org")]

    def __str__(self) -> str:
        return self.title_en

    def title(self, language: str) -> str:
        return self.title_nl if language.lower().startswith("nl") else self.title_en


class PolicyVersion(OrganizationOwnedModel):
    """One version of the policy. Its content is fixed once approved; at most one
    version of a policy is published at a time."""

    policy = models.ForeignKey(
        Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus, default=VersionStatus.DRAFT
    )
    decisions = models.JSONField(_("decisions"), default=dict, blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    closing_en = models.TextField(_("closing text (English)"), blank=True)
    closing_nl = models.TextField(_("closing text (Dutch)"), blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    submitted_by = _user(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = _user(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    published_by = _user(_("published by"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_number"),
            models.UniqueConstraint(
                fields=["policy"],
                condition=Q(status=VersionStatus.PUBLISHED),
                name="policy_one_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"

    def text(self, name: str, language: str) -> str:
        """The organisation's own ``intro`` or ``closing`` text in ``language``."""
        suffix = "nl" if language.lower().startswith("nl") else "en"
        return str(getattr(self, f"{name}_{suffix}"))


class Acknowledgement(OrganizationOwnedModel):
    """A person read and accepted a published version: a member for themselves (linked to
    their roster row when their e-mail matches one), or a roster person recorded by a
    conversation manager or imported."""

    version = models.ForeignKey(
        PolicyVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    user = _user(_("user"))
    employee = models.ForeignKey(
        "internalscan.Employee",
        verbose_name=_("employee"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))
    source = models.CharField(_("source"), max_length=10, choices=AcknowledgementSource)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "user"],
                condition=Q(user__isnull=False),
                name="policy_ack_user_once",
            ),
            models.UniqueConstraint(
                fields=["version", "employee"],
                condition=Q(employee__isnull=False),
                name="policy_ack_employee_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.version}"

    @property
    def person(self) -> str:
        if self.employee is not None:
            return self.employee.full_name
        if self.user is not None:
            return self.user.full_name or self.user.email
        return "—"
