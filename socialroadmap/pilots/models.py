"""The pilot portfolio of project 5: candidate pilots scored on the model's three
criteria (fit, immediate return, learning), their KPIs of three kinds, and the
thresholds a pilot must meet to be chosen."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.models import OrganizationOwnedModel
from socialroadmap.excellence.choices import Department
from socialroadmap.excellence.models import TeamMember
from socialroadmap.pilots.choices import (
    DEFAULT_THRESHOLD,
    SCORE_MAX,
    SCORE_MIN,
    Decision,
    Direction,
    KpiKind,
    KpiStatus,
    PilotStatus,
)

SCORE = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


def _score(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=SCORE, default=3)


class Pilot(OrganizationOwnedModel):
    """A pilot project: a real project with timing, cost, goals and KPIs, scored on the
    three criteria that decide whether it becomes social media's calling card."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    department = models.CharField(_("department"), max_length=30, choices=Department, blank=True)
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("Who runs the pilot day to day.")
    )
    manager = models.ForeignKey(
        TeamMember,
        verbose_name=_("accountable conversation manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pilots",
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    hypothesis = models.TextField(_("hypothesis"), blank=True)
    baseline = models.TextField(_("baseline"), blank=True)
    fit_score = _score(_("fits the organisation (1 to 5)"))
    fit_justification = models.TextField(_("why it fits"), blank=True)
    return_score = _score(_("immediate return (1 to 5)"))
    return_justification = models.TextField(_("why it pays off soon"), blank=True)
    learning_score = _score(_("raises the learning curve (1 to 5)"))
    learning_justification = models.TextField(_("what the company learns"), blank=True)
    feasibility = _score(_("feasibility (1 to 5)"))
    status = models.CharField(
        _("status"), max_length=12, choices=PilotStatus, default=PilotStatus.CANDIDATE
    )
    learned = models.TextField(_("what we learned"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision, blank=True)

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="pilots_pilot_name")
        ]

    def __str__(self) -> str:
        return self.name


class PilotKpi(OrganizationOwnedModel):
    """One KPI of a pilot: of the project itself, of what it should teach, or of the
    internal support it wins for the next step."""

    pilot = models.ForeignKey(
        Pilot, verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="kpis"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=KpiKind)
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    measured = models.DecimalField(
        _("measured value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction, default=Direction.HIGHER
    )

    class Meta:
        verbose_name = _("pilot KPI")
        verbose_name_plural = _("pilot KPIs")
        ordering = ["pilot", "kind", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.pilot.name}: {self.name}"

    @property
    def status(self) -> KpiStatus:
        return kpi_status(self.target, self.measured, self.direction)


def kpi_status(target: Decimal, measured: Decimal | None, direction: str) -> KpiStatus:
    """Met when the measured value reaches the target in the KPI's direction."""
    if measured is None:
        return KpiStatus.NOT_MEASURED
    if direction == Direction.LOWER:
        return KpiStatus.MET if measured <= target else KpiStatus.NOT_MET
    return KpiStatus.MET if measured >= target else KpiStatus.NOT_MET


class PortfolioSettings(OrganizationOwnedModel):
    """The organisation's thresholds: the score a pilot needs on each criterion."""

    fit_threshold = models.PositiveSmallIntegerField(
        _("fit threshold"), validators=SCORE, default=DEFAULT_THRESHOLD
    )
    return_threshold = models.PositiveSmallIntegerField(
        _("return threshold"), validators=SCORE, default=DEFAULT_THRESHOLD
    )
    learning_threshold = models.PositiveSmallIntegerField(
        _("learning threshold"), validators=SCORE, default=DEFAULT_THRESHOLD
    )

    class Meta:
        verbose_name = _("portfolio settings")
        verbose_name_plural = _("portfolio settings")
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="pilots_settings_organization")
        ]

    def __str__(self) -> str:
        return str(_("Portfolio thresholds"))


def kind_coverage(kpis: list[PilotKpi]) -> list[tuple[KpiKind, int, int]]:
    """For each of the three kinds: how many KPIs the pilot has and how many are measured."""
    return [
        (
            kind,
            sum(1 for kpi in kpis if kpi.kind == kind),
            sum(1 for kpi in kpis if kpi.kind == kind and kpi.measured is not None),
        )
        for kind in KpiKind
    ]


def all_kinds_measured(kpis: list[PilotKpi]) -> bool:
    """Every kind has a KPI, and a measured one: the pilot reports in full."""
    return all(measured for _kind, _count, measured in kind_coverage(kpis))
