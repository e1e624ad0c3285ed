from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.excellence.choices import ConversationKind, Department, Severity, TeamRole
from socialroadmap.excellence.models import EscalationRule, TeamMember
from socialroadmap.excellence.services import MEMBER_FIELDS, RULE_FIELDS
from socialroadmap.organizations.models import Organization


class TeamMemberForm(forms.Form):
    """A person of the centre of excellence; the service checks the values."""

    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)
    department = forms.ChoiceField(
        label=_("Department"),
        choices=[("", "—"), *Department.choices],
        required=False,
        help_text=_("Required for a department spoke."),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week on social media"), required=False, min_value=0, max_value=80
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @staticmethod
    def initial_for(member: TeamMember) -> dict[str, Any]:
        return {name: getattr(member, name) for name in MEMBER_FIELDS}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in MEMBER_FIELDS}


class EscalationRuleForm(forms.Form):
    """One cell of the escalation matrix, with the organisation's team to choose from."""

    kind = forms.ChoiceField(label=_("Kind of conversation"), choices=ConversationKind.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    responsible = forms.ModelChoiceField(label=_("Responsible"), queryset=TeamMember.objects.none())
    backup = forms.ModelChoiceField(
        label=_("Backup"), queryset=TeamMember.objects.none(), required=False
    )
    respond_within_minutes = forms.IntegerField(
        label=_("Respond within (minutes)"), min_value=1, max_value=40_320, initial=60
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, organization: Organization, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = TeamMember.objects.for_org(organization).order_by("name")
        for name in ("responsible", "backup"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
            field.queryset = team

    @staticmethod
    def initial_for(rule: EscalationRule) -> dict[str, Any]:
        return {name: getattr(rule, name) for name in RULE_FIELDS}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in RULE_FIELDS}
