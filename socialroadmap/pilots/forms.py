from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.excellence.choices import Department
from socialroadmap.excellence.models import TeamMember
from socialroadmap.organizations.models import Organization
from socialroadmap.pilots.choices import (
    SCORE_MAX,
    SCORE_MIN,
    Decision,
    Direction,
    KpiKind,
    PilotStatus,
)
from socialroadmap.pilots.models import Pilot, PilotKpi, PortfolioSettings
from socialroadmap.pilots.services import KPI_FIELDS, PILOT_FIELDS, THRESHOLD_FIELDS

SCORES = [(str(s), str(s)) for s in range(SCORE_MIN, SCORE_MAX + 1)]
RETROSPECTIVE = ("learned", "decision")


class DateInput(forms.DateInput):
    """A date picker; it reads ISO dates whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _score(label: Any, help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=SCORES, coerce=int, initial="3", help_text=help_text
    )


def _long(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PilotForm(forms.Form):
    """A pilot with its scores; the service checks the values."""

    name = forms.CharField(label=_("Name"), max_length=150)
    description = _long(_("Description"))
    department = forms.ChoiceField(
        label=_("Department"), choices=[("", "—"), *Department.choices], required=False
    )
    owner = forms.CharField(
        label=_("Owner"),
        max_length=200,
        required=False,
        help_text=_("Who runs the pilot day to day."),
    )
    manager = forms.ModelChoiceField(
        label=_("Accountable conversation manager"),
        queryset=TeamMember.objects.none(),
        required=False,
        help_text=_("From the centre of excellence's team."),
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    budget = forms.DecimalField(
        label=_("Budget (euro)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    hypothesis = _long(_("Hypothesis"), _("What we expect the pilot to show."))
    baseline = _long(_("Baseline"), _("Where we stand before the pilot starts."))
    fit_score = _score(_("Fits the organisation (1 to 5)"))
    fit_justification = _long(_("Why it fits"), rows=2)
    return_score = _score(_("Immediate return (1 to 5)"))
    return_justification = _long(_("Why it pays off soon"), rows=2)
    learning_score = _score(_("Raises the learning curve (1 to 5)"))
    learning_justification = _long(_("What the company learns"), rows=2)
    feasibility = _score(_("Feasibility (1 to 5)"), _("5: easy to do with what we have."))
    learned = _long(_("What we learned"), _("The retrospective; needed to complete the pilot."))
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "—"), *Decision.choices], required=False
    )

    def __init__(self, organization: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["manager"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = TeamMember.objects.for_org(organization).order_by("name")

    @staticmethod
    def initial_for(pilot: Pilot) -> dict[str, Any]:
        return {name: getattr(pilot, name) for name in PILOT_FIELDS}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in PILOT_FIELDS if name in self.fields}


class KpiForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=KpiKind.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = forms.DecimalField(
        label=_("Baseline"), required=False, max_digits=14, decimal_places=2
    )
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    measured = forms.DecimalField(
        label=_("Measured value"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty until it is measured."),
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)

    @staticmethod
    def initial_for(kpi: PilotKpi) -> dict[str, Any]:
        return {name: getattr(kpi, name) for name in KPI_FIELDS}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in KPI_FIELDS}


def _threshold(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=SCORES, coerce=int)


class ThresholdsForm(forms.Form):
    fit_threshold = _threshold(_("Fit at least"))
    return_threshold = _threshold(_("Return at least"))
    learning_threshold = _threshold(_("Learning at least"))

    @staticmethod
    def initial_for(row: PortfolioSettings) -> dict[str, Any]:
        return {name: str(getattr(row, name)) for name in THRESHOLD_FIELDS}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in THRESHOLD_FIELDS}


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *PilotStatus.choices],
        required=False,
    )
