from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.core.departments import Department
from socialroadmap.indicators.models import Indicator
from socialroadmap.indicators.services import INDICATOR_FIELDS
from socialroadmap.listening.models import ListeningQuery


class IndicatorForm(forms.ModelForm):
    """An indicator; the service checks and saves it. ``departments`` limits the choice
    (a contributor: their own)."""

    target = forms.CharField(
        label=_("Target"),
        required=False,
        help_text=_("The value to reach per period; empty: no target yet."),
    )

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "direction": _(
                "Whether a higher value is better (leads) or a lower one (response time)."
            ),
            "query": _(
                "For conversation volume, sentiment and share of voice: whose posts are "
                "counted. Empty: all posts (share of voice needs a query)."
            ),
        }

    def __init__(self, *args: Any, departments: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        query = cast(forms.ModelChoiceField, self.fields["query"])
        query.queryset = ListeningQuery.objects.for_org(self.instance.organization).order_by("name")
        if departments is not None:
            department = cast(forms.ChoiceField, self.fields["department"])
            department.choices = [(k, v) for k, v in Department.choices if k in departments]
        if self.instance.pk is not None and self.instance.target is not None:
            self.initial["target"] = f"{self.instance.target.normalize():f}"

    def validate_unique(self) -> None:
        """The service says "already there" with a readable message."""

    def _post_clean(self) -> None:
        """The service validates; the form only parses what was typed."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in INDICATOR_FIELDS}


class ValueForm(forms.Form):
    period = forms.DateField(
        label=_("Period"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Any day of the period: the value counts for the whole week, month, quarter or year."
        ),
    )
    value = forms.CharField(label=_("Value"), max_length=40)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One value a line. Header: indicator (its name), department (optional when the "
            "name is unique), period_start (YYYY-MM-DD, the first day of the indicator's "
            "period), value (a decimal comma or point), note. A value already there for the "
            "period is replaced."
        ),
    )
