from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.alerts.choices import AlertKind
from socialroadmap.alerts.models import AlertRule
from socialroadmap.alerts.services import RULE_FIELDS
from socialroadmap.listening.models import ListeningQuery
from socialroadmap.organizations.models import Organization


class AlertRuleForm(forms.Form):
    """An alert rule; the service checks the values (limits, https, e-mail addresses)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    query = forms.ModelChoiceField(
        label=_("Query"),
        queryset=ListeningQuery.objects.none(),
        required=False,
        empty_label=_("All posts"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=AlertKind.choices)
    threshold = forms.FloatField(
        label=_("Threshold"),
        required=False,
        min_value=0.01,
        help_text=_(
            "Volume: how many times the baseline (empty: 3). "
            "Negative share: percentage points above the baseline (empty: 20)."
        ),
    )
    min_posts = forms.IntegerField(
        label=_("Minimum posts"),
        initial=10,
        min_value=1,
        help_text=_("Fewer posts than this in the window never fire."),
    )
    window_hours = forms.IntegerField(label=_("Window (hours)"), initial=1, min_value=1)
    baseline_days = forms.IntegerField(label=_("Baseline (days)"), initial=7, min_value=1)
    cooldown_hours = forms.IntegerField(label=_("Cool-down (hours)"), initial=6, min_value=0)
    recipients = forms.CharField(
        label=_("E-mail to"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E-mail addresses, separated by commas or new lines."),
    )
    webhook_url = forms.CharField(
        label=_("Webhook URL"),
        required=False,
        max_length=500,
        help_text=_("Optional: an https:// address that receives each alert as JSON."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, organization: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        query_field = self.fields["query"]
        assert isinstance(query_field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        query_field.queryset = ListeningQuery.objects.for_org(organization).order_by("name")

    @staticmethod
    def initial_for(rule: AlertRule) -> dict[str, Any]:
        initial = {name: getattr(rule, name) for name in RULE_FIELDS}
        initial["recipients"] = "\n".join(rule.recipients)
        return initial

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in RULE_FIELDS}
