from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.accounts.models import User
from socialroadmap.core.departments import Department
from socialroadmap.indicators.models import Indicator
from socialroadmap.organizations.models import Membership
from socialroadmap.plans.choices import PlanStage
from socialroadmap.plans.models import DepartmentPlan, Objective
from socialroadmap.plans.services import OBJECTIVE_FIELDS, PLAN_FIELDS, may_change


class DateInput(forms.DateInput):
    input_type = "date"


class PlanForm(forms.ModelForm):
    """A department's plan; the department list holds those the member may work on."""

    class Meta:
        model = DepartmentPlan
        fields = PLAN_FIELDS
        widgets = {
            "period_start": DateInput(format="%Y-%m-%d"),
            "period_end": DateInput(format="%Y-%m-%d"),
            "ambition": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = cast(forms.ChoiceField, self.fields["department"])
        department.choices = [
            (value, label) for value, label in Department.choices if may_change(membership, value)
        ]
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        members = Membership.objects.for_org(membership.organization).values("user")
        owner.queryset = User.objects.filter(pk__in=members).order_by("full_name", "email")

    def validate_unique(self) -> None:
        """The service says "already has a plan" with a readable message."""

    def _post_clean(self) -> None:
        """The service validates; the form only parses what was typed."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in PLAN_FIELDS}


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=PlanStage.choices)


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({Department(obj.department).label})"


class ObjectiveForm(forms.ModelForm):
    """An objective; the indicators of the plan's department are offered first."""

    indicators = IndicatorChoiceField(
        label=_("Linked indicators"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The success indicators that show whether the objective is reached."),
    )

    class Meta:
        model = Objective
        fields = OBJECTIVE_FIELDS
        widgets = {
            "due_on": DateInput(format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"owner": _("Who carries it, e.g. a name.")}

    def __init__(self, *args: Any, plan: DepartmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = Indicator.objects.for_org(plan.organization)
        ordered = sorted(
            rows, key=lambda i: (i.department != plan.department, i.department, i.name)
        )
        field = cast(IndicatorChoiceField, self.fields["indicators"])
        field.queryset = rows
        field.choices = [(i.pk, field.label_from_instance(i)) for i in ordered]
        if self.instance.pk is not None and not self.is_bound:
            self.initial["indicators"] = [i.pk for i in self.instance.indicators.all()]

    def _post_clean(self) -> None:
        """The service validates; the form only parses what was typed."""

    def changes(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in OBJECTIVE_FIELDS}
        data["indicators"] = [i.pk for i in self.cleaned_data.get("indicators") or []]
        return data
