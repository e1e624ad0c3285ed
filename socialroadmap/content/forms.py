from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialroadmap.content.choices import ItemStatus
from socialroadmap.content.models import Channel, ContentItem, ItemMetrics
from socialroadmap.content.services import CHANNEL_FIELDS, ITEM_FIELDS, METRIC_FIELDS
from socialroadmap.excellence.choices import Department


def _https_first(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Links typed without a scheme get https:// (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ServiceForm(forms.ModelForm):
    """A row whose service checks and saves it (``changes`` is what it gets)."""

    def validate_unique(self) -> None:
        """The service says "already exists" with a readable message."""

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields or ()}


class ChannelForm(ServiceForm):
    credential = forms.CharField(
        label=_("API credential"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "For publishing: a Mastodon access token or a Bluesky app password, or env:NAME "
            "to read it from the environment. Stored encrypted and never shown again; "
            "leave empty to keep the stored one."
        ),
    )

    class Meta:
        formfield_callback = _https_first
        model = Channel
        fields = CHANNEL_FIELDS

    def changes(self) -> dict[str, Any]:
        values = super().changes()
        values.pop("credential", None)
        return values


class ItemForm(ServiceForm):
    planned_at = forms.DateTimeField(
        label=_("Planned for"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        formfield_callback = _https_first
        model = ContentItem
        fields = ITEM_FIELDS
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shown = Q(is_active=True)
        if self.instance.channel_id:
            shown |= Q(pk=self.instance.channel_id)
        self.fields["channel"].queryset = Channel.objects.for_org(  # type: ignore[attr-defined]
            organization
        ).filter(shown)


class NewItemForm(ItemForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ItemStatus.IDEA, ItemStatus.IDEA.label),
            (ItemStatus.DRAFT, ItemStatus.DRAFT.label),
        ],
        initial=ItemStatus.IDEA,
    )

    def changes(self) -> dict[str, Any]:
        return {**super().changes(), "status": self.cleaned_data["status"]}


class MetricsForm(forms.ModelForm):
    class Meta:
        model = ItemMetrics
        fields = METRIC_FIELDS
        widgets = {"measured_at": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in METRIC_FIELDS}


class MetricsImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One item a line. Header: item (the item's number) or url (its published "
            "link), and any of reach, impressions, clicks, likes, shares, comments, "
            "measured_at (YYYY-MM-DD). Figures already stored are updated."
        ),
    )


class SettingsForm(forms.Form):
    gap_days = forms.IntegerField(
        label=_("Days ahead to check"),
        min_value=1,
        max_value=60,
        help_text=_("Warn about days without planned content in this many coming days."),
    )


class CalendarFilterForm(forms.Form):
    """The calendar's filters (GET); a wrong value is ignored."""

    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), required=False
    )
    department = forms.ChoiceField(
        label=_("Department"), choices=[("", "---------"), *Department.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "---------"), *ItemStatus.choices], required=False
    )

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.for_org(  # type: ignore[attr-defined]
            organization
        )
