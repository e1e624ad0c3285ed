"""The centre of excellence: its people (hub and spokes) and the escalation matrix that
says who answers which kind of conversation, and how fast."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.excellence.choices import ConversationKind, Department, Severity, TeamRole


class TeamMember(OrganizationOwnedModel):
    """A person of the centre of excellence: the conversation manager, a member of the
    hub, or the spoke of a department. Not necessarily a user of the product."""

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    role = models.CharField(_("role"), max_length=30, choices=TeamRole)
    department = models.CharField(_("department"), max_length=30, choices=Department, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week on social media"), null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint("organization", Lower("email"), name="excellence_member_email")
        ]

    def __str__(self) -> str:
        return self.name


class EscalationRule(OrganizationOwnedModel):
    """One cell of the escalation matrix: who answers a kind of conversation at a
    severity, who stands in, and within how many minutes."""

    kind = models.CharField(_("kind of conversation"), max_length=20, choices=ConversationKind)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity)
    responsible = models.ForeignKey(
        TeamMember,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="escalation_rules",
    )
    backup = models.ForeignKey(
        TeamMember,
        verbose_name=_("backup"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backup_rules",
    )
    respond_within_minutes = models.PositiveIntegerField(_("respond within (minutes)"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("escalation rule")
        verbose_name_plural = _("escalation rules")
        ordering = ["kind", "severity"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "severity"], name="excellence_rule_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_severity_display()})"

    @property
    def handler(self) -> TeamMember | None:
        """Who takes the conversation now: the responsible person if active, else the
        backup if active, else nobody."""
        if self.responsible.is_active:
            return self.responsible
        if self.backup is not None and self.backup.is_active:
            return self.backup
        return None
