from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.leverage.choices import Metric, Per, SocialLink
from socialroadmap.leverage.models import Communication
from socialroadmap.leverage.services import COMMUNICATION_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"


class CommunicationForm(forms.ModelForm):
    """A communication with its outcomes; the service checks and saves it."""

    links = forms.MultipleChoiceField(
        label=_("Links to the social platforms"),
        choices=SocialLink.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Communication
        fields = COMMUNICATION_FIELDS
        widgets = {
            "starts_on": DateInput(format="%Y-%m-%d"),
            "ends_on": DateInput(format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        control_for = cast(forms.ModelChoiceField, self.fields["control_for"])
        candidates = Communication.objects.for_org(self.instance.organization).filter(linked=True)
        if self.instance.pk is not None:
            candidates = candidates.exclude(pk=self.instance.pk)
        control_for.queryset = candidates.order_by("name")

    def validate_unique(self) -> None:
        """The service says "already registered" with a readable message."""

    def _post_clean(self) -> None:
        """The service validates; the form only parses what was typed."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in COMMUNICATION_FIELDS}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One communication a line. Header: name, channel, starts_on (YYYY-MM-DD), "
            "ends_on, cost, linked (yes/no), links (hashtag|share_buttons|call_to_action|"
            "cross_posting), is_control, control_for (the name of the linked communication), "
            "notes, reach, visits, leads, sales, revenue. Name and start date are required; "
            "a name already registered is updated."
        ),
    )


class LiftForm(forms.Form):
    """The outcome to compare on, chosen in the address (GET)."""

    metric = forms.ChoiceField(label=_("Outcome"), choices=Metric.choices, required=False)
    per = forms.ChoiceField(label=_("Counted"), choices=Per.choices, required=False)

    def chosen(self) -> tuple[str, str]:
        if not self.is_valid():
            return Metric.REACH, Per.NOTHING
        return self.cleaned_data["metric"] or Metric.REACH, self.cleaned_data["per"] or Per.NOTHING
