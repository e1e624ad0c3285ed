"""Project 11 (success indicators): a catalogue of indicators per department, each with
a target per period, and their values per period: computed from the product's own data
(listening, feedback, content) or recorded by hand, imported or sent through the API."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.departments import Department
from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.indicators.choices import (
    DEFAULT_TOLERANCE_PERCENT,
    Direction,
    Metric,
    Origin,
    Period,
)


class Indicator(OrganizationOwnedModel):
    """One measure of success of one department, e.g. "net sentiment on our brand, per
    month, at least +0.30"."""

    department = models.CharField(_("department"), max_length=30, choices=Department)
    name = models.CharField(_("name"), max_length=150)
    metric = models.CharField(_("measure"), max_length=30, choices=Metric)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(
        _("unit"), max_length=30, blank=True, help_text=_("E.g. posts, %, hours, leads.")
    )
    period = models.CharField(_("period"), max_length=10, choices=Period, default=Period.MONTH)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction, default=Direction.HIGHER
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    tolerance_percent = models.PositiveSmallIntegerField(
        _("tolerance (%)"),
        default=DEFAULT_TOLERANCE_PERCENT,
        validators=[MaxValueValidator(100)],
        help_text=_("How far from the target a value is still 'at risk' rather than 'off track'."),
    )
    # For the metrics computed from listening: the query whose posts are counted (share
    # of voice: against all active queries of the organisation).
    query = models.ForeignKey(
        "listening.ListeningQuery",
        verbose_name=_("listening query"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("success indicator")
        verbose_name_plural = _("success indicators")
        ordering = ["department", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "department", "name"], name="indicator_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(OrganizationOwnedModel):
    """An indicator's value for one period (the period's first day)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    period_start = models.DateField(_("period starting"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin, default=Origin.MANUAL)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_start"], name="indicator_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_start}: {self.value}"
