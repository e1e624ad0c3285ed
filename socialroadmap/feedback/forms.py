from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialroadmap.excellence.choices import Department
from socialroadmap.excellence.models import TeamMember
from socialroadmap.feedback.choices import FeedbackKind, State
from socialroadmap.feedback.models import FeedbackItem
from socialroadmap.organizations.models import Organization

FORM_FIELDS = (
    "kind",
    "severity",
    "title",
    "text",
    "source",
    "source_reference",
    "customer_name",
    "department",
)


class ItemForm(forms.ModelForm):
    """An item's own fields; the service checks and saves them."""

    class Meta:
        model = FeedbackItem
        fields: tuple[str, ...] = FORM_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in FORM_FIELDS}


class PostItemForm(ItemForm):
    """From a listening post: the source is the post."""

    class Meta(ItemForm.Meta):
        fields = ("kind", "severity", "title", "text", "customer_name", "department")

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}


class TransitionForm(forms.Form):
    state = forms.ChoiceField(choices=State.choices)
    action = forms.CharField(
        label=_("Action"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = TeamMember.objects.for_org(organization).filter(is_active=True)  # type: ignore[attr-defined]


class TargetsForm(forms.Form):
    """Two numbers per kind of feedback; empty falls back on the defaults."""

    def __init__(self, *args: Any, initial_targets: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in FeedbackKind.choices:
            target = initial_targets.get(kind)
            self.fields[f"{kind}_acknowledge_hours"] = forms.IntegerField(
                label=_("%(kind)s: acknowledge within (hours)") % {"kind": label},
                required=False,
                min_value=1,
                max_value=24 * 90,
                initial=target.acknowledge_hours if target else None,
            )
            self.fields[f"{kind}_action_days"] = forms.IntegerField(
                label=_("%(kind)s: act within (days)") % {"kind": label},
                required=False,
                min_value=1,
                max_value=365,
                initial=target.action_days if target else None,
            )


class FilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any")), ("open", _("Open")), *State.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *FeedbackKind.choices]
    )
    department = forms.ChoiceField(
        label=_("Department"), required=False, choices=[("", _("Any")), *Department.choices]
    )
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    overdue = forms.BooleanField(label=_("Waiting too long"), required=False)

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = TeamMember.objects.for_org(organization).order_by("name")
        field = self.fields["owner"]
        field.choices = [  # type: ignore[attr-defined]
            ("", _("Anyone")),
            ("none", _("Nobody yet")),
            *((str(p.pk), p.name) for p in people),
        ]
