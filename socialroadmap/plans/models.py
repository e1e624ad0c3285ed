"""Project 8 (social media in every plan): each department's plan with its social
objectives, their owners and the success indicators that show progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.departments import Department
from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.plans.choices import ObjectiveStatus, PlanStage


class DepartmentPlan(OrganizationOwnedModel):
    """The social media part of one department's plan for a period. One plan per
    department of the fixed list; the organisation's own departments go under "Other"
    with their own name."""

    department = models.CharField(_("department"), max_length=30, choices=Department)
    name = models.CharField(
        _("name"),
        max_length=150,
        blank=True,
        help_text=_("For a department of your own (under Other), e.g. Logistics."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=PlanStage, default=PlanStage.NOT_STARTED
    )
    ambition = models.TextField(_("ambition"), blank=True)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("plan owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("department plan")
        verbose_name_plural = _("department plans")
        ordering = ["department", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "department", "name"], name="plan_department"
            )
        ]

    def __str__(self) -> str:
        return self.name or str(Department(self.department).label)


class Objective(OrganizationOwnedModel):
    """One social objective of a plan, with who owns it, when it is due and the
    indicators that show whether it is reached."""

    plan = models.ForeignKey(
        DepartmentPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="objectives",
    )
    title = models.CharField(_("objective"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ObjectiveStatus, default=ObjectiveStatus.PLANNED
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        verbose_name=_("linked indicators"),
        blank=True,
        related_name="objectives",
    )

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title
